package io.drainboard.scaling;

import io.drainboard.drain.LognormalSurvival;
import io.drainboard.scaling.Finding.Kind;
import io.drainboard.scaling.Finding.Severity;
import io.drainboard.scaling.ScalingConfig.Alarm;
import io.drainboard.scaling.ScalingConfig.Policy;

import io.drainboard.drain.GuardLease;
import io.drainboard.drain.SessionHeadroom;
import io.drainboard.profile.Profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
    /** What direct scaling needs, said wherever a finding recommends it. */
    private static final String NEEDS_GUARD = "Direct scaling is the guard service's (guard.scaling.direct; it reads the"
            + " sessions of services tagged " + CAPACITY_TAG + ").";
    /** Readiness reads the console's profile, never the one a guard service runs with. */
    private static final String NOT_SEEN = " This profile has no guard.scaling.direct; a guard service started with"
            + " another profile is not seen here.";

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
        Optional<Profile.DirectScaling> direct = f.direct();
        boolean policiesScaleIn = c.target().map(t -> !t.scaleInSuspended()).orElse(false)
                && c.policies().stream().anyMatch(Policy::scalesIn);
        // Direct scaling lowers the count itself (it writes nothing without a scalable target).
        boolean scalesIn = policiesScaleIn || (direct.isPresent() && c.target().isPresent());

        // ---- no policy (beside direct scaling, the target's one policy is the scale-out backstop)
        if (c.target().isEmpty() || c.policies().isEmpty()) {
            String measured = c.target().isEmpty() ? "no scalable target for " + Fixes.resourceId(cl, sv)
                    : "scalable target [" + c.target().get().min() + ", " + c.target().get().max() + "], 0 scaling policies";
            if (c.target().isEmpty()) {
                Finding.Fix fix = Fixes.all("register a scalable target, the scale-out backstop"
                                + (direct.isEmpty() ? ", and direct scaling in the guard service" : ""),
                        List.of(Fixes.bounds(cl, sv, Math.max(r.minTasks(), Math.min(f.desiredCount(), suggestedMax)),
                                suggestedMax, "register a scalable target"), recommended(c, f, r, "")), "");
                out.add(new Finding(Kind.NO_POLICY, Severity.PROBLEM, "Nothing scales this service", measured,
                        direct.isPresent() ? "direct scaling (guard.scaling.direct) writes nothing without a scalable"
                                + " target, so a surge finds the same " + f.desiredCount() + " tasks; calls beyond their"
                                + " capacity wait or are refused"
                                : "a Monday flood or a crisis surge finds the same " + f.desiredCount()
                                + " tasks; calls beyond their capacity wait or are refused", fix));
            } else if (direct.isPresent()) {
                out.add(new Finding(Kind.NO_POLICY, Severity.WARNING, "No scale-out backstop beside direct scaling",
                        measured, "if the guard service stops, nothing raises the count: the worker-load backstop"
                        + " (scale-out only) still adds tasks when the workers are nearly full",
                        recommended(c, f, r, "add the scale-out-only worker-load backstop")));
            } else {
                out.add(new Finding(Kind.NO_POLICY, Severity.PROBLEM, "Nothing scales this service", measured,
                        "a Monday flood or a crisis surge finds the same " + f.desiredCount()
                                + " tasks; calls beyond their capacity wait or are refused",
                        recommended(c, f, r, "direct scaling in the guard service, the scale-out backstop on sessions")));
            }
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
                    recommended(c, f, r, "set the count from the sessions (direct scaling), keep a worker-load"
                            + " backstop, remove " + p.name())));
        }

        List<Policy> onHeadroom = onSessions.stream().filter(Policy::tracksHeadroom).toList();

        // ---- scale-in without a protection layer
        if (scalesIn) {
            if (f.busyTasks() == 0) {
                notChecked.add("protection layer: no task has calls now, so none shows whether busy tasks are protected");
            } else if (f.busyUnprotected() > 0) {
                out.add(new Finding(Kind.SCALE_IN_UNPROTECTED, Severity.PROBLEM, "Scale-in can stop busy tasks",
                        f.busyUnprotected() + " of " + f.busyTasks() + " busy tasks unprotected, and "
                                + (policiesScaleIn ? c.policies().stream().filter(Policy::scalesIn).map(Policy::name)
                                .findFirst().orElse("a policy") + " scales in (DisableScaleIn off)"
                                : "direct scaling (guard.scaling.direct) lowers the desired count"),
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
                        recommended(c, f, r, "scale in from the live reading after " + Recommended.DIRECT_SCALE_IN_AFTER
                                + " minutes below the aim (direct scaling), not by " + p.name())));
            } else if (p.kind() == ScalingConfig.Kind.STEP) {
                Duration eval = c.alarmsOf(p).stream().filter(Alarm::below).map(Alarm::evaluation)
                        .max(Duration::compareTo).orElse(Duration.ZERO);
                Duration slowest = eval.compareTo(p.cooldown()) > 0 ? eval : p.cooldown();
                if (slowest.compareTo(Recommended.SCALE_IN_FLOOR) < 0) {
                    out.add(new Finding(Kind.SCALE_IN_TOO_FAST, Severity.PROBLEM, "Scales in too quickly",
                            p.name() + ": scale-in alarm evaluates " + eval.toSeconds() + " s, cooldown "
                                    + p.cooldown().toSeconds() + " s (< 300 s)",
                            "a lull between two waves removes the tasks the next wave needs",
                            recommended(c, f, r, "replace it by direct scaling (scale-in after "
                                    + Recommended.DIRECT_SCALE_IN_AFTER + " minutes below the aim)")));
                }
            }
        }
        direct.filter(d -> d.scaleInAfter().compareTo(Recommended.SCALE_IN_FLOOR) < 0).ifPresent(d -> out.add(new Finding(
                Kind.SCALE_IN_TOO_FAST, Severity.PROBLEM, "Scales in too quickly",
                "guard.scaling.direct.scaleInAfter " + d.scaleInAfter().toMinutes() + " min (< 5 min), in this profile",
                "a lull between two waves removes the tasks the next wave needs, minutes before they are back",
                Fixes.profile(Recommended.directYaml(Duration.ofMinutes(Recommended.DIRECT_SCALE_IN_AFTER), d.lead(),
                        d.share()), "scaleInAfter: " + Recommended.DIRECT_SCALE_IN_AFTER + "m"))));

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
                        recommended(c, f, r, "scale out at once from the live reading (direct scaling), a backstop"
                                + " with a 60 s cooldown")));
                continue;
            }
            // Direct scaling and the headroom load size their idle room from the ramp; beside either, a worker-load
            // policy is a backstop.
            if (p.tracksHeadroom() || !onHeadroom.isEmpty() || direct.isPresent()) continue;
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

        // ---- the bounds a scheduled action sets when it runs
        for (ScalingConfig.Scheduled a : c.scheduled()) {
            a.min().filter(m -> m < r.minTasks()).ifPresent(m -> out.add(new Finding(Kind.MIN_BELOW_TWO, Severity.PROBLEM,
                    "A scheduled action sets the minimum below two", "scheduled action " + a.name() + " (" + a.schedule()
                    + ") sets min capacity " + m, "from when it runs, one task lost leaves no worker at all",
                    Fixes.scheduledBounds(cl, sv, a, r.minTasks(), a.max().map(x -> Math.max(x, r.minTasks())).orElse(null),
                            a.name() + " sets min capacity " + r.minTasks()))));
            f.peak().ifPresent(p -> {
                int need = r.tasksFor(p.sessions(), f.capacityPerTask());
                a.max().filter(x -> x < need).ifPresent(x -> out.add(new Finding(Kind.MAX_BELOW_PEAK, Severity.PROBLEM,
                        "A scheduled action sets the maximum below the observed peak", "scheduled action " + a.name() + " ("
                        + a.schedule() + ") sets max capacity " + x + " < " + need + " tasks for the peak of "
                        + p.sessions() + " sessions (" + f.capacityPerTask() + " a task) + 20 % idle",
                        "a peak like the last one while it holds runs out of workers at that maximum",
                        Fixes.scheduledBounds(cl, sv, a, a.min().orElse(null), need, a.name() + " sets max capacity " + need))));
            });
        }

        // ---- idle headroom: 20 % at the last peak; under direct scaling, the room its own aim keeps (one spare task,
        // the ramp × lead and its share of the sessions), which the lab measured against the waits (docs/scaling.md)
        f.peak().ifPresent(p -> {
            double idle = p.idleShare(f.capacityPerTask());
            String seen = String.format(Locale.ROOT, "%d sessions on %d tasks × %d = %.0f %% idle at %s", p.sessions(),
                    p.tasks(), f.capacityPerTask(), 100 * idle, p.at());
            if (direct.isPresent()) {
                int aim = headroomOf(direct.get()).tasksNeeded(p.sessions(), 0, f.capacityPerTask());
                if (p.tasks() < aim) {
                    out.add(new Finding(Kind.LOW_HEADROOM, Severity.PROBLEM, "Fewer tasks at the last peak than direct"
                            + " scaling aims at", seen + "; direct scaling aims at " + aim + " tasks for them (share "
                            + direct.get().share() + " + one spare task, before any ramp)",
                            "the count did not reach the aim (the maximum, or the guard service not writing): a surge"
                                    + " queues before new capacity arrives", recommended(c, f, r,
                            "let direct scaling reach its aim: the maximum from the peak, the guard service running")));
                }
            } else if (idle < r.headroom()) {
                out.add(new Finding(Kind.LOW_HEADROOM, Severity.PROBLEM, "Less than 20 % idle at the last peak", seen,
                        "new capacity takes minutes; with less idle room a surge queues before it arrives",
                        recommended(c, f, r, "set the count from the sessions plus a room sized from the ramp"
                                + " (direct scaling)")));
            }
        });
        for (Policy p : onSessions) {
            if (p.kind() != ScalingConfig.Kind.TARGET_TRACKING) continue;
            if (p.tracksHeadroom()) {
                if (p.targetValue() > Recommended.HEADROOM_TARGET + 1e-9) {
                    out.add(new Finding(Kind.LOW_HEADROOM, Severity.PROBLEM, "Target spends the headroom",
                            String.format(Locale.ROOT, "%s tracks %s at %s (> 1.0)", p.name(), p.metricLabel(), num(p.targetValue())),
                            "above 1.0 the tasks hold fewer than the sessions plus the headroom the ramp needs",
                            recommended(c, f, r, "set the count from the sessions plus the headroom (direct scaling)")));
                }
                continue;
            }
            // A worker-load backstop beside the headroom load or beside direct scaling.
            if (!onHeadroom.isEmpty() || (direct.isPresent() && p.disableScaleIn())) continue;
            double load = p.fractionOfCapacity() ? p.targetValue() : p.targetValue() / f.capacityPerTask();
            if (load > 1 - r.headroom() + 1e-9) {
                out.add(new Finding(Kind.LOW_HEADROOM, Severity.PROBLEM, "Target leaves less than 20 % idle",
                        String.format(Locale.ROOT, "%s tracks %s = %.0f %% of capacity", p.name(), num(p.targetValue()), 100 * load),
                        "at the target less than a fifth of the workers is free when a surge starts",
                        recommended(c, f, r, "set the count from the sessions plus a room sized from the ramp"
                                + " (direct scaling)")));
            }
        }

        // ---- sessions tracked at a share instead of a headroom sized from the ramp
        if (direct.isEmpty() && !onSessions.isEmpty() && onHeadroom.isEmpty()) {
            Policy p = onSessions.get(0);
            double load = p.fractionOfCapacity() ? p.targetValue() : p.targetValue() / f.capacityPerTask();
            out.add(new Finding(Kind.NO_HEADROOM_METRIC, Severity.WARNING, "Idle room is a share, not sized from the ramp",
                    p.name() + " tracks " + p.metricLabel() + (p.kind() == ScalingConfig.Kind.TARGET_TRACKING
                            ? String.format(Locale.ROOT, " at %s: %.0f %% of the workers idle at every hour", num(p.targetValue()),
                            100 * (1 - Math.min(1, load))) : ""),
                    "a fixed share costs the same idle room at night as at the peak and still leaves a surge waiting for"
                            + " the alarm; in the scaling lab a count set from the live sessions served as many callers on"
                            + " fewer task-hours (docs/benchmarks.md). " + NEEDS_GUARD + NOT_SEEN,
                    recommended(c, f, r, "set the count from the sessions (direct scaling), keep worker load as a"
                            + " scale-out backstop")));
        }

        // ---- the headroom load tracked by Application Auto Scaling, where the guard could set the count itself
        onHeadroom.stream().filter(Policy::scalesIn).findFirst().filter(p -> direct.isEmpty()).ifPresent(p -> {
            int aim = Recommended.directHeadroom().tasksNeeded(f.sessionsNow(), 0, f.capacityPerTask());
            out.add(new Finding(Kind.NOT_DIRECT, Severity.WARNING, "The count follows target tracking, not the live sessions",
                    String.format(Locale.ROOT, "%s tracks %s at %s; desired %d now, direct scaling would hold %d for the"
                                    + " %d sessions now (%d a task, share %s, one spare task, before any ramp)", p.name(),
                            p.metricLabel(), num(p.targetValue()), f.desiredCount(), aim, f.sessionsNow(),
                            f.capacityPerTask(), num(Recommended.DIRECT_SHARE)),
                    "target tracking scales in only after 15 datapoints below 90 % of the target and scales out on a"
                            + " datapoint 2–3 minutes old; in the scaling lab that cost 1.43–1.59 × the perfect-foresight"
                            + " bound's task-hours against 1.23–1.29 × for direct scaling, at the same waits"
                            + " (docs/benchmarks.md). " + NEEDS_GUARD + NOT_SEEN,
                    recommended(c, f, r, "direct scaling in the guard service; remove " + p.name()
                            + ", keep the scale-out backstop")));
        });

        // ---- direct scaling beside a policy that scales in: two writers of one count
        if (direct.isPresent() && policiesScaleIn) {
            List<Policy> in = c.policies().stream().filter(Policy::scalesIn).toList();
            out.add(new Finding(Kind.SCALING_CONFLICT, Severity.PROBLEM, "Two writers pull the desired count",
                    "guard.scaling.direct is on in this profile, and " + String.join(", ", in.stream().map(p ->
                            p.name() + " (" + (p.kind() == ScalingConfig.Kind.TARGET_TRACKING ? "target tracking on " : "step on ")
                                    + p.metricLabel() + ")").toList()) + (in.size() == 1 ? " scales" : " scale") + " in",
                    "the guard sets the count to its aim each minute while the policy lowers it (and raises it) on its"
                            + " own metric and cooldowns: each undoes the other, tasks start and stop for nothing, and a"
                            + " scale-in the guard did not choose can come in the middle of a surge",
                    recommended(c, f, r, "remove " + String.join(", ", in.stream().map(Policy::name).toList())
                            + "; keep only the scale-out-only backstop")));
        }

        // ---- direct scaling asked for, but no guard service leads the service
        if (direct.isPresent() && !f.guardLeads()) {
            out.add(new Finding(Kind.DIRECT_NOT_RUNNING, Severity.WARNING, "No guard service sets the count",
                    "guard.scaling.direct is on in this profile, but no guard service holds the lease of " + f.key()
                            + " (tag " + GuardLease.TAG + ")",
                    "nothing lowers the count (cost), and only the worker-load backstop raises it, later than direct"
                            + " scaling would",
                    new Finding.Fix("run the guard service with this profile",
                            "drainboard guard --profile PROFILE.yaml   # or as an ECS service: drainboard guard"
                                    + " --task-definition IMAGE --profile PROFILE.yaml (docs/guard-service.md)",
                            "# the guard service's own ECS service and task definition (docs/guard-service.md):\n"
                                    + "# drainboard guard --task-definition IMAGE --profile PROFILE.yaml prints it\n",
                            List.of())));
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

    /**
     * The recommended fix (docs/scaling.md): every policy that scales in removed (DeleteScalingPolicy), the
     * scale-out-only worker-load backstop put, and, when this profile does not have it yet, direct scaling as the YAML
     * for the guard service's profile (shown, not applied). {@code summary} empty: the recommended setup's own words.
     */
    static Finding.Fix recommended(ScalingConfig c, ServiceFacts f, Recommended r, String summary) {
        String cl = f.cluster(), sv = f.service();
        List<Finding.Fix> parts = new ArrayList<>();
        if (f.direct().isEmpty()) {
            parts.add(Fixes.profile(Recommended.directYaml(), "direct scaling in the guard service"));
        }
        for (Policy p : c.policies()) {
            if (p.scalesIn() && !p.name().equals(Recommended.BACKSTOP_POLICY)) {
                parts.add(Fixes.deletePolicy(cl, sv, p.name(), "remove " + p.name()));
            }
        }
        parts.add(Fixes.policy(r.backstop(cl, sv), "the scale-out-only worker-load backstop"));
        return Fixes.all(summary.isEmpty() ? "the recommended setup: direct scaling and the scale-out backstop" : summary,
                parts, "");
    }

    /** The headroom direct scaling aims at, with the profile's lead and share. */
    private static SessionHeadroom headroomOf(Profile.DirectScaling d) {
        return SessionHeadroom.of(d.lead(), d.share());
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
