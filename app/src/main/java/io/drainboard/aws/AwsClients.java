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
 * chosen explicitly (DESIGN.md §8) and sized to the console's bounded concurrency. The read path's clients
 * ({@link #readEcs()}, {@link #cloudWatch()}) have the SDK's own retries off: {@link RequestScheduler}
 * retries throttling with its own jittered backoff, so a throttled request never holds one of the few
 * in-flight slots while it sleeps, and every retry is counted. {@link #ecs()} keeps the SDK's standard
 * retries for callers that send single requests outside the scheduler (protection, stop, deploy).
 */
public final class AwsClients implements AutoCloseable {
    private final SdkHttpClient http;
    private final EcsClient ecs;
    private final EcsClient readEcs;
    private final CloudWatchClient cloudWatch;
    private final AutoScalingClient autoScaling;
    private final AutoScalingClient readAutoScaling;

    public AwsClients(AwsTarget target, int maxConcurrency) {
        this.http = ApacheHttpClient.builder()
                .maxConnections(Math.max(4, maxConcurrency * 2))
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        ClientOverrideConfiguration standard = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallTimeout(Duration.ofSeconds(60))
                .build();
        ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(Duration.ofSeconds(60))
                .build();
        this.ecs = build(EcsClient.builder(), target, standard);
        this.readEcs = build(EcsClient.builder(), target, override);
        this.cloudWatch = build(CloudWatchClient.builder(), target, override);
        this.autoScaling = build(AutoScalingClient.builder(), target, standard);
        this.readAutoScaling = build(AutoScalingClient.builder(), target, override);
    }

    /** Every client the same way: the shared HTTP client, the target's region, credentials and endpoint. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, AwsTarget target,
                                                                                        ClientOverrideConfiguration retries) {
        builder.httpClient(http).region(Region.of(target.region())).credentialsProvider(target.credentials())
                .overrideConfiguration(retries);
        target.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** ECS with the SDK's standard retries, for single requests sent outside the scheduler. */
    public EcsClient ecs() {
        return ecs;
    }

    /** ECS without SDK retries, for requests sent through {@link RequestScheduler}. */
    public EcsClient readEcs() {
        return readEcs;
    }

    public CloudWatchClient cloudWatch() {
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
        cloudWatch.close();
        http.close();
    }
}
