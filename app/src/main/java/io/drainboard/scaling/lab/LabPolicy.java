package io.drainboard.scaling.lab;

import io.drainboard.scaling.Recommended;
import io.drainboard.scaling.ScalingConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One scaling policy to try in the lab, with the scalable target's bounds and whether busy tasks are protected.
 * {@code recommended}: target tracking on sessions (docs/scaling.md); {@code cpu}: target tracking on average CPU, as
 * ECS's console suggests; {@code current}: the service's own policies as read from AWS. A variant edits any of them:
 * {@code recommended:target=0.6,in=600}, keys {@code target}, {@code out}, {@code in} (cooldowns in seconds),
 * {@code min}, {@code max}, {@code protect} (true/false), {@code drainSurplus} (true/false), {@code scaleIn} (true/false), {@code surge} (true/false:
 * a step scale-out on one minute above 0.8 next to target tracking, +50 %), {@code surgeAt} and {@code surgeBy} (that step
 * at another load, by another percentage of the fleet).
 *
 * @param policies what PutScalingPolicy gets (step policies with their alarm), in the lab's own terms
 * @param protect  the workers protect their tasks while busy (the worker snippet or the guard service), with a lease of
 *                 {@value LabRun#PROTECTION_LEASE_MINUTES} minutes
 * @param drainSurplus while the service runs more tasks than desired, the surplus is chosen, leaned and stopped once
 *                 idle ({@link io.drainboard.drain.PendingScaleIn}); {@code drainSurplus=false} leaves the protected
 *                 surplus to go idle by itself
 */
public record LabPolicy(String label, int min, int max, List<Rule> policies, boolean protect, boolean drainSurplus) {
    /**
     * One policy: target tracking (alarm fields unused) or step (the alarm's threshold, comparison and evaluation
     * periods, with the steps relative to the threshold).
     *
     * @param metric SESSIONS (worker load, 0–1), CPU or MEMORY
     */
    public record Rule(String name, ScalingConfig.Kind kind, ScalingConfig.Measures metric, double target,
                       Duration scaleOut, Duration scaleIn, boolean disableScaleIn, String comparison,
                       int evaluationPeriods, String adjustmentType, List<ScalingConfig.Step> steps, Duration cooldown) {
        public Rule {
            steps = List.copyOf(steps);
        }

        static Rule targetTracking(String name, ScalingConfig.Measures metric, double target, Duration out, Duration in,
                                   boolean disableScaleIn) {
            return new Rule(name, ScalingConfig.Kind.TARGET_TRACKING, metric, target, out, in, disableScaleIn, "", 0, "",
                    List.of(), Duration.ZERO);
        }
    }

    public LabPolicy {
        policies = List.copyOf(policies);
    }

    public static LabPolicy recommended(int min, int max) {
        return new LabPolicy("recommended", min, max, List.of(Rule.targetTracking("sessions", ScalingConfig.Measures.SESSIONS,
                Recommended.TARGET_LOAD, Duration.ofSeconds(60), Recommended.SCALE_IN_FLOOR, false)), true, true);
    }

    /**
     * Step scale-out for surges next to target tracking ({@code surge=true}): one minute of worker load above {@value #SURGE_LOAD} adds half
     * the fleet again (at least 2 tasks), instead of waiting for target tracking's three datapoints.
     */
    static Rule surge() {
        return surge(SURGE_LOAD, 50);
    }

    /** The surge step at another threshold ({@code surgeAt}) or size ({@code surgeBy}, percent of the fleet). */
    static Rule surge(double at, int byPercent) {
        return new Rule("sessions-surge", ScalingConfig.Kind.STEP, ScalingConfig.Measures.SESSIONS, at, Duration.ZERO,
                Duration.ZERO, true, "GreaterThanThreshold", 1, "PercentChangeInCapacity",
                List.of(new ScalingConfig.Step(0.0, null, byPercent)), Duration.ofSeconds(120));
    }

    static final double SURGE_LOAD = 0.8;

    /** Average CPU at 50 % with ECS's default cooldowns: what a service gets when it scales like any web service. */
    public static LabPolicy cpu(int min, int max) {
        return new LabPolicy("cpu", min, max, List.of(Rule.targetTracking("cpu", ScalingConfig.Measures.CPU, 50,
                Duration.ofSeconds(300), Duration.ofSeconds(300), false)), false, false);
    }

    /**
     * The service's policies as the lab can replay them: sessions, CPU and memory metrics (others are left out,
     * with a note); {@code protect} when readiness saw every busy task protected.
     */
    public static LabPolicy current(ScalingConfig c, int capacity, boolean protect, List<String> notes) {
        ScalingConfig.Target t = c.target().orElse(new ScalingConfig.Target(1, 1, true, true));
        List<Rule> rules = new ArrayList<>();
        for (ScalingConfig.Policy p : c.policies()) {
            if (p.measures() == ScalingConfig.Measures.OTHER) {
                notes.add("current: " + p.name() + " tracks " + p.metricLabel() + ", which the lab does not model; left out");
                continue;
            }
            double target = p.measures() == ScalingConfig.Measures.SESSIONS && !p.fractionOfCapacity()
                    ? p.targetValue() / capacity : p.targetValue();
            if (p.kind() == ScalingConfig.Kind.TARGET_TRACKING) {
                rules.add(Rule.targetTracking(p.name(), p.measures(), target, p.scaleOutCooldown(), p.scaleInCooldown(),
                        p.disableScaleIn()));
            } else {
                Optional<ScalingConfig.Alarm> a = c.alarmsOf(p).stream().findFirst();
                if (a.isEmpty()) {
                    notes.add("current: step policy " + p.name() + " has no alarm; left out");
                    continue;
                }
                double scale = p.measures() == ScalingConfig.Measures.SESSIONS && !p.fractionOfCapacity() ? capacity : 1;
                List<ScalingConfig.Step> steps = p.steps().stream().map(s -> new ScalingConfig.Step(
                        s.lower() == null ? null : s.lower() / scale, s.upper() == null ? null : s.upper() / scale,
                        s.adjustment())).toList();
                rules.add(new Rule(p.name(), ScalingConfig.Kind.STEP, p.measures(), a.get().threshold() / scale,
                        Duration.ZERO, Duration.ZERO, false, a.get().comparison(), a.get().datapointsToAlarm(),
                        p.adjustmentType(), steps, p.cooldown()));
            }
        }
        return new LabPolicy("current", t.min(), t.max(), rules, protect, false);
    }

    /** {@code name[:key=value,...]} against the built-ins. */
    public static LabPolicy parse(String spec, LabPolicy current, int min, int max) {
        String[] nameAndEdits = spec.split(":", 2);
        LabPolicy base = switch (nameAndEdits[0]) {
            case "recommended" -> recommended(min, max);
            case "cpu" -> cpu(min, max);
            case "current" -> current;
            default -> throw new IllegalArgumentException("unknown policy '" + nameAndEdits[0]
                    + "': recommended, cpu or current, each with optional :key=value edits");
        };
        if (nameAndEdits.length == 1) return base;
        Map<String, String> edits = new java.util.LinkedHashMap<>();
        for (String kv : nameAndEdits[1].split(",")) {
            String[] p = kv.split("=", 2);
            if (p.length != 2) throw new IllegalArgumentException("policy edit '" + kv + "' wants key=value");
            edits.put(p[0].trim().toLowerCase(Locale.ROOT), p[1].trim());
        }
        int newMin = base.min(), newMax = base.max();
        boolean protect = base.protect(), drainSurplus = base.drainSurplus();
        List<Rule> rules = new ArrayList<>(base.policies());
        for (var e : edits.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "min" -> newMin = (int) number(e.getKey(), v);
                case "max" -> newMax = (int) number(e.getKey(), v);
                case "protect" -> protect = bool(e.getKey(), v);
                case "drainsurplus" -> drainSurplus = bool(e.getKey(), v);
                case "surge" -> {
                    rules.removeIf(r -> r.kind() == ScalingConfig.Kind.STEP);
                    if (bool(e.getKey(), v)) rules.add(surge());
                }
                case "surgeat", "surgeby" -> {
                    Rule old = rules.stream().filter(r -> r.name().equals("sessions-surge")).findFirst().orElse(surge());
                    rules.remove(old);
                    rules.add(surge(e.getKey().equals("surgeat") ? number(e.getKey(), v) : old.target(),
                            e.getKey().equals("surgeby") ? (int) number(e.getKey(), v) : old.steps().get(0).adjustment()));
                }
                case "target", "out", "in", "scalein" -> {
                    for (int i = 0; i < rules.size(); i++) {
                        Rule r = rules.get(i);
                        if (r.kind() != ScalingConfig.Kind.TARGET_TRACKING) continue;
                        rules.set(i, Rule.targetTracking(r.name(), r.metric(),
                                e.getKey().equals("target") ? number(e.getKey(), v) : r.target(),
                                e.getKey().equals("out") ? Duration.ofSeconds((long) number(e.getKey(), v)) : r.scaleOut(),
                                e.getKey().equals("in") ? Duration.ofSeconds((long) number(e.getKey(), v)) : r.scaleIn(),
                                e.getKey().equals("scalein") ? !bool(e.getKey(), v) : r.disableScaleIn()));
                    }
                }
                default -> throw new IllegalArgumentException("unknown policy key '" + e.getKey()
                        + "': target, out, in, min, max, protect, drainSurplus, scaleIn, surge, surgeAt, surgeBy");
            }
        }
        if (newMin < 0 || newMax < Math.max(1, newMin)) throw new IllegalArgumentException("policy " + spec + ": need 0 ≤ min ≤ max, max ≥ 1");
        return new LabPolicy(spec, newMin, newMax, rules, protect, drainSurplus);
    }

    private static double number(String key, String v) {
        try {
            double d = Double.parseDouble(v);
            if (!(d >= 0) || Double.isInfinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("policy key " + key + " wants a number ≥ 0, got '" + v + "'");
        }
    }

    private static boolean bool(String key, String v) {
        if (!v.equals("true") && !v.equals("false")) throw new IllegalArgumentException("policy key " + key + " wants true or false");
        return Boolean.parseBoolean(v);
    }
}
