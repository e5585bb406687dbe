package io.drainboard.sim.autoscaling;

import io.drainboard.sim.cloudwatch.FleetMetrics;
import io.drainboard.sim.cloudwatch.MetricId;

/**
 * What every scenario service gets until scenarios say otherwise: a scalable target from its desired
 * count (minimum) to twice that (maximum), and a target tracking policy that keeps the service's mean
 * worker load at {@value #TARGET_LOAD} with ECS's default 300 s cooldowns. The minimum being the
 * scenario's count means the default policy only ever adds tasks on a load spike and removes them again,
 * never shrinking the fleet the scenario describes.
 */
public final class ScalingDefaults {
    public static final double TARGET_LOAD = 0.75;
    public static final String POLICY_NAME = "agent-load-target-tracking";

    private ScalingDefaults() {
    }

    public static void apply(ScalableTargets targets, String namespace) {
        for (ScalingFleet.ServiceRef s : targets.fleetServices()) {
            int desired = targets.desiredCount(s);
            targets.register(s.resourceId(), new ScalableTargets.Registration(desired, Math.max(1, 2 * desired),
                    null, null, null, null));
            targets.putTargetTracking(s.resourceId(), POLICY_NAME, TARGET_LOAD,
                    MetricId.of(namespace, FleetMetrics.WORKER_LOAD, "ClusterName", s.cluster(), "ServiceName", s.service()),
                    TargetTrackingPolicy.DEFAULT_COOLDOWN, TargetTrackingPolicy.DEFAULT_COOLDOWN, false);
        }
    }
}
