package io.drainboard.scaling.lab;

import io.drainboard.drain.SessionHeadroom;
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
 * {@code recommended}: the desired count set from the live reading (the guard service's direct scaling) with the
 * scale-out-only worker-load backstop (docs/scaling.md); {@code headroom}: the policy recommended before it, target
 * tracking on the headroom load with the same backstop; {@code worker-load}: the one before that (worker load at
 * 0.7); {@code cpu}: target tracking on average
 * CPU, as ECS's console suggests; {@code current}: the service's own policies as read from AWS. A variant edits any of them:
 * {@code recommended:target=0.6,in=600}, keys {@code target}, {@code out}, {@code in} (cooldowns in seconds),
 * {@code min}, {@code max}, {@code protect} (true/false), {@code drainSurplus} (true/false), {@code scaleIn} (true/false), {@code surge} (true/false:
 * a step scale-out on one minute above 0.8 next to target tracking, +50 %), {@code surgeAt} and {@code surgeBy} (that step
 * at another load, by another percentage of the fleet); on the headroom load also {@code lead} (seconds), {@code spare}
 * (tasks), {@code share}, {@code window} (seconds), {@code backstop} (true/false), {@code stepIn} (a step scale-in
 * after that many minutes below 0.85, or {@code stepInAt}, instead of target tracking's), {@code waiting} (true: callers
 * waiting for a worker count as sessions) and {@code direct} (minutes: the lab sets the desired count from the
 * headroom's aim each minute, scaling in after that many minutes below, instead of Application Auto Scaling).
 *
 * @param policies what PutScalingPolicy gets (step policies with their alarm), in the lab's own terms
 * @param protect  the workers protect their tasks while busy (the worker snippet or the guard service), with a lease of
 *                 {@value LabRun#PROTECTION_LEASE_MINUTES} minutes
 * @param drainSurplus while the service runs more tasks than desired, the surplus is chosen, leaned and stopped once
 *                 idle ({@link io.drainboard.drain.PendingScaleIn}); {@code drainSurplus=false} leaves the protected
 *                 surplus to go idle by itself
 * @param headroom the headroom load the lab publishes each minute for the policy's sessions rules (not the backstop);
 *                 empty: they track the agents' worker load
 * @param direct   0, or the minutes the aim must stay below the desired count before the lab lowers it (the lab then
 *                 sets the count itself, standing in for a publisher that calls ECS UpdateService; docs/scaling.md)
 */
public record LabPolicy(String label, int min, int max, List<Rule> policies, boolean protect, boolean drainSurplus,
                        Optional<SessionHeadroom> headroom, int direct) {
    /**
     * One policy: target tracking (alarm fields unused) or step (the alarm's threshold, comparison and evaluation
     * periods, with the steps relative to the threshold).
     *
     * @param metric       SESSIONS (worker load, 0–1), CPU or MEMORY
     * @param headroomLoad a SESSIONS rule on the published headroom load rather than the agents' worker load
     */
    public record Rule(String name, ScalingConfig.Kind kind, ScalingConfig.Measures metric, double target,
                       Duration scaleOut, Duration scaleIn, boolean disableScaleIn, String comparison,
                       int evaluationPeriods, String adjustmentType, List<ScalingConfig.Step> steps, Duration cooldown,
                       boolean headroomLoad) {
        public Rule {
            steps = List.copyOf(steps);
        }

        static Rule targetTracking(String name, ScalingConfig.Measures metric, double target, Duration out, Duration in,
                                   boolean disableScaleIn) {
            return targetTracking(name, metric, target, out, in, disableScaleIn, false);
        }

        static Rule targetTracking(String name, ScalingConfig.Measures metric, double target, Duration out, Duration in,
                                   boolean disableScaleIn, boolean headroomLoad) {
            return new Rule(name, ScalingConfig.Kind.TARGET_TRACKING, metric, target, out, in, disableScaleIn, "", 0, "",
                    List.of(), Duration.ZERO, headroomLoad);
        }
    }

    public LabPolicy {
        policies = List.copyOf(policies);
    }

    public LabPolicy(String label, int min, int max, List<Rule> policies, boolean protect, boolean drainSurplus) {
        this(label, min, max, policies, protect, drainSurplus, Optional.empty());
    }

    public LabPolicy(String label, int min, int max, List<Rule> policies, boolean protect, boolean drainSurplus,
                     Optional<SessionHeadroom> headroom) {
        this(label, min, max, policies, protect, drainSurplus, headroom, 0);
    }


    /**
     * The recommended policy (docs/scaling.md, {@link Recommended}): the desired count set each minute from the live
     * reading's headroom aim (lead {@link Recommended#DIRECT_LEAD}, share {@value Recommended#DIRECT_SHARE}: up at once,
     * down after {@value Recommended#DIRECT_SCALE_IN_AFTER} minutes below), standing in for the guard service's direct
     * scaling; Application Auto Scaling keeps only the scale-out-only worker-load backstop at
     * {@value Recommended#BACKSTOP_LOAD}; protected workers and the scale-in of chosen tasks.
     */
    public static LabPolicy recommended(int min, int max) {
        return new LabPolicy("recommended", min, max, List.of(backstop()), true, true,
                Optional.of(Recommended.directHeadroom()), Recommended.DIRECT_SCALE_IN_AFTER);
    }

    /**
     * The policy recommended before the direct count: target tracking on the published headroom load
     * ({@link SessionHeadroom}) at 1.0, scale-out cooldown 60 s, scale-in 300 s, and the scale-out-only worker-load
     * backstop at {@value Recommended#BACKSTOP_LOAD}; protected workers and the scale-in of chosen tasks. The lab
     * publishes the load each minute into the simulator's metric store, standing in for the guard service's leader.
     */
    public static LabPolicy headroom(int min, int max) {
        return new LabPolicy("headroom", min, max, List.of(headroomRule(), backstop()),
                true, true, Optional.of(SessionHeadroom.RECOMMENDED));
    }

    /** Target tracking on the published headroom load at 1.0 (the headroom policy's own rule). */
    static Rule headroomRule() {
        return Rule.targetTracking(Recommended.HEADROOM_POLICY, ScalingConfig.Measures.SESSIONS, Recommended.HEADROOM_TARGET,
                Duration.ofSeconds(60), Recommended.SCALE_IN_FLOOR, false, true);
    }

    /** The scale-out-only worker-load policy next to the headroom load (on the agents' own metric). */
    static Rule backstop() {
        return Rule.targetTracking(Recommended.BACKSTOP_POLICY, ScalingConfig.Measures.SESSIONS, Recommended.BACKSTOP_LOAD,
                Duration.ofSeconds(60), Recommended.SCALE_IN_FLOOR, true);
    }

    /** Whether a rule is the worker-load backstop (tracks agent_worker_load even in a headroom policy). */
    static boolean isBackstop(Rule r) {
        return r.name().equals(Recommended.BACKSTOP_POLICY);
    }

    /**
     * The policy recommended before the headroom load: target tracking on the agents' worker load at
     * {@value Recommended#TARGET_LOAD}, scale-out cooldown 60 s, scale-in 300 s, protected workers and the scale-in
     * of chosen tasks.
     */
    public static LabPolicy workerLoad(int min, int max) {
        return new LabPolicy("worker-load", min, max, List.of(Rule.targetTracking("sessions", ScalingConfig.Measures.SESSIONS,
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
                List.of(new ScalingConfig.Step(0.0, null, byPercent)), Duration.ofSeconds(120), false);
    }

    static final double SURGE_LOAD = 0.8;
    /** Where the step scale-in ({@code stepIn}) starts: the headroom load below this for its datapoints. */
    static final double STEP_IN_LOAD = 0.85;

    /**
     * A step scale-in on the sessions metric: {@code periods} one-minute datapoints below {@value #STEP_IN_LOAD}
     * take one task away, two below 0.65, each minute the alarm stays in ALARM (cooldown 60 s).
     */
    static Rule stepIn(int periods) {
        return stepIn(periods, STEP_IN_LOAD);
    }

    /** The step scale-in below another load ({@code stepInAt}). */
    static Rule stepIn(int periods, double at) {
        return new Rule("sessions-step-in", ScalingConfig.Kind.STEP, ScalingConfig.Measures.SESSIONS, at,
                Duration.ZERO, Duration.ZERO, false, "LessThanThreshold", periods, "ChangeInCapacity",
                List.of(new ScalingConfig.Step(-0.2, 0.0, -1), new ScalingConfig.Step(null, -0.2, -2)), Duration.ofSeconds(60),
                true);
    }

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
                        p.disableScaleIn(), p.tracksHeadroom()));
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
                        p.adjustmentType(), steps, p.cooldown(), p.tracksHeadroom()));
            }
        }
        // A policy on the headroom load replays with the load the guard service publishes, at its recommended settings.
        return new LabPolicy("current", t.min(), t.max(), rules, protect, false,
                rules.stream().anyMatch(Rule::headroomLoad) ? Optional.of(SessionHeadroom.RECOMMENDED) : Optional.empty());
    }

    /** {@code name[:key=value,...]} against the built-ins. */
    public static LabPolicy parse(String spec, LabPolicy current, int min, int max) {
        String[] nameAndEdits = spec.split(":", 2);
        LabPolicy base = switch (nameAndEdits[0]) {
            case "recommended" -> recommended(min, max);
            case "headroom" -> headroom(min, max);
            case "cpu" -> cpu(min, max);
            case "worker-load" -> workerLoad(min, max);
            case "current" -> current;
            default -> throw new IllegalArgumentException("unknown policy '" + nameAndEdits[0]
                    + "': recommended, headroom, worker-load, cpu or current, each with optional :key=value edits");
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
        Optional<SessionHeadroom> headroom = base.headroom();
        int direct = base.direct();
        List<Rule> rules = new ArrayList<>(base.policies());
        for (var e : edits.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "min" -> newMin = (int) number(e.getKey(), v);
                case "max" -> newMax = (int) number(e.getKey(), v);
                case "protect" -> protect = bool(e.getKey(), v);
                case "drainsurplus" -> drainSurplus = bool(e.getKey(), v);
                case "backstop" -> {
                    rules.removeIf(LabPolicy::isBackstop);
                    if (bool(e.getKey(), v)) rules.add(backstop());
                }
                case "stepin", "stepinat" -> {
                    // Scale in by steps on the same metric instead of target tracking's 15 datapoints below 90 %:
                    // safe only where busy tasks are protected and the surplus is chosen (protect, drainSurplus).
                    Optional<Rule> was = rules.stream().filter(r -> r.name().equals("sessions-step-in")).findFirst();
                    rules.removeIf(r -> r.name().equals("sessions-step-in"));
                    int periods = e.getKey().equals("stepin") ? (int) number(e.getKey(), v)
                            : was.map(Rule::evaluationPeriods).orElse(5);
                    double at = e.getKey().equals("stepinat") ? number(e.getKey(), v) : was.map(Rule::target).orElse(STEP_IN_LOAD);
                    if (periods > 0) {
                        for (int i = 0; i < rules.size(); i++) {
                            Rule r = rules.get(i);
                            if (r.kind() == ScalingConfig.Kind.TARGET_TRACKING && !isBackstop(r)) rules.set(i, Rule.targetTracking(r.name(),
                                    r.metric(), r.target(), r.scaleOut(), r.scaleIn(), true, r.headroomLoad()));
                        }
                        rules.add(stepIn(periods, at));
                    }
                }
                case "direct" -> {
                    // Not Application Auto Scaling: whoever publishes the headroom load sets the desired count itself
                    // (ECS UpdateService) each minute from the live reading: up to the aim at once, down to the most
                    // the aim asked for over the last N minutes once it has stayed below the count that long.
                    // direct=0 hands the count back to target tracking on the headroom load.
                    headroom.orElseThrow(() -> new IllegalArgumentException(
                            "policy key direct is the headroom load's (recommended:direct=5, headroom:direct=5)"));
                    direct = (int) number(e.getKey(), v);
                    rules.removeIf(r -> r.headroomLoad() && !isBackstop(r));
                    if (direct == 0) rules.add(0, headroomRule());
                }
                case "waiting" -> {
                    SessionHeadroom h = headroom.orElseThrow(() -> new IllegalArgumentException(
                            "policy key waiting is the headroom load's (recommended:waiting=true)"));
                    headroom = Optional.of(new SessionHeadroom(h.lead(), h.minTasks(), h.window(), h.share(), bool(e.getKey(), v)));
                }
                case "lead", "spare", "window", "share" -> {
                    SessionHeadroom h = headroom.orElseThrow(() -> new IllegalArgumentException(
                            "policy key " + e.getKey() + " is the headroom load's (recommended:lead=420,spare=1)"));
                    headroom = Optional.of(new SessionHeadroom(
                            e.getKey().equals("lead") ? Duration.ofSeconds((long) number(e.getKey(), v)) : h.lead(),
                            e.getKey().equals("spare") ? (int) number(e.getKey(), v) : h.minTasks(),
                            e.getKey().equals("window") ? Duration.ofSeconds(Math.max(60, (long) number(e.getKey(), v))) : h.window(),
                            e.getKey().equals("share") ? number(e.getKey(), v) : h.share(), h.waiting()));
                }
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
                        if (r.kind() != ScalingConfig.Kind.TARGET_TRACKING || isBackstop(r)) continue;
                        rules.set(i, Rule.targetTracking(r.name(), r.metric(),
                                e.getKey().equals("target") ? number(e.getKey(), v) : r.target(),
                                e.getKey().equals("out") ? Duration.ofSeconds((long) number(e.getKey(), v)) : r.scaleOut(),
                                e.getKey().equals("in") ? Duration.ofSeconds((long) number(e.getKey(), v)) : r.scaleIn(),
                                e.getKey().equals("scalein") ? !bool(e.getKey(), v) : r.disableScaleIn(), r.headroomLoad()));
                    }
                }
                default -> throw new IllegalArgumentException("unknown policy key '" + e.getKey()
                        + "': target, out, in, min, max, protect, drainSurplus, scaleIn, surge, surgeAt, surgeBy;"
                        + " on the headroom load also lead, spare, window, share, backstop, stepIn, stepInAt, waiting, direct");
            }
        }
        if (newMin < 0 || newMax < Math.max(1, newMin)) throw new IllegalArgumentException("policy " + spec + ": need 0 ≤ min ≤ max, max ≥ 1");
        return new LabPolicy(spec, newMin, newMax, rules, protect, drainSurplus, headroom, direct);
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
