package io.drainboard.aws;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.time.Duration;

/**
 * An Application Auto Scaling client aimed where an ECS client already points (same region, endpoint and
 * credentials provider), so a rollout reaches the service's scalable target through the same account
 * without the profile being read twice. The HTTP client is set explicitly (docs/aws-facts.md#sdk-clients); SDK retries are
 * off because the rollout retries a failed step itself on its next pass.
 */
public final class AppAutoScalingClients implements AutoCloseable {
    private final SdkHttpClient http;
    private final ApplicationAutoScalingClient client;

    public AppAutoScalingClients(EcsClient like) {
        var config = like.serviceClientConfiguration();
        this.http = ApacheHttpClient.builder().maxConnections(2).connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30)).build();
        var b = ApplicationAutoScalingClient.builder().httpClient(http).region(config.region())
                .credentialsProvider(config.credentialsProvider())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(30)).build());
        config.endpointOverride().ifPresent(b::endpointOverride);
        this.client = b.build();
    }

    public ApplicationAutoScalingClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        http.close();
    }
}
