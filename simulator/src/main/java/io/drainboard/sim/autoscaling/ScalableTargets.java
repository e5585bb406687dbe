package io.drainboard.sim.autoscaling;

import io.drainboard.sim.cloudwatch.Alarms;
import io.drainboard.sim.cloudwatch.MetricId;
import io.drainboard.sim.cloudwatch.MetricStore;
import io.drainboard.sim.cloudwatch.Statistic;
import io.drainboard.sim.http.AwsException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Application Auto Scaling for ECS services (guarded by the fleet's lock, which the minute ticker
 * already holds when it evaluates): the registered scalable targets and a target tracking
 * autoscaler evaluated once a minute of virtual time on the published (so delayed) CloudWatch metric.
 * <p>
 * Target tracking as the user guide describes it
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html):
 * Application Auto Scaling creates two alarms; the high one fires after 3 consecutive one-minute
 * datapoints above the target and the low one after 15 consecutive datapoints below 90 % of it (the
 * alarms it creates, as shown in the CloudWatch console). Scale-out is proportional and quick:
 * capacity × metric / target, rounded up; scale-in is conservative: only when the low alarm fires, and never
 * below what keeps the metric under the target. Each direction waits out its own cooldown. Capacity
 * stays within [MinCapacity, MaxCapacity]; a suspended direction does nothing
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_SuspendedState.html).
 */
public final class ScalableTargets {
    public static final int HIGH_ALARM_DATAPOINTS = 3;
    public static final int LOW_ALARM_DATAPOINTS = 15;
    public static final double LOW_ALARM_FRACTION = 0.9;

    /** One change of desired count the autoscaler made, for ground truth. */
    public record Activity(Instant at, String resourceId, int from, int to, String cause) {
    }

    private final ScalingFleet fleet;
    private final MetricStore metrics;
    private final Clock clock;
    private final String region;
    private final String account;
    private final Map<String, ScalableTarget> targets = new LinkedHashMap<>();
    private final List<Activity> activities = new ArrayList<>();
    private final Map<String, ScheduledAction> scheduled = new LinkedHashMap<>();
    private final Alarms alarms;

    public ScalableTargets(ScalingFleet fleet, MetricStore metrics, Clock clock, String region, String account) {
        this(fleet, metrics, clock, region, account, new Alarms(metrics, region, account));
    }

    /** With the region's CloudWatch alarms: step policies are invoked by them, target tracking's are shown there. */
    public ScalableTargets(ScalingFleet fleet, MetricStore metrics, Clock clock, String region, String account,
                           Alarms alarms) {
        this.fleet = fleet;
        this.metrics = metrics;
        this.clock = clock;
        this.region = region;
        this.account = account;
        this.alarms = alarms;
        alarms.addManaged(this::targetTrackingAlarms);
    }

    public Alarms alarms() { return alarms; }

    /** Changes to one registration; null fields keep their value (RegisterScalableTarget updates in place). */
    public record Registration(Integer min, Integer max, String roleArn, Boolean scaleInSuspended,
                               Boolean scaleOutSuspended, Boolean scheduledSuspended) {
    }

