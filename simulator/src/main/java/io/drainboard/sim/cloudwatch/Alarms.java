package io.drainboard.sim.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * CloudWatch metric alarms of one account and region (PutMetricAlarm, DescribeAlarms, DeleteAlarms), evaluated
 * once a minute of virtual time on the published (so delayed) metric: ALARM when at least
 * {@code datapointsToAlarm} of the newest {@code evaluationPeriods} periods breach the threshold, OK when
 * there are datapoints and too few breach, INSUFFICIENT_DATA when there are none (TreatMissingData
 * {@code missing}, the default: "Using metric math or missing data" in the CloudWatch User Guide,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html).
 * <p>
 * Actions: "Alarms invoke actions only when the alarm changes state. The exception is for alarms with Auto
 * Scaling actions. For Auto Scaling actions, the alarm continues to invoke the action once per minute that
 * the alarm remains in the new state" (same page, "Alarm actions"), so an ALARM alarm whose actions name a
 * scaling policy invokes it every minute; the policy's cooldown decides what it does.
 * <p>
 * Application Auto Scaling's target tracking alarms are not stored here: {@link #addManaged} lets the owner
 * of those policies show them in DescribeAlarms with their state.
 */
public final class Alarms {
    /** One alarm's configuration as PutMetricAlarm sets it. */
    public record Alarm(String name, String arn, String description, MetricId metric, Statistic statistic,
                        int periodSeconds, int evaluationPeriods, int datapointsToAlarm, double threshold,
                        String comparison, List<String> actions) {
        public Alarm {
            actions = List.copyOf(actions);
        }

        boolean breaches(double v) {
            return switch (comparison) {
                case "GreaterThanThreshold" -> v > threshold;
                case "GreaterThanOrEqualToThreshold" -> v >= threshold;
                case "LessThanThreshold" -> v < threshold;
                case "LessThanOrEqualToThreshold" -> v <= threshold;
                default -> false;
            };
        }
    }

    public record State(String value, String reason, Instant updatedAt) {
    }

    /** An alarm with its state, as DescribeAlarms shows it. */
    public record View(Alarm alarm, State state) {
    }

    /** Where an alarm's actions go (the scaling policies); {@code value} is the newest datapoint. */
    @FunctionalInterface
    public interface ActionTarget {
        void invoke(String actionArn, Alarm alarm, double value, Instant now);
    }

    static final List<String> COMPARISONS = List.of("GreaterThanThreshold", "GreaterThanOrEqualToThreshold",
            "LessThanThreshold", "LessThanOrEqualToThreshold");

    private final MetricStore metrics;
    private final String region;
    private final String account;
    private final Map<String, Alarm> alarms = new LinkedHashMap<>();
    private final Map<String, State> states = new LinkedHashMap<>();
    private final List<Supplier<List<View>>> managed = new CopyOnWriteArrayList<>();
    private volatile ActionTarget actions;

    public Alarms(MetricStore metrics, String region, String account) {
        this.metrics = metrics;
        this.region = region;
        this.account = account;
    }

    public String arn(String name) {
        return "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name;
    }

    /** Alarms someone else evaluates (target tracking's), shown by DescribeAlarms. */
    public void addManaged(Supplier<List<View>> views) {
        managed.add(views);
    }

    /** Where ALARM alarms send their actions; null: actions are not carried out (autoscaling off). */
    public void onActions(ActionTarget target) {
        this.actions = target;
    }

    public synchronized void put(Alarm a, Instant now) {
        alarms.put(a.name(), a);
        states.putIfAbsent(a.name(), new State("INSUFFICIENT_DATA", "Unchecked: Initial alarm creation", now));
    }

    public synchronized void delete(List<String> names) {
        for (String n : names) {
            alarms.remove(n);
            states.remove(n);
        }
    }

    /** Every alarm, stored and managed, in name order. */
    public List<View> views() {
        List<View> out = new ArrayList<>();
        synchronized (this) {
            for (Alarm a : alarms.values()) out.add(new View(a, states.get(a.name())));
        }
        for (Supplier<List<View>> m : managed) out.addAll(m.get());
        out.sort(java.util.Comparator.comparing(v -> v.alarm().name()));
        return out;
    }

    /** The stored alarms whose actions name {@code arn}. */
    public synchronized List<View> actingOn(String arn) {
        List<View> out = new ArrayList<>();
        for (Alarm a : alarms.values()) if (a.actions().contains(arn)) out.add(new View(a, states.get(a.name())));
        return out;
    }

    /** One minute: every stored alarm's state, then the actions of those in ALARM. */
    public void evaluate(Instant now) {
        List<Alarm> firing = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        synchronized (this) {
            for (Alarm a : alarms.values()) {
                Duration window = Duration.ofSeconds((long) a.periodSeconds() * (a.evaluationPeriods() + 3));
                List<MetricStore.Datapoint> points = metrics.query(a.metric(), now.minus(window), now,
                        a.periodSeconds(), a.statistic(), now);
                State before = states.get(a.name());
                State after;
                if (points.isEmpty()) {
                    after = new State("INSUFFICIENT_DATA", "Insufficient Data: no datapoints were received", now);
                } else {
                    List<MetricStore.Datapoint> tail = points.subList(Math.max(0, points.size() - a.evaluationPeriods()),
                            points.size());
                    long breaching = tail.stream().filter(p -> a.breaches(p.value())).count();
                    double latest = tail.get(tail.size() - 1).value();
                    after = breaching >= a.datapointsToAlarm()
                            ? new State("ALARM", "Threshold Crossed: " + breaching + " out of the last " + tail.size()
                            + " datapoints breached the threshold (" + a.threshold() + ")", now)
                            : new State("OK", "Threshold Crossed: " + breaching + " out of the last " + tail.size()
                            + " datapoints breached the threshold (" + a.threshold() + ")", now);
                    if ("ALARM".equals(after.value())) {
                        firing.add(a);
                        values.add(latest);
                    }
                }
                if (before == null || !before.value().equals(after.value())) states.put(a.name(), after);
            }
        }
        ActionTarget target = actions;
        if (target == null) return;
        for (int i = 0; i < firing.size(); i++) {
            for (String arn : firing.get(i).actions()) target.invoke(arn, firing.get(i), values.get(i), now);
        }
    }
}
