package io.drainboard.scaling;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.time.Duration;

/**
 * Application Auto Scaling and CloudWatch clients aimed where an ECS client points (region, endpoint, credentials),
 * with the SDK's standard retries: a check or a fix sends a handful of single requests outside the read path's
 * scheduler, and neither publishes a request rate to pace against. The HTTP client is set explicitly (docs/aws-facts.md#sdk-clients).
 */
public final class ScalingClients implements AutoCloseable {
    private final SdkHttpClient http;
    private final ApplicationAutoScalingClient aas;
    private final CloudWatchClient cloudWatch;

    public ScalingClients(EcsClient like) {
        var config = like.serviceClientConfiguration();
        this.http = ApacheHttpClient.builder().maxConnections(2).connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30)).build();
        ClientOverrideConfiguration retries = ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                .apiCallTimeout(Duration.ofSeconds(60)).build();
        var a = ApplicationAutoScalingClient.builder().httpClient(http).region(config.region())
                .credentialsProvider(config.credentialsProvider()).overrideConfiguration(retries);
        var c = CloudWatchClient.builder().httpClient(http).region(config.region())
                .credentialsProvider(config.credentialsProvider()).overrideConfiguration(retries);
        config.endpointOverride().ifPresent(u -> {
            a.endpointOverride(u);
            c.endpointOverride(u);
        });
        this.aas = a.build();
        this.cloudWatch = c.build();
    }

    public ApplicationAutoScalingClient applicationAutoScaling() {
        return aas;
    }

    public CloudWatchClient cloudWatch() {
        return cloudWatch;
    }

    @Override
    public void close() {
        aas.close();
        cloudWatch.close();
        http.close();
    }
}
