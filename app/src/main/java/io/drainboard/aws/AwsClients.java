package io.drainboard.aws;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.time.Duration;

/**
 * Builds the real AWS SDK v2 clients for one target. The HTTP client is chosen explicitly (DESIGN.md
 * §8) and sized to the console's bounded concurrency so requests queue here, not at AWS.
 */
public final class AwsClients implements AutoCloseable {
    private final SdkHttpClient http;
    private final EcsClient ecs;

    public AwsClients(AwsTarget target, int maxConcurrency) {
        this.http = ApacheHttpClient.builder()
                .maxConnections(Math.max(4, maxConcurrency * 2))
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallTimeout(Duration.ofSeconds(60))
                .build();
        var builder = EcsClient.builder()
                .httpClient(http)
                .region(Region.of(target.region()))
                .credentialsProvider(target.credentials())
                .overrideConfiguration(override);
        target.endpoint().ifPresent(builder::endpointOverride);
        this.ecs = builder.build();
    }

    public EcsClient ecs() {
        return ecs;
    }

    @Override
    public void close() {
        ecs.close();
        http.close();
    }
}