    /**
     * RegisterScalableTarget: creates or updates. A new target needs min and max; the service's desired
     * count is then brought inside [min, max] ("it changes the resource's current capacity to a value that
     * is inside of this range", API reference).
     */
    public ScalableTarget register(String resourceId, Registration r) {
        synchronized (fleet.lock()) {
            ScalingFleet.ServiceRef ref = parse(resourceId);
            OptionalInt desired = fleet.desiredCount(ref);
            if (desired.isEmpty()) throw validation("ECS service doesn't exist: " + resourceId);
            ScalableTarget t = targets.get(resourceId);
            if (t == null) {
                if (r.min() == null || r.max() == null) {
                    throw validation("MinCapacity and MaxCapacity are required for registering a new scalable target");
                }
                t = new ScalableTarget(ref, arnFor(resourceId), clock.instant(),
                        r.roleArn() != null ? r.roleArn() : serviceLinkedRole(), r.min(), r.max());
                check(r.min(), r.max());
                targets.put(resourceId, t);
            } else {
                check(r.min() != null ? r.min() : t.min, r.max() != null ? r.max() : t.max);
            }
            if (r.min() != null) t.min = r.min();
            if (r.max() != null) t.max = r.max();
            if (r.roleArn() != null) t.roleArn = r.roleArn();
            if (r.scaleInSuspended() != null) t.scaleInSuspended = r.scaleInSuspended();
            if (r.scaleOutSuspended() != null) t.scaleOutSuspended = r.scaleOutSuspended();
            if (r.scheduledSuspended() != null) t.scheduledSuspended = r.scheduledSuspended();
            int now = desired.getAsInt();
            int clamped = Math.max(t.min, Math.min(t.max, now));
            if (clamped != now) change(t, now, clamped, "registered capacity range [" + t.min + ", " + t.max + "]");
            return t;
        }
    }

    /** Puts a target tracking policy on a registered target (replacing one of the same name), as PutScalingPolicy would. */
    public TargetTrackingPolicy putTargetTracking(String resourceId, String policyName, double targetValue,
                                                  MetricId metric, Duration scaleOutCooldown,
                                                  Duration scaleInCooldown, boolean disableScaleIn) {
        return putTargetTracking(resourceId, policyName, targetValue, metric, "Average", null, scaleOutCooldown,
                scaleInCooldown, disableScaleIn);
    }

    public TargetTrackingPolicy putTargetTracking(String resourceId, String policyName, double targetValue,
                                                  MetricId metric, String statistic, String predefinedType,
                                                  Duration scaleOutCooldown, Duration scaleInCooldown,
                                                  boolean disableScaleIn) {
        synchronized (fleet.lock()) {
            ScalableTarget t = requireTarget(resourceId);
            String arn = policyArn(resourceId, policyName);
            String alarm = "TargetTracking-" + resourceId + "-Alarm";
            TargetTrackingPolicy p = new TargetTrackingPolicy(policyName, arn, targetValue, metric, statistic,
                    scaleOutCooldown, scaleInCooldown, disableScaleIn,
                    alarm + "High-" + UUID.nameUUIDFromBytes((arn + "H").getBytes(StandardCharsets.UTF_8)),
                    alarm + "Low-" + UUID.nameUUIDFromBytes((arn + "L").getBytes(StandardCharsets.UTF_8)), clock.instant(),
                    predefinedType);
            replace(t, p);
            return p;
        }
    }

    /** Puts a step scaling policy (replacing one of the same name); an alarm's actions must name its ARN. */
    public StepScalingPolicy putStepScaling(String resourceId, String policyName, String adjustmentType,
                                            List<StepScalingPolicy.Step> steps, Integer minAdjustmentMagnitude,
                                            Duration cooldown, String aggregation) {
        synchronized (fleet.lock()) {
            ScalableTarget t = requireTarget(resourceId);
            StepScalingPolicy p = new StepScalingPolicy(policyName, policyArn(resourceId, policyName), adjustmentType,
                    steps, minAdjustmentMagnitude, cooldown, aggregation, clock.instant());
            replace(t, p);
            return p;
        }
    }

    /** DeleteScalingPolicy: ObjectNotFoundException when the target has no such policy. */
    public void deletePolicy(String resourceId, String policyName) {
        synchronized (fleet.lock()) {
            ScalableTarget t = targets.get(resourceId);
            if (t == null || !t.policies.removeIf(p -> p.name().equals(policyName))) {
                throw new AwsException("ObjectNotFoundException", "No scaling policy found for service namespace: ecs,"
                        + " resource ID: " + resourceId + ", scalable dimension: " + ScalableTarget.DIMENSION
                        + ", policy name: " + policyName);
            }
        }
    }

