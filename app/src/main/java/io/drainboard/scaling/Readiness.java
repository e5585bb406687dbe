package io.drainboard.scaling;

import io.drainboard.drain.LognormalSurvival;
import io.drainboard.scaling.Finding.Kind;
import io.drainboard.scaling.Finding.Severity;
import io.drainboard.scaling.ScalingConfig.Alarm;
import io.drainboard.scaling.ScalingConfig.Policy;

import io.drainboard.drain.SessionHeadroom;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scaling checks of docs/scaling.md, on a service's scaling configuration and facts. Pure: every figure comes
 * in through {@link ScalingConfig} and {@link ServiceFacts}; what cannot be decided from them is listed as not
 * checked, never passed.
 */
public final class Readiness {
    /** CloudWatch shows a one-minute agent metric 1.5–2.5 min late (docs/simulator.md, CloudWatch). */
    static final Duration METRIC_DELAY = Duration.ofMinutes(2);
    /** Target tracking's high alarm: 3 of 3 one-minute datapoints above the target (Application Auto Scaling User Guide). */
    static final Duration TARGET_TRACKING_OUT_ALARM = Duration.ofMinutes(3);
    /** Target tracking's low alarm: 15 of 15 one-minute datapoints below 90 % of the target. */
    static final Duration TARGET_TRACKING_IN_ALARM = Duration.ofMinutes(15);
    static final int FARGATE_STOP_TIMEOUT_CAP = 120;
    /** The service tag the guard service needs to publish the headroom load (the worker's capacity). */
    static final String CAPACITY_TAG = io.drainboard.drain.ChosenScaleIns.CAPACITY_TAG;

    private Readiness() {
    }

