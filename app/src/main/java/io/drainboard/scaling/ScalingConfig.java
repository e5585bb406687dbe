package io.drainboard.scaling;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How one ECS service is scaled, as Application Auto Scaling, CloudWatch and (on EC2) EC2 Auto Scaling report it:
 * its scalable target, its policies with the alarms behind them, its scheduled actions and the capacity its
 * instances can hold.
 */
public record ScalingConfig(Optional<Target> target, List<Policy> policies, List<Alarm> alarms,
                            List<Scheduled> scheduled, Optional<Ec2Capacity> ec2) {
    public ScalingConfig {
        policies = List.copyOf(policies);
        alarms = List.copyOf(alarms);
        scheduled = List.copyOf(scheduled);
    }

    /** RegisterScalableTarget's bounds and suspended state. */
    public record Target(int min, int max, boolean scaleInSuspended, boolean scaleOutSuspended) {
    }

    public enum Kind { TARGET_TRACKING, STEP }

    /** What a policy's metric measures, in the operator's words. */
    public enum Measures {
        SESSIONS("sessions"), CPU("CPU"), MEMORY("memory"), OTHER("another metric");

        public final String words;

        Measures(String words) {
            this.words = words;
        }
    }

    /** One step of a step policy: bounds relative to its alarm's threshold (null = infinite). */
    public record Step(Double lower, Double upper, int adjustment) {
    }

    /**
     * A scaling policy. Target tracking: {@code targetValue}, both cooldowns, {@code disableScaleIn}. Step:
     * {@code adjustmentType}, {@code steps}, {@code cooldown}; its alarms are those whose actions name its ARN.
     */
    public record Policy(String name, String arn, Kind kind, String metricNamespace, String metricName,
                         Optional<String> predefinedType, double targetValue, Duration scaleOutCooldown,
                         Duration scaleInCooldown, boolean disableScaleIn, String adjustmentType, List<Step> steps,
                         Duration cooldown, List<String> alarmNames) {
        public Policy {
            steps = List.copyOf(steps);
            alarmNames = List.copyOf(alarmNames);
        }

        public Measures measures() {
            String p = predefinedType.orElse("");
            if (p.contains("CPU") || metricName.equalsIgnoreCase("CPUUtilization")) return Measures.CPU;
            if (p.contains("Memory") || metricName.equalsIgnoreCase("MemoryUtilization")) return Measures.MEMORY;
            if (tracksHeadroom()) return Measures.SESSIONS;
            String n = metricName.toLowerCase(Locale.ROOT);
            if (n.contains("session") || n.contains("worker_load") || n.contains("active_jobs") || n.contains("calls")
                    || n.contains("utilisation") || n.contains("utilization")) {
                return Measures.SESSIONS;
            }
            return Measures.OTHER;
        }

        /**
         * The metric is the headroom load the guard service publishes (sessions plus an idle room sized from the ramp,
         * over desired tasks × capacity): 1.0 already leaves the idle room, so a share check does not apply.
         */
        public boolean tracksHeadroom() {
            return io.drainboard.drain.SessionHeadroom.METRIC.equals(metricName);
        }

        /** The metric is a fraction of worker capacity (0–1, e.g. agent_worker_load), not a count per task. */
        public boolean fractionOfCapacity() {
            String n = metricName.toLowerCase(Locale.ROOT);
            return n.contains("load") || n.contains("utilisation") || n.contains("utilization");
        }

        /** Whether this policy can remove tasks. */
        public boolean scalesIn() {
            if (kind == Kind.TARGET_TRACKING) return !disableScaleIn;
            return steps.stream().anyMatch(s -> "ExactCapacity".equals(adjustmentType) || s.adjustment() < 0);
        }

        /** Whether this policy can add tasks. */
        public boolean scalesOut() {
            if (kind == Kind.TARGET_TRACKING) return true;
            return steps.stream().anyMatch(s -> "ExactCapacity".equals(adjustmentType) || s.adjustment() > 0);
        }

        public String metricLabel() {
            return predefinedType.orElse(metricNamespace + " " + metricName);
        }
    }

    /** A CloudWatch alarm behind a policy (DescribeAlarms). */
    public record Alarm(String name, String namespace, String metricName, int periodSeconds, int evaluationPeriods,
                        int datapointsToAlarm, double threshold, String comparison, List<String> actions,
                        String state) {
        public Alarm {
            actions = List.copyOf(actions);
        }

        /** How long the metric must breach before the alarm fires. */
        public Duration evaluation() {
            return Duration.ofSeconds((long) periodSeconds * datapointsToAlarm);
        }

        public boolean below() {
            return comparison.startsWith("LessThan");
        }
    }

    public record Scheduled(String name, String schedule, Optional<Integer> min, Optional<Integer> max) {
    }

    /**
     * EC2: the Auto Scaling group behind the cluster, its maximum size and how many of the service's tasks one of
     * its instances holds (by registered CPU and memory against the task definition's).
     */
    public record Ec2Capacity(String group, int maxSize, int tasksPerInstance, String basis, Optional<CapacityProvider> provider) {
        public Ec2Capacity(String group, int maxSize, int tasksPerInstance, String basis) {
            this(group, maxSize, tasksPerInstance, basis, Optional.empty());
        }

        public int maxTasks() {
            return maxSize * tasksPerInstance;
        }
    }

    /**
     * The cluster's ECS capacity provider over the group (DescribeCapacityProviders): managed scaling sizes the group so
     * the tasks use {@code targetCapacity} % of it (ECS API Reference "ManagedScaling").
     */
    public record CapacityProvider(String name, boolean managedScaling, int targetCapacity, boolean managedTerminationProtection) {
    }

    public static ScalingConfig none() {
        return new ScalingConfig(Optional.empty(), List.of(), List.of(), List.of(), Optional.empty());
    }

    /** The alarms acting on {@code p}. */
    public List<Alarm> alarmsOf(Policy p) {
        return alarms.stream().filter(a -> a.actions().contains(p.arn()) || p.alarmNames().contains(a.name())).toList();
    }
}