    public ScheduledAction putScheduledAction(String resourceId, String name, String schedule, String timezone,
                                              Instant start, Instant end, Integer min, Integer max) {
        synchronized (fleet.lock()) {
            requireTarget(resourceId);
            if (schedule == null || !(schedule.startsWith("at(") || schedule.startsWith("rate(")
                    || schedule.startsWith("cron("))) {
                throw validation("Schedule must be at(...), rate(...) or cron(...)");
            }
            UUID id = UUID.nameUUIDFromBytes((resourceId + "/scheduled/" + name).getBytes(StandardCharsets.UTF_8));
            ScheduledAction a = new ScheduledAction(name, "arn:aws:autoscaling:" + region + ":" + account
                    + ":scheduledAction:" + id + ":resource/ecs/" + resourceId + ":scheduledActionName/" + name,
                    resourceId, schedule, timezone == null ? "UTC" : timezone, start, end, min, max, clock.instant());
            scheduled.put(resourceId + "\n" + name, a);
            return a;
        }
    }

    public void deleteScheduledAction(String resourceId, String name) {
        synchronized (fleet.lock()) {
            if (scheduled.remove(resourceId + "\n" + name) == null) {
                throw new AwsException("ObjectNotFoundException", "No scheduled action found for " + resourceId + " named " + name);
            }
        }
    }

    public List<ScheduledAction> scheduledActions() {
        synchronized (fleet.lock()) {
            return new ArrayList<>(scheduled.values());
        }
    }

    private ScalableTarget requireTarget(String resourceId) {
        ScalableTarget t = targets.get(resourceId);
        if (t == null) throw new AwsException("ObjectNotFoundException", "No scalable target registered for " + resourceId);
        return t;
    }

    private static void replace(ScalableTarget t, ScalingPolicy p) {
        for (int i = 0; i < t.policies.size(); i++) {
            if (t.policies.get(i).name().equals(p.name())) {
                t.policies.set(i, p);
                return;
            }
        }
        t.policies.add(p);
    }

    private String policyArn(String resourceId, String policyName) {
        UUID id = UUID.nameUUIDFromBytes((resourceId + "/" + policyName).getBytes(StandardCharsets.UTF_8));
        return "arn:aws:autoscaling:" + region + ":" + account + ":scalingPolicy:" + id + ":resource/ecs/"
                + resourceId + ":policyName/" + policyName;
    }

    /** DeregisterScalableTarget: the target and its policies go; the desired count stays (tests: a service with no target). */
    public void deregister(String resourceId) {
        synchronized (fleet.lock()) {
            targets.remove(resourceId);
        }
    }

    public List<ScalableTarget> targets() {
        synchronized (fleet.lock()) {
            return new ArrayList<>(targets.values());
        }
    }

    public ScalableTarget target(String resourceId) {
        synchronized (fleet.lock()) {
            return targets.get(resourceId);
        }
    }

    public List<Activity> activities() {
        synchronized (fleet.lock()) {
            return new ArrayList<>(activities);
        }
    }

    public String region() { return region; }

    /** The fleet's ECS services, whether registered or not. */
    public List<ScalingFleet.ServiceRef> fleetServices() {
        return fleet.services();
    }

    /** A service's desired count now (0 when it does not exist). */
    public int desiredCount(ScalingFleet.ServiceRef s) {
        return fleet.desiredCount(s).orElse(0);
    }

    public String account() { return account; }

    /** One minute of the alarms and the policy, for every target with a policy. */
    public void evaluate(Instant now) {
        synchronized (fleet.lock()) {
            for (ScalableTarget t : targets.values()) {
                for (ScalingPolicy p : List.copyOf(t.policies)) {
                    if (p instanceof TargetTrackingPolicy tt) evaluate(t, tt, now);
                }
            }
        }
    }