    public static ReadinessReport check(ScalingConfig c, ServiceFacts f, Recommended r) {
        List<Finding> out = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        String cl = f.cluster(), sv = f.service();
        int peakTasks = f.peak().map(p -> r.tasksFor(p.sessions(), f.capacityPerTask())).orElse(0);
        int suggestedMax = Math.max(c.target().map(ScalingConfig.Target::max).orElse(0),
                Math.max(Math.max(peakTasks, f.desiredCount()), r.minTasks()));
        boolean protectedLayer = f.busyTasks() > 0 && f.busyUnprotected() == 0;
        boolean scalesIn = c.target().map(t -> !t.scaleInSuspended()).orElse(false)
                && c.policies().stream().anyMatch(Policy::scalesIn);

        // ---- no policy
        if (c.target().isEmpty() || c.policies().isEmpty()) {
            String measured = c.target().isEmpty() ? "no scalable target for " + Fixes.resourceId(cl, sv)
                    : "scalable target [" + c.target().get().min() + ", " + c.target().get().max() + "], 0 scaling policies";
            Finding.Fix fix = c.target().isEmpty()
                    ? combine(Fixes.bounds(cl, sv, Math.max(r.minTasks(), Math.min(f.desiredCount(), suggestedMax)),
                    suggestedMax, "register a scalable target"), Fixes.policies(r.policies(cl, sv, !protectedLayer),
                    "then a target tracking policy on sessions"))
                    : Fixes.policies(r.policies(cl, sv, !protectedLayer), "add a target tracking policy on sessions");
            out.add(new Finding(Kind.NO_POLICY, Severity.PROBLEM, "Nothing scales this service", measured,
                    "a Monday flood or a crisis surge finds the same " + f.desiredCount()
                            + " tasks; calls beyond their capacity wait or are refused", fix));
        }
        List<Policy> outPolicies = c.policies().stream().filter(Policy::scalesOut).toList();
        List<Policy> onSessions = outPolicies.stream().filter(p -> p.measures() == ScalingConfig.Measures.SESSIONS).toList();

        // ---- scales on CPU or memory
        if (!outPolicies.isEmpty() && onSessions.isEmpty()) {
            Policy p = outPolicies.get(0);
            String measured = p.name() + " tracks " + p.metricLabel()
                    + (p.kind() == ScalingConfig.Kind.TARGET_TRACKING ? " at " + num(p.targetValue()) : "")
                    + f.cpuCorrelation().filter(x -> p.measures() == ScalingConfig.Measures.CPU)
                    .map(x -> String.format(Locale.ROOT, "; CPU follows worker load with r = %.2f over the last day", x)).orElse("");
            if (p.measures() == ScalingConfig.Measures.CPU && f.cpuCorrelation().isEmpty()) {
                notChecked.add("how CPU follows sessions: no CPU or worker-load metric in CloudWatch for the last day");
            }
            out.add(new Finding(Kind.NOT_ON_SESSIONS, Severity.PROBLEM, "Scales on " + p.measures().words + ", not on sessions",
                    measured, "an agent waiting for an LLM uses no CPU but its call occupies the worker: the fleet fills"
                    + " up while " + p.measures().words + " stays low, and new calls wait or are refused",
                    Fixes.policies(r.policies(cl, sv, !protectedLayer), "track sessions with headroom instead")));
        }

        List<Policy> onHeadroom = onSessions.stream().filter(Policy::tracksHeadroom).toList();

        // ---- scale-in without a protection layer
        if (scalesIn) {
            if (f.busyTasks() == 0) {
                notChecked.add("protection layer: no task has calls now, so none shows whether busy tasks are protected");
            } else if (f.busyUnprotected() > 0) {
                out.add(new Finding(Kind.SCALE_IN_UNPROTECTED, Severity.PROBLEM, "Scale-in can stop busy tasks",
                        f.busyUnprotected() + " of " + f.busyTasks() + " busy tasks unprotected, and "
                                + c.policies().stream().filter(Policy::scalesIn).map(Policy::name).findFirst().orElse("a policy")
                                + " scales in (DisableScaleIn off)",
                        "ECS picks scale-in victims among unprotected tasks without looking at calls; their calls"
                                + " are cut after stopTimeout", Fixes.protectionLayer(cl, sv, "protect busy tasks")));
            }
        }

        // ---- scale-in too quick
        for (Policy p : c.policies()) {
            if (!p.scalesIn()) continue;
            if (p.kind() == ScalingConfig.Kind.TARGET_TRACKING && p.scaleInCooldown().compareTo(Recommended.SCALE_IN_FLOOR) < 0) {
                out.add(new Finding(Kind.SCALE_IN_TOO_FAST, Severity.PROBLEM, "Scales in too quickly",
                        p.name() + ": scale-in cooldown " + p.scaleInCooldown().toSeconds() + " s (< 300 s)",
                        "a lull between two waves removes the tasks the next wave needs, minutes before they are back",
                        Fixes.policies(r.policies(cl, sv, p.disableScaleIn()), "scale in no sooner than 300 s")));
            } else if (p.kind() == ScalingConfig.Kind.STEP) {
                Duration eval = c.alarmsOf(p).stream().filter(Alarm::below).map(Alarm::evaluation)
                        .max(Duration::compareTo).orElse(Duration.ZERO);
                Duration slowest = eval.compareTo(p.cooldown()) > 0 ? eval : p.cooldown();
                if (slowest.compareTo(Recommended.SCALE_IN_FLOOR) < 0) {
                    out.add(new Finding(Kind.SCALE_IN_TOO_FAST, Severity.PROBLEM, "Scales in too quickly",
                            p.name() + ": scale-in alarm evaluates " + eval.toSeconds() + " s, cooldown "
                                    + p.cooldown().toSeconds() + " s (< 300 s)",
                            "a lull between two waves removes the tasks the next wave needs",
                            Fixes.policies(r.policies(cl, sv, !protectedLayer), "replace it by target tracking on sessions"
                                    + " (scale-in after 15 min below target, 300 s cooldown)")));
                }
            }
        }

        // ---- scale-out slower than the ramp
        for (Policy p : onSessions) {
            Duration alarm = p.kind() == ScalingConfig.Kind.TARGET_TRACKING ? TARGET_TRACKING_OUT_ALARM
                    : c.alarmsOf(p).stream().filter(a -> !a.below()).map(Alarm::evaluation).min(Duration::compareTo)
                    .orElse(TARGET_TRACKING_OUT_ALARM);
            Duration reaction = alarm.plus(METRIC_DELAY).plus(f.startup());
            if (p.kind() == ScalingConfig.Kind.TARGET_TRACKING && p.scaleOutCooldown().compareTo(Duration.ofSeconds(300)) > 0) {
                out.add(new Finding(Kind.SCALE_OUT_TOO_SLOW, Severity.PROBLEM, "Scales out too slowly",
                        p.name() + ": scale-out cooldown " + p.scaleOutCooldown().toSeconds() + " s (> 300 s)",
                        "a second step of a surge waits for the cooldown while calls queue",
                        Fixes.policies(r.policies(cl, sv, p.disableScaleIn()), "scale out after 60 s")));
                continue;
            }
            // The headroom load sizes its idle room from the ramp itself; beside it, a worker-load policy is a backstop.
            if (p.tracksHeadroom() || !onHeadroom.isEmpty()) continue;
            if (f.rampPerMinute().isEmpty() || p.kind() != ScalingConfig.Kind.TARGET_TRACKING) {
                if (f.rampPerMinute().isEmpty()) notChecked.add("scale-out against the ramp: no sessions history for this service");
                continue;
            }
            double load = p.fractionOfCapacity() ? p.targetValue() : p.targetValue() / f.capacityPerTask();
            int tasks = f.peak().map(ServiceFacts.Peak::tasks).filter(n -> n > 0).orElse(Math.max(1, f.desiredCount()));
            double idle = Math.max(0, (1 - load) * f.capacityPerTask() * tasks);
            double arriving = f.rampPerMinute().get() * reaction.toSeconds() / 60.0;
            if (arriving > idle) {
                out.add(new Finding(Kind.SCALE_OUT_TOO_SLOW, Severity.PROBLEM, "Scales out slower than sessions ramp up",
                        String.format(Locale.ROOT, "ramp %.1f sessions/min × %.1f min to new capacity (alarm %d s + metric"
                                        + " delay %d s + start-up %d s) = %.0f sessions > %.0f idle at target %s on %d tasks",
                                f.rampPerMinute().get(), reaction.toSeconds() / 60.0, alarm.toSeconds(),
                                METRIC_DELAY.toSeconds(), f.startup().toSeconds(), arriving, idle, num(p.targetValue()), tasks),
                        "the ramp fills the idle capacity before the new tasks take calls; the rest wait or are refused",
                        Fixes.policy(new FixChange.SessionsPolicy(cl, sv, p.name(), r.namespace(), r.metricName(),
                                Math.min(r.targetLoad(), targetFor(f, reaction, tasks)), r.scaleOutCooldown(),
                                r.scaleInCooldown(), p.disableScaleIn()), "a lower target leaves room for the ramp")));
            }
        }

        // ---- min and max
        c.target().ifPresent(t -> {
            if (t.min() < r.minTasks()) {
                out.add(new Finding(Kind.MIN_BELOW_TWO, Severity.PROBLEM, "Minimum below two tasks",
                        "min capacity " + t.min(), "one task lost (a deployment, a host, a crash) leaves no worker at all",
                        Fixes.bounds(cl, sv, r.minTasks(), Math.max(t.max(), r.minTasks()), "min capacity 2")));
            }
            f.peak().ifPresentOrElse(p -> {
                int need = r.tasksFor(p.sessions(), f.capacityPerTask());
                if (t.max() < need) {
                    out.add(new Finding(Kind.MAX_BELOW_PEAK, Severity.PROBLEM, "Maximum below the observed peak",
                            "max capacity " + t.max() + " < " + need + " tasks for the peak of " + p.sessions()
                                    + " sessions (" + f.capacityPerTask() + " a task) + 20 % idle",
                            "the next peak like the last one runs out of workers at the maximum",
                            Fixes.bounds(cl, sv, Math.max(t.min(), 0), need, "max capacity " + need)));
                }
            }, () -> notChecked.add("maximum against the peak: no sessions history for this service"));
        });

        // ---- idle headroom
        f.peak().ifPresent(p -> {
            double idle = p.idleShare(f.capacityPerTask());
            if (idle < r.headroom()) {
                out.add(new Finding(Kind.LOW_HEADROOM, Severity.PROBLEM, "Less than 20 % idle at the last peak",
                        String.format(Locale.ROOT, "%d sessions on %d tasks × %d = %.0f %% idle at %s", p.sessions(),
                                p.tasks(), f.capacityPerTask(), 100 * idle, p.at()),
                        "new capacity takes minutes; with less idle room a surge queues before it arrives",
                        Fixes.policies(r.policies(cl, sv, !protectedLayer), "track the headroom load (sessions + 20 % + ramp × lead)")));
            }
        });
        for (Policy p : onSessions) {
            if (p.kind() != ScalingConfig.Kind.TARGET_TRACKING) continue;
            if (p.tracksHeadroom()) {
                if (p.targetValue() > Recommended.HEADROOM_TARGET + 1e-9) {
                    out.add(new Finding(Kind.LOW_HEADROOM, Severity.PROBLEM, "Target spends the headroom",
                            String.format(Locale.ROOT, "%s tracks %s at %s (> 1.0)", p.name(), p.metricLabel(), num(p.targetValue())),
                            "above 1.0 the tasks hold fewer than the sessions plus the headroom the ramp needs",
                            Fixes.policies(r.policies(cl, sv, p.disableScaleIn()), "track the headroom load at 1.0")));
                }
                continue;
            }
            if (!onHeadroom.isEmpty()) continue; // a worker-load backstop beside the headroom load
            double load = p.fractionOfCapacity() ? p.targetValue() : p.targetValue() / f.capacityPerTask();
            if (load > 1 - r.headroom() + 1e-9) {
                out.add(new Finding(Kind.LOW_HEADROOM, Severity.PROBLEM, "Target leaves less than 20 % idle",
                        String.format(Locale.ROOT, "%s tracks %s = %.0f %% of capacity", p.name(), num(p.targetValue()), 100 * load),
                        "at the target less than a fifth of the workers is free when a surge starts",
                        Fixes.policies(r.policies(cl, sv, p.disableScaleIn()), "track the headroom load (sessions + 20 % + ramp × lead)")));
            }
        }

        // ---- sessions tracked at a share instead of a headroom sized from the ramp
        if (!onSessions.isEmpty() && onHeadroom.isEmpty()) {
            Policy p = onSessions.get(0);
            double load = p.fractionOfCapacity() ? p.targetValue() : p.targetValue() / f.capacityPerTask();
            out.add(new Finding(Kind.NO_HEADROOM_METRIC, Severity.WARNING, "Idle room is a share, not sized from the ramp",
                    p.name() + " tracks " + p.metricLabel() + (p.kind() == ScalingConfig.Kind.TARGET_TRACKING
                            ? String.format(Locale.ROOT, " at %s: %.0f %% of the workers idle at every hour", num(p.targetValue()),
                            100 * (1 - Math.min(1, load))) : ""),
                    "a fixed share costs the same idle room at night as at the peak and still leaves a surge waiting for"
                            + " the alarm; in the scaling lab the headroom load served as many callers on fewer task-hours"
                            + " (docs/benchmarks.md). It needs the guard service running"
                            + " (it publishes " + SessionHeadroom.NAMESPACE + " " + SessionHeadroom.METRIC
                            + " for services tagged " + CAPACITY_TAG + ")",
                    Fixes.policies(r.policies(cl, sv, !protectedLayer), "track the headroom load, keep worker load as a backstop")));
        }

        // ---- EC2 capacity for the maximum
        if (!f.fargate()) {
            int max = c.target().map(ScalingConfig.Target::max).orElse(f.desiredCount());
            c.ec2().ifPresentOrElse(e -> {
                if (e.maxTasks() < max) {
                    int size = (int) Math.ceil(max / (double) Math.max(1, e.tasksPerInstance()));
                    out.add(new Finding(Kind.EC2_CAPACITY, Severity.PROBLEM, "The cluster cannot hold the maximum",
                            "Auto Scaling group " + e.group() + " max " + e.maxSize() + " instances × " + e.tasksPerInstance()
                                    + " tasks (" + e.basis() + ") = " + e.maxTasks() + " < max capacity " + max,
                            "scale-out stops at the cluster's size: the tasks beyond stay PENDING while calls wait",
                            Fixes.groupMax(e.group(), size, "max size " + size)));
                }
                int spare = (int) Math.round(100 * (1 - r.headroom()));
                e.provider().ifPresentOrElse(p -> {
                    if (!p.managedScaling()) {
                        out.add(new Finding(Kind.EC2_CAPACITY, Severity.WARNING, "The group does not grow with the tasks",
                                "capacity provider " + p.name() + " over " + e.group() + ": managed scaling DISABLED",
                                "nothing adds instances when the service scales out: tasks beyond the instances running now"
                                        + " stay PENDING while calls wait", Fixes.managedScaling(p.name(), spare,
                                "managed scaling on, target capacity " + spare + " %")));
                    } else if (p.targetCapacity() > spare) {
                        out.add(new Finding(Kind.EC2_CAPACITY, Severity.WARNING, "Too few spare instances for a surge",
                                "capacity provider " + p.name() + " over " + e.group() + ": managed scaling target capacity "
                                        + p.targetCapacity() + " % (" + (100 - p.targetCapacity()) + " % of the instances spare)",
                                "a scale-out beyond the spare room waits for EC2 to launch and register an instance (minutes)"
                                        + " before the task can start: keep " + (100 - spare) + " % spare, as the workers do",
                                Fixes.managedScaling(p.name(), spare, "target capacity " + spare + " %")));
                    }
                }, () -> notChecked.add("EC2 managed scaling: the cluster has no capacity provider over " + e.group()));
            }, () -> notChecked.add("EC2 capacity: no Auto Scaling group found for the cluster's instances"));
        }

        // ---- stopTimeout against drain_timeout and call length
        long p99 = f.p99Call().toSeconds();
        f.stopTimeoutSeconds().ifPresentOrElse(stop -> {
            if (stop < p99 && !(f.fargate() && stop >= FARGATE_STOP_TIMEOUT_CAP)) {
                int want = (int) Math.min(f.fargate() ? FARGATE_STOP_TIMEOUT_CAP : f.drainTimeout().toSeconds(), p99);
                out.add(new Finding(Kind.STOP_TIMEOUT_SHORT, protectedLayer ? Severity.WARNING : Severity.PROBLEM,
                        "stopTimeout shorter than calls",
                        "stopTimeout " + stop + " s, drain_timeout " + f.drainTimeout().toSeconds() + " s ("
                                + f.drainTimeoutBasis() + "), p99 call " + p99 + " s (" + f.callBasis() + ")",
                        "the worker would wait " + f.drainTimeout().toMinutes() + " min for its calls, but ECS SIGKILLs it "
                                + stop + " s after a scale-in's SIGTERM", Fixes.stopTimeout(cl, sv, want,
                        "stopTimeout " + want + " s" + (f.fargate() ? " (Fargate's cap)" : ""))));
            }
            if (f.drainTimeout().toSeconds() < p99) {
                out.add(new Finding(Kind.STOP_TIMEOUT_SHORT, Severity.WARNING, "drain_timeout shorter than calls",
                        "drain_timeout " + f.drainTimeout().toSeconds() + " s < p99 call " + p99 + " s",
                        "a draining worker gives up on its longest calls", Fixes.stopTimeout(cl, sv, stop,
                        "raise the worker's drain_timeout above " + p99 + " s (agent option; stopTimeout unchanged)")));
            }
        }, () -> notChecked.add("stopTimeout: the task definition could not be read"));

        // ---- Fargate with calls longer than its cap
        if (f.fargate() && p99 > FARGATE_STOP_TIMEOUT_CAP) {
            double share = survivalAt(f, FARGATE_STOP_TIMEOUT_CAP);
            out.add(new Finding(Kind.FARGATE_LONG_CALLS, protectedLayer ? Severity.WARNING : Severity.PROBLEM,
                    "Fargate cannot wait for these calls",
                    String.format(Locale.ROOT, "p99 call %d s > Fargate's %d s stopTimeout cap; %.0f %% of calls last longer",
                            p99, FARGATE_STOP_TIMEOUT_CAP, 100 * share),
                    protectedLayer ? "only protection keeps them: every busy task is protected now, keep it so"
                            : "every scale-in or deploy that SIGTERMs a busy task cuts those calls; only protection helps",
                    Fixes.protectionLayer(cl, sv, "protect busy tasks (no stopTimeout can cover them on Fargate)")));
        }
        return new ReadinessReport(f, c, out, notChecked);
    }

    /** The highest sessions target whose idle room absorbs the ramp for {@code reaction} on {@code tasks} tasks. */
    private static double targetFor(ServiceFacts f, Duration reaction, int tasks) {
        double arriving = f.rampPerMinute().orElse(0.0) * reaction.toSeconds() / 60.0;
        double t = 1 - arriving / (f.capacityPerTask() * (double) tasks);
        return Math.max(0.3, Math.floor(t * 20) / 20);
    }

    private static double survivalAt(ServiceFacts f, int seconds) {
        double median = f.medianCall().toSeconds(), p99 = f.p99Call().toSeconds();
        if (!(median > 0) || !(p99 > median)) return 0;
        return LognormalSurvival.ofMedianAndP99(median, p99).survival(seconds);
    }

    private static Finding.Fix combine(Finding.Fix a, Finding.Fix b) {
        return new Finding.Fix(a.summary() + "; " + b.summary(), a.cli() + "\n" + b.cli(),
                a.cloudFormation() + b.cloudFormation(), concat(a.changes(), b.changes()));
    }

    private static List<FixChange> concat(List<FixChange> a, List<FixChange> b) {
        List<FixChange> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
