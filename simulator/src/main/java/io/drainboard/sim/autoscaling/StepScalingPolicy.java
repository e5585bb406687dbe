package io.drainboard.sim.autoscaling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A step scaling policy (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepScalingPolicyConfiguration.html):
 * a CloudWatch alarm whose actions name the policy invokes it; the step is chosen by how far the metric is
 * from the alarm's threshold (bounds relative to the threshold, lower inclusive, upper exclusive; null = infinite).
 *
 * @param adjustmentType ChangeInCapacity, PercentChangeInCapacity or ExactCapacity
 */
public record StepScalingPolicy(String name, String arn, String adjustmentType, List<Step> steps,
                                Integer minAdjustmentMagnitude, Duration cooldown, String metricAggregationType,
                                Instant createdAt) implements ScalingPolicy {
    public record Step(Double lowerBound, Double upperBound, int adjustment) {
        boolean contains(double breach) {
            return (lowerBound == null || breach >= lowerBound) && (upperBound == null || breach < upperBound);
        }
    }

    public StepScalingPolicy {
        steps = List.copyOf(steps);
    }

    /** The step for a metric {@code breach} above (positive) or below (negative) the alarm's threshold. */
    public java.util.Optional<Step> stepFor(double breach) {
        return steps.stream().filter(s -> s.contains(breach)).findFirst();
    }

    /** The capacity this policy asks for from {@code current} with {@code step}. */
    public int capacity(int current, Step step) {
        return switch (adjustmentType) {
            case "ExactCapacity" -> step.adjustment();
            case "PercentChangeInCapacity" -> {
                double change = current * step.adjustment() / 100.0;
                // A fractional change is rounded toward zero, one between -1 and 1 to ±1 (Application Auto Scaling
                // User Guide, "Step scaling policies", PercentChangeInCapacity)
                int n = Math.abs(change) < 1 ? (int) Math.signum(change) : (int) change;
                if (minAdjustmentMagnitude != null && Math.abs(n) < minAdjustmentMagnitude) {
                    n = (int) Math.signum(change) * minAdjustmentMagnitude;
                }
                yield current + n;
            }
            default -> current + step.adjustment();
        };
    }
}
