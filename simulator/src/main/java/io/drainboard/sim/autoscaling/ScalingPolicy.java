package io.drainboard.sim.autoscaling;

import java.time.Instant;

/** A scaling policy on a scalable target: target tracking or step scaling (PutScalingPolicy's PolicyType). */
public sealed interface ScalingPolicy permits TargetTrackingPolicy, StepScalingPolicy {
    String name();

    String arn();

    Instant createdAt();
}
