package io.drainboard.sim.autoscaling;

import java.time.Instant;

/**
 * A registered scalable target (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_ScalableTarget.html)
 * for an ECS service's DesiredCount, with its suspended state. Mutable; guarded by {@link ScalableTargets}.
 */
public final class ScalableTarget {
    public static final String NAMESPACE = "ecs";
    public static final String DIMENSION = "ecs:service:DesiredCount";

    final ScalingFleet.ServiceRef service;
    final String arn;
    final Instant createdAt;
    String roleArn;
    int min;
    int max;
    boolean scaleInSuspended;
    boolean scaleOutSuspended;
    boolean scheduledSuspended;
    final java.util.List<ScalingPolicy> policies = new java.util.ArrayList<>();
    Instant lastScaleOut;
    Instant lastScaleIn;
    /** Per step policy: when it last changed the capacity (its own cooldown). */
    final java.util.Map<String, Instant> lastStep = new java.util.HashMap<>();
    /** Per step policy: the capacity its last change asked for. */
    final java.util.Map<String, Integer> lastStepTarget = new java.util.HashMap<>();

    ScalableTarget(ScalingFleet.ServiceRef service, String arn, Instant createdAt, String roleArn, int min, int max) {
        this.service = service;
        this.arn = arn;
        this.createdAt = createdAt;
        this.roleArn = roleArn;
        this.min = min;
        this.max = max;
    }

    public String resourceId() { return service.resourceId(); }
    public ScalingFleet.ServiceRef service() { return service; }
    public String arn() { return arn; }
    public Instant createdAt() { return createdAt; }
    public String roleArn() { return roleArn; }
    public int min() { return min; }
    public int max() { return max; }
    public boolean scaleInSuspended() { return scaleInSuspended; }
    public boolean scaleOutSuspended() { return scaleOutSuspended; }
    public boolean scheduledSuspended() { return scheduledSuspended; }
    /** The first target tracking policy, or null: what the simulator's defaults put there. */
    public TargetTrackingPolicy policy() {
        for (ScalingPolicy p : policies) if (p instanceof TargetTrackingPolicy t) return t;
        return null;
    }

    public java.util.List<ScalingPolicy> policies() { return java.util.List.copyOf(policies); }
}