    private void evaluate(ScalableTarget t, TargetTrackingPolicy p, Instant now) {
        OptionalInt desired = fleet.desiredCount(t.service);
        if (desired.isEmpty()) return;
        int current = desired.getAsInt();
        List<MetricStore.Datapoint> points = metrics.query(p.metric(), now.minus(Duration.ofMinutes(LOW_ALARM_DATAPOINTS + 5)),
                now, 60, statistic(p), now);
        if (points.isEmpty()) return;
        double latest = points.get(points.size() - 1).value();
        if (!t.scaleOutSuspended && lastN(points, HIGH_ALARM_DATAPOINTS, v -> v > p.targetValue())
                && waited(t.lastScaleOut, p.scaleOutCooldown(), now)) {
            int wanted = Math.min(t.max, (int) Math.ceil(current * latest / p.targetValue()));
            if (wanted > current) {
                change(t, current, wanted, "alarm " + p.alarmHighName() + " in state ALARM");
                t.lastScaleOut = now;
            }
            return;
        }
        if (!t.scaleInSuspended && !p.disableScaleIn()
                && lastN(points, LOW_ALARM_DATAPOINTS, v -> v < p.targetValue() * LOW_ALARM_FRACTION)
                && waited(t.lastScaleIn, p.scaleInCooldown(), now) && waited(t.lastScaleOut, p.scaleInCooldown(), now)) {
            int wanted = Math.max(t.min, Math.max(1, (int) Math.ceil(current * latest / p.targetValue())));
            if (wanted < current) {
                change(t, current, wanted, "alarm " + p.alarmLowName() + " in state ALARM");
                t.lastScaleIn = now;
            }
        }
    }

    private static Statistic statistic(TargetTrackingPolicy p) {
        Statistic s = Statistic.parse(p.statistic());
        return s == null ? Statistic.Average : s;
    }

    /**
     * An alarm in ALARM invokes a step policy (every minute while it stays there, see {@link Alarms}). The step
     * is picked by the breach (metric − threshold); the policy's cooldown holds a scale-in after any activity of
     * the policy, and a scale-out only when it would not add beyond what the last one asked for (Application Auto
     * Scaling User Guide, "Step scaling policies", cooldown: during a scale-out cooldown "the capacity added by the
     * initiating scale-out activity is calculated as part of the desired capacity for the next scale-out").
     */
    public void invokeStep(String policyArn, Alarms.Alarm alarm, double value, Instant now) {
        synchronized (fleet.lock()) {
            for (ScalableTarget t : targets.values()) {
                for (ScalingPolicy p : t.policies) {
                    if (p instanceof StepScalingPolicy sp && sp.arn().equals(policyArn)) step(t, sp, alarm, value, now);
                }
            }
        }
    }

    private void step(ScalableTarget t, StepScalingPolicy p, Alarms.Alarm alarm, double value, Instant now) {
        OptionalInt desired = fleet.desiredCount(t.service);
        if (desired.isEmpty()) return;
        int current = desired.getAsInt();
        var step = p.stepFor(value - alarm.threshold());
        if (step.isEmpty()) return;
        int wanted = Math.max(t.min, Math.min(t.max, p.capacity(current, step.get())));
        if (wanted == current) return;
        boolean out = wanted > current;
        if (out ? t.scaleOutSuspended : t.scaleInSuspended) return;
        Instant last = t.lastStep.get(p.arn());
        boolean cooling = last != null && now.isBefore(last.plus(p.cooldown()));
        if (cooling && !out) return;
        if (cooling && out && t.lastScaleOut != null && !t.lastScaleOut.isBefore(last)
                && wanted <= t.lastStepTarget.getOrDefault(p.arn(), current)) return;
        change(t, current, wanted, "monitor alarm " + alarm.name() + " in state ALARM triggered policy " + p.name());
        t.lastStep.put(p.arn(), now);
        t.lastStepTarget.put(p.arn(), wanted);
        if (out) t.lastScaleOut = now;
        else t.lastScaleIn = now;
    }

