package io.drainboard.aws;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.time.Duration;

/**
 * Builds the real AWS SDK v2 clients for one target (a region, or the simulator). The HTTP client is
 * chosen explicitly (docs/aws-facts.md#sdk-clients) and sized to the console's bounded concurrency. The read path's clients
 * ({@link #readEcs()}, {@link #cloudWatch()}) have the SDK's own retries off: {@link RequestScheduler}
 * retries throttling with its own jittered backoff, so a throttled request never holds one of the few
 * in-flight slots while it sleeps, and every retry is counted. {@link #ecs()} keeps the SDK's standard
 * retries for callers that send single requests outside the scheduler (protection, stop, deploy).
 */
public final class AwsClients implements AutoCloseable {
    private final SdkHttpClient http;
    private final EcsClient ecs;
    private final EcsClient readEcs;
    private final AwsTarget target;
    private final ClientOverrideConfiguration noRetries;
    /** Built on first use: the first fleet read does not need it, and a cold client costs the start ~0.1 s. */
    private CloudWatchClient cloudWatch;
    private final AutoScalingClient autoScaling;
    private final AutoScalingClient readAutoScaling;

    public AwsClients(AwsTarget target, int maxConcurrency) {
        ApacheHttpClient.Builder http = ApacheHttpClient.builder()
                .maxConnections(Math.max(4, maxConcurrency * 2))
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30));
        // A plain-http endpoint (the simulator on 127.0.0.1) never needs TLS: without this the client builds
        // its TLS context (trust store, hostname verifier) up front, ~0.2 s of the demo's start on its critical path.
        if (target.endpoint().map(u -> "http".equalsIgnoreCase(u.getScheme())).orElse(false)) http.socketFactory(new NoTls());
        this.http = http.build();
        ClientOverrideConfiguration.Builder standard = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallTimeout(Duration.ofSeconds(60));
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(Duration.ofSeconds(60));
        if (target.readOnly()) {
            ReadOnlyAccount refuse = new ReadOnlyAccount(target.account().orElse("?"), target.region());
            standard.addExecutionInterceptor(refuse);
            override.addExecutionInterceptor(refuse);
        }
        this.ecs = build(EcsClient.builder(), target, standard.build());
        this.readEcs = build(EcsClient.builder(), target, override.build());
        this.target = target;
        this.noRetries = override.build();
        this.autoScaling = build(AutoScalingClient.builder(), target, standard.build());
        this.readAutoScaling = build(AutoScalingClient.builder(), target, override.build());
    }

    /** Every client the same way: the shared HTTP client, the target's region, credentials and endpoint. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, AwsTarget target,
                                                                                        ClientOverrideConfiguration retries) {
        builder.httpClient(http).region(Region.of(target.region())).credentialsProvider(target.credentials())
                .overrideConfiguration(retries);
        target.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Where these clients point (region, account if known). */
    public AwsTarget target() {
        return target;
    }

    /**
     * One client of each account and region, picked by the ARN of what a call touches ({@link Regional}).
     *
     * @param which the client of each {@code AwsClients} (e.g. {@code AwsClients::ecs})
     */
    public static <C> Regional<C> byRegion(java.util.List<AwsClients> clients, java.util.function.Function<AwsClients, C> which) {
        java.util.List<Regional.Entry<C>> entries = new java.util.ArrayList<>();
        for (AwsClients c : clients) entries.add(new Regional.Entry<>(c.target.region(), c.target.account(), which.apply(c)));
        return Regional.of(entries);
    }

    /** ECS with the SDK's standard retries, for single requests sent outside the scheduler. */
    public EcsClient ecs() {
        return ecs;
    }

    /** ECS without SDK retries, for requests sent through {@link RequestScheduler}. */
    public EcsClient readEcs() {
        return readEcs;
    }

    public synchronized CloudWatchClient cloudWatch() {
        if (cloudWatch == null) cloudWatch = build(CloudWatchClient.builder(), target, noRetries);
        return cloudWatch;
    }

    /** EC2 Auto Scaling with standard retries, for instance protection sent outside the scheduler. */
    public AutoScalingClient autoScaling() {
        return autoScaling;
    }

    /** EC2 Auto Scaling without SDK retries, for reads sent through {@link RequestScheduler}. */
    public AutoScalingClient readAutoScaling() {
        return readAutoScaling;
    }

    @Override
    public void close() {
        autoScaling.close();
        readAutoScaling.close();
        ecs.close();
        readEcs.close();
        synchronized (this) {
            if (cloudWatch != null) cloudWatch.close();
        }
        http.close();
    }

    /** The https socket factory of a client whose endpoint is plain http: says so instead of connecting. */
    private static final class NoTls implements org.apache.http.conn.socket.ConnectionSocketFactory {
        @Override
        public java.net.Socket createSocket(org.apache.http.protocol.HttpContext context) throws java.io.IOException {
            throw new java.io.IOException("TLS is not set up: this client's endpoint is plain http");
        }

        @Override
        public java.net.Socket connectSocket(int timeout, java.net.Socket sock, org.apache.http.HttpHost host,
                                             java.net.InetSocketAddress remote, java.net.InetSocketAddress local,
                                             org.apache.http.protocol.HttpContext context) throws java.io.IOException {
            throw new java.io.IOException("TLS is not set up: this client's endpoint is plain http");
        }
    }
}
