package io.drainboard;

import io.drainboard.sim.Simulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/** Real SDK clients pointed at a simulator, for tests that act on the fleet outside the console. */
public final class SimClients {
    private SimClients() {
    }

    public static EcsClient ecs(Simulator sim) {
        return EcsClient.builder().endpointOverride(sim.endpoint()).region(Region.of(sim.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(ApacheHttpClient.create()).build();
    }

    public static ApplicationAutoScalingClient appAutoScaling(Simulator sim) {
        return ApplicationAutoScalingClient.builder().endpointOverride(sim.endpoint()).region(Region.of(sim.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(ApacheHttpClient.create()).build();
    }

    public static AutoScalingClient autoScaling(Simulator sim) {
        return AutoScalingClient.builder().endpointOverride(sim.endpoint()).region(Region.of(sim.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(ApacheHttpClient.create()).build();
    }
}
