package io.drainboard.scaling;

import java.time.Duration;

/** A fix the console can apply through Application Auto Scaling or EC2 Auto Scaling (confirmed and audited first). */
public sealed interface FixChange {
    /** What the confirmation dialog and the audit log say. */
    String describe();

    /** RegisterScalableTarget with new bounds (null keeps a bound). */
    record Bounds(String cluster, String service, Integer min, Integer max) implements FixChange {
        public String describe() {
            return "register the scalable target of " + cluster + "/" + service + " with"
                    + (min != null ? " min " + min : "") + (max != null ? " max " + max : "");
        }
    }

    /** PutScalingPolicy: target tracking on the sessions metric. */
    record SessionsPolicy(String cluster, String service, String policyName, String namespace, String metricName,
                          double targetValue, Duration scaleOutCooldown, Duration scaleInCooldown,
                          boolean disableScaleIn) implements FixChange {
        public String describe() {
            return "put target tracking policy " + policyName + " on " + cluster + "/" + service + ": " + namespace + " "
                    + metricName + " at " + targetValue + ", scale-out cooldown " + scaleOutCooldown.toSeconds()
                    + " s, scale-in cooldown " + scaleInCooldown.toSeconds() + " s" + (disableScaleIn ? ", scale-in disabled" : "");
        }
    }

    /** DeleteScalingPolicy: a policy that scales in, where the guard service's direct scaling sets the count. */
    record DeletePolicy(String cluster, String service, String policyName) implements FixChange {
        public String describe() {
            return "delete scaling policy " + policyName + " of " + cluster + "/" + service;
        }
    }

    /** PutScheduledAction: the bounds a scheduled action sets (its name and schedule kept). */
    record ScheduledBounds(String cluster, String service, String name, String schedule, Integer min, Integer max)
            implements FixChange {
        public String describe() {
            return "set scheduled action " + name + " (" + schedule + ") of " + cluster + "/" + service + " to"
                    + (min != null ? " min " + min : "") + (max != null ? " max " + max : "");
        }
    }

    /** UpdateAutoScalingGroup MaxSize. */
    record GroupMax(String group, int maxSize) implements FixChange {
        public String describe() {
            return "set the maximum size of Auto Scaling group " + group + " to " + maxSize;
        }
    }
}
