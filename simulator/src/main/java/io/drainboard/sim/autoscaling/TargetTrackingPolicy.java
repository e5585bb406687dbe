package io.drainboard.sim.autoscaling;

import io.drainboard.sim.cloudwatch.MetricId;

import java.time.Duration;
import java.time.Instant;

/**
 * A target tracking scaling policy on a customized or predefined metric
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingScalingPolicyConfiguration.html).
 * ECS's default cooldowns are 300 s each way ("Define cooldown periods",
 * https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html).
 *
 * @param predefinedMetricType ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization or
 *                             ALBRequestCountPerTarget; null for a customized metric
 */
public record TargetTrackingPolicy(String name, String arn, double targetValue, MetricId metric, String statistic,
                                   Duration scaleOutCooldown, Duration scaleInCooldown, boolean disableScaleIn,
                                   String alarmHighName, String alarmLowName, Instant createdAt,
                                   String predefinedMetricType) implements ScalingPolicy {
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(300);
}