    /** Target tracking's two alarms per policy, with the state the autoscaler's own check gives them now. */
    private List<Alarms.View> targetTrackingAlarms() {
        Instant now = clock.instant();
        List<Alarms.View> out = new ArrayList<>();
        synchronized (fleet.lock()) {
            for (ScalableTarget t : targets.values()) {
                for (ScalingPolicy sp : t.policies) {
                    if (!(sp instanceof TargetTrackingPolicy p)) continue;
                    List<MetricStore.Datapoint> points = metrics.query(p.metric(),
                            now.minus(Duration.ofMinutes(LOW_ALARM_DATAPOINTS + 5)), now, 60, statistic(p), now);
                    Alarms.Alarm high = new Alarms.Alarm(p.alarmHighName(), alarms.arn(p.alarmHighName()),
                            "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + p.arn() + ".", p.metric(),
                            statistic(p), 60, HIGH_ALARM_DATAPOINTS, HIGH_ALARM_DATAPOINTS, p.targetValue(),
                            "GreaterThanThreshold", List.of(p.arn()));
                    Alarms.Alarm low = new Alarms.Alarm(p.alarmLowName(), alarms.arn(p.alarmLowName()),
                            "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + p.arn() + ".", p.metric(),
                            statistic(p), 60, LOW_ALARM_DATAPOINTS, LOW_ALARM_DATAPOINTS,
                            p.targetValue() * LOW_ALARM_FRACTION, "LessThanThreshold", List.of(p.arn()));
                    out.add(new Alarms.View(high, state(points, HIGH_ALARM_DATAPOINTS, v -> v > p.targetValue(), now)));
                    out.add(new Alarms.View(low, state(points, LOW_ALARM_DATAPOINTS,
                            v -> v < p.targetValue() * LOW_ALARM_FRACTION, now)));
                }
            }
        }
        return out;
    }

    private static Alarms.State state(List<MetricStore.Datapoint> points, int n, java.util.function.DoublePredicate test,
                                      Instant now) {
        if (points.isEmpty()) return new Alarms.State("INSUFFICIENT_DATA", "Insufficient Data", now);
        return lastN(points, n, test) ? new Alarms.State("ALARM", "Threshold Crossed", now)
                : new Alarms.State("OK", "Threshold Crossed", now);
    }

    /** The newest {@code n} datapoints exist, are one minute apart (no gap) and all satisfy {@code test}. */
    private static boolean lastN(List<MetricStore.Datapoint> points, int n, java.util.function.DoublePredicate test) {
        if (points.size() < n) return false;
        List<MetricStore.Datapoint> tail = points.subList(points.size() - n, points.size());
        for (int i = 0; i < tail.size(); i++) {
            if (!test.test(tail.get(i).value())) return false;
            if (i > 0 && Duration.between(tail.get(i - 1).timestamp(), tail.get(i).timestamp()).toSeconds() != 60) return false;
        }
        return true;
    }

    private static boolean waited(Instant last, Duration cooldown, Instant now) {
        return last == null || !now.isBefore(last.plus(cooldown));
    }

    private void change(ScalableTarget t, int from, int to, String cause) {
        fleet.setDesiredCount(t.service, to);
        activities.add(new Activity(clock.instant(), t.resourceId(), from, to, cause));
    }

    static ScalingFleet.ServiceRef parse(String resourceId) {
        String[] p = resourceId == null ? new String[0] : resourceId.split("/");
        if (p.length != 3 || !"service".equals(p[0]) || p[1].isEmpty() || p[2].isEmpty()) {
            throw validation("Unsupported resource ID " + resourceId + "; an ECS service is service/<cluster>/<service>");
        }
        return new ScalingFleet.ServiceRef(p[1], p[2]);
    }

    private static void check(int min, int max) {
        if (min < 0 || max < 0) throw validation("Capacity values must be non-negative");
        if (min > max) throw validation("Minimum capacity cannot be greater than maximum capacity");
    }

    private String arnFor(String resourceId) {
        String hex = UUID.nameUUIDFromBytes(resourceId.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        return "arn:aws:application-autoscaling:" + region + ":" + account + ":scalable-target/0e" + hex + "ab12";
    }

    private String serviceLinkedRole() {
        return "arn:aws:iam::" + account + ":role/aws-service-role/ecs.application-autoscaling.amazonaws.com/"
                + "AWSServiceRoleForApplicationAutoScaling_ECSService";
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationException", message);
    }
}
