package io.drainboard.drain;

import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Safe scale-in of one service (docs/drain.md, Safe scale-in): remove N tasks, the ones predicted idle soonest, cutting no call.
 * In this order, one fleet snapshot at a time:
 * <ol>
 * <li>every running task is protected — the others here, the chosen ones by their {@link TaskDrain} — since
 *     ECS stops no protected task on scale-in (Developer Guide "Protect your Amazon ECS tasks from being
 *     terminated by scale-in events": protected tasks are not terminated by scale-in events from service
 *     auto scaling or deployments);</li>
 * <li>the desired count is lowered by N: ECS wants N tasks fewer and, all of them protected, waits;</li>
 * <li>the chosen tasks are cordoned and drained; an idle one is stopped (http, none) or its signalled
 *     worker exits by itself (exec-signal). Running then only falls toward the lowered count, so ECS
 *     starts no replacement.</li>
 * <li>once they are gone and running = desired, the others' protection is put back as it was (or left to
 *     guard mode).</li>
 * </ol>
 * Why lower the count first and stop rather than release: a signalled worker exits as soon as it is idle,
 * and with the old count ECS would replace it with a fresh task that takes calls; and a released idle task
 * waits for ECS's next scheduler pass, a window in which LiveKit may dispatch a call to it (see
 * {@link GuardPolicy}), whereas StopTask takes it at once, idle. The price: while the service runs more
 * protected tasks than desired, ECS refuses to protect more ("DEPLOYMENT_BLOCKED", API Reference
 * "UpdateTaskProtection" failures), so every lease is taken at the start long enough for the drain
 * ({@link #plan}); a renewal that fails makes the scale-in give back what it has not cordoned yet. On a service guard
 * mode protects in full those leases are taken as release-then-protect while the service is steady
 * ({@link #protectOthers(List, Instant, String, ServiceSnapshot)}; docs/drain.md, Safe scale-in).
 */
public final class ScaleIn {
    /** Renew the others' protection this long before it runs out. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(20);
    /** How long a refresh may still show the desired count from before the scale-in lowered it. */
    static final Duration SEEN_WITHIN = Duration.ofSeconds(60);

    private static final class Chosen {
        final String arn;
        TaskDrain drain;
        boolean removed;
        boolean givenBack;

        Chosen(String arn, TaskDrain drain) {
            this.arn = arn;
            this.drain = drain;
        }

        boolean settled() {
            return removed || givenBack;
        }
    }

    private final String cluster;
    private final String service;
    private final String serviceArn;
    private final int requested;
    private final String why;
    private final DrainPlan plan;
    private final ProtectionActions protection;
    private final DrainEffects effects;
    private final ServiceScaling scaling;
    private final Instant startedAt;
    private final Map<String, Chosen> chosen = new LinkedHashMap<>();
    /** Every task's protection as found (chosen and others), to put back at the end. */
    private final Map<String, Protection> originals = new LinkedHashMap<>();
    /** Tasks other than the chosen that this scale-in protected, and until when. */
    private final Map<String, Instant> leases = new LinkedHashMap<>();
    private final List<String> alarms = new ArrayList<>();
    /** How each chosen task stopped, as observed: what the outcome says. */
    private final StopWitness witness = new StopWitness(false);
    private final int fromDesired;
    private final int target;
    /** Guard mode was on for the service when the scale-in started: a stop before any change leaves protection to it. */
    private final boolean guardOn;
    /** Tasks released to be protected again at once whose protection was not granted again: unprotected now. */
    private final List<String> exposed = new ArrayList<>();
    private int givenBack;
    private int giveBackPending;
    private int countBefore;
    private Instant countChangedAt;
    private boolean stopping;
    private boolean changedElsewhere;
    private ScaleInStatus.Phase phase = ScaleInStatus.Phase.DRAINING;
    private String reason;

    private ScaleIn(ServiceSnapshot svc, int count, String why, DrainPlan plan, ProtectionActions protection,
                    DrainEffects effects, ServiceScaling scaling, boolean guardOn, Instant now) {
        this.cluster = svc.clusterName();
        this.service = svc.name();
        this.serviceArn = svc.arn();
        this.requested = count;
        this.why = why;
        this.plan = plan;
        this.protection = protection;
        this.effects = effects;
        this.scaling = scaling;
        this.startedAt = now;
        this.guardOn = guardOn;
        this.fromDesired = svc.desiredCount();
        this.target = fromDesired - count;
        this.countBefore = fromDesired;
        this.countChangedAt = now;
    }

    /**
     * The drain plan of a scale-in: the service's cordon method, deadline and risk bar, StopTask once idle,
     * and a lease that covers the drain (three deadlines, at least ECS's default 120 min, at most 2880).
     */
    public static DrainPlan plan(CordonMethod method, Duration deadline, double riskBar) {
        long minutes = Math.min(ProtectionActions.MAX_MINUTES, Math.max(120, 3 * deadline.toMinutes()));
        return new DrainPlan(method, DrainPlan.Finish.STOP, deadline, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND,
                Duration.ofMinutes(minutes), RENEW_BEFORE, riskBar);
    }

    /**
     * Starts a scale-in on this snapshot of the service: chooses, protects, lowers the count and cordons.
     *
     * @throws IllegalStateException with the reason in the operator's words when it cannot start safely
     */
    static ScaleIn start(ServiceSnapshot svc, int count, String why, DrainPlan plan, CutRisk risk,
                         ProtectionActions protection, DrainEffects effects, ServiceScaling scaling, boolean guardOn,
                         Instant now) {
        if (svc.deploying()) {
            throw new IllegalStateException("a deployment is in progress on " + svc.name() + "; scale in once it completes");
        }
        if (svc.runningCount() != svc.desiredCount() || svc.pendingCount() > 0) {
            throw new IllegalStateException(svc.name() + " is not steady (running " + svc.runningCount() + ", pending "
                    + svc.pendingCount() + ", desired " + svc.desiredCount() + "); scale in once it is");
        }
        if (count < 1 || count > svc.desiredCount()) {
            throw new IllegalArgumentException("remove 1 to " + svc.desiredCount() + " tasks; asked for " + count);
        }
        List<TaskSnapshot> candidates = running(svc).stream().filter(t -> t.calls().known()).toList();
        if (candidates.size() < count) {
            throw new IllegalStateException("only " + candidates.size() + " tasks of " + svc.name()
                    + " have known calls; the console does not choose blind");
        }
        ScaleIn s = new ScaleIn(svc, count, why, plan, protection, effects, scaling, guardOn, now);
        s.begin(svc, IdleSoonest.rank(candidates, now, risk).subList(0, count), risk, now);
        return s;
    }

    private void begin(ServiceSnapshot svc, List<IdleSoonest.Pick> picks, CutRisk risk, Instant now) {
        for (TaskSnapshot t : running(svc)) originals.put(t.arn(), t.protection());
        for (IdleSoonest.Pick p : picks) {
            chosen.put(p.task().arn(), new Chosen(p.task().arn(), new TaskDrain(cluster, service, p.task().arn(), plan,
                    risk, now)));
            witness.watch(p.task().arn());
        }
        List<String> others = originals.keySet().stream().filter(a -> !chosen.containsKey(a)).toList();
        String failed = protectOthers(others, now, "scale-in: keep the tasks that stay out of ECS's choice", svc);
        for (Chosen c : chosen.values()) {
            c.drain.step(svc, now, effects);
            if (failed == null && c.drain.phase() == DrainPhase.FAILED) failed = c.drain.status().reason();
        }
        if (failed != null) {
            undo(svc, now, "could not protect every task, so the desired count was not changed (still " + fromDesired
                    + "): " + failed);
            return;
        }
        String error = scaling.setDesired(serviceArn, cluster, service, fromDesired, target, "scale-in by " + chosen.size() + ": " + why);
        if (error != null) {
            undo(svc, now, "UpdateService refused the new desired count (still " + fromDesired + "): " + error);
            return;
        }
        for (Chosen c : chosen.values()) c.drain.step(svc, now, effects);
        reason = "desired count lowered from " + fromDesired + " to " + target + "; draining " + picks.stream()
                .map(p -> p.task().id() + " (" + p.why().replace(" (the soonest)", "") + ")").toList();
    }

    /**
     * Nothing was changed but protection: drains cancelled, protection put back, or left to guard mode when it guards
     * the service (it takes the service back on its next pass). The reason says what the fleet is left as.
     */
    private void undo(ServiceSnapshot svc, Instant now, String why) {
        for (Chosen c : chosen.values()) {
            c.drain.cancel();
            c.givenBack = true;
        }
        restore(svc, now, guardOn);
        String left = guardOn ? "; nothing cordoned; protection left to guard mode"
                : "; nothing cordoned; protection put back as it was";
        if (!exposed.isEmpty()) {
            left += "; released to be protected again but not protected: " + exposed.stream().map(ScaleIn::shortId).toList()
                    + (guardOn ? " (guard mode protects them on its next pass; ECS waits to stop no task meanwhile)"
                    : " (ECS waits to stop no task while the desired count is unchanged)");
        }
        alarms.add(why + left);
        phase = ScaleInStatus.Phase.STOPPED;
        reason = why + left;
    }

    /**
     * Advances the scale-in on a fresh snapshot of its service; its drains send with {@code fx} (which may answer
     * on a later step).
     */
    synchronized void step(ServiceSnapshot svc, Instant now, boolean guardOn, DrainEffects fx) {
        if (phase.finished()) return;
        // A refresh read before our last UpdateService still shows the count before it: not someone else's change.
        if (svc.desiredCount() == countBefore && now.isBefore(countChangedAt.plus(SEEN_WITHIN))) return;
        if (!changedElsewhere && svc.desiredCount() != target + givenBack) {
            changedElsewhere = true;
            alarm("the desired count was changed elsewhere (to " + svc.desiredCount() + ", expected "
                    + (target + givenBack) + "): the scale-in stops; tasks not cordoned yet stay, "
                    + "cordoned ones finish their drain");
            stopUndrained(false);
        }
        witness.saw(svc, now);
        protectNewTasks(svc, now);
        renewOthers(now);
        for (Chosen c : chosen.values()) {
            if (c.settled()) continue;
            Optional<TaskSnapshot> t = svc.tasks().stream().filter(x -> x.arn().equals(c.arn)).findFirst();
            if (t.isEmpty() || t.get().stopping() || "STOPPED".equals(t.get().lastStatus())) {
                c.removed = true;
                continue;
            }
            c.drain.step(svc, now, fx);
            c.drain.status().cordonedAt().filter(x -> c.drain.status().method() == CordonMethod.EXEC_SIGNAL)
                    .ifPresent(x -> witness.signalled(c.arn, x));
            DrainPhase p = c.drain.phase();
            if (p == DrainPhase.AWAITING_REPLACEMENT || p == DrainPhase.DONE) {
                c.removed = true;
            } else if (p == DrainPhase.FAILED || p == DrainPhase.CANCELLED) {
                alarm(t.get().id() + " will not be removed: " + c.drain.status().reason());
                c.givenBack = true;
                if (!changedElsewhere) giveBackPending++;
            }
            c.drain.status().alarms().forEach(this::alarm);
        }
        giveBack(svc, now);
        long removed = chosen.values().stream().filter(c -> c.removed).count();
        boolean stopsSeen = chosen.values().stream().filter(c -> c.removed).allMatch(c -> witness.settled(c.arn));
        if (chosen.values().stream().allMatch(Chosen::settled) && giveBackPending == 0 && stopsSeen
                && svc.runningCount() == svc.desiredCount() && svc.pendingCount() == 0) {
            restore(svc, now, guardOn);
            phase = removed == requested && !stopping && !changedElsewhere ? ScaleInStatus.Phase.DONE
                    : ScaleInStatus.Phase.STOPPED;
            reason = witness.summary().words(removed + " of " + requested + " tasks removed"
                    + (givenBack > 0 ? ", " + givenBack + " given back" : "")) + "; desired " + svc.desiredCount()
                    + ", running " + svc.runningCount()
                    + (guardOn ? "; protection left to guard mode" : "; the other tasks' protection is back as it was");
            effects.record("scale-in-outcome", cluster, cluster + "/" + service, reason);
            return;
        }
        reason = waiting(svc, removed);
    }

    private String waiting(ServiceSnapshot svc, long removed) {
        List<String> parts = new ArrayList<>();
        for (Chosen c : chosen.values()) {
            if (!c.settled()) parts.add(c.drain.status().taskId() + ": " + c.drain.status().reason());
        }
        String head = (stopping ? "stopping: " : "") + removed + " of " + requested + " removed";
        if (parts.isEmpty()) {
            return head + "; waiting for ECS: running " + svc.runningCount() + ", desired " + svc.desiredCount();
        }
        return head + "; " + String.join("; ", parts);
    }

    /** The operator stops the scale-in: tasks not cordoned yet are given back; cordoned ones finish their drain. */
    synchronized void abort() {
        if (phase.finished() || stopping) return;
        alarm("aborted by the operator");
        stopUndrained(!changedElsewhere);
    }

    /** The operator lets drains held by a cordon alarm go on: each such task is stopped only once idle. */
    synchronized void resume(Instant now) {
        for (Chosen c : chosen.values()) {
            if (!c.settled()) c.drain.resumeStoppingWhenIdle(now);
        }
    }

    private void stopUndrained(boolean raiseCount) {
        stopping = true;
        for (Chosen c : chosen.values()) {
            if (c.settled()) continue;
            DrainStatus st = c.drain.status();
            boolean cordonTook = st.cordonedAt().isPresent() && c.drain.phase() != DrainPhase.HELD;
            if (!cordonTook && c.drain.phase() != DrainPhase.STOPPING && c.drain.phase() != DrainPhase.AWAITING_REPLACEMENT) {
                c.drain.cancel();
                c.givenBack = true;
                if (raiseCount) giveBackPending++;
            }
        }
    }

    /** Raises the desired count by the tasks that will not be removed, so ECS does not pick others instead. */
    private void giveBack(ServiceSnapshot svc, Instant now) {
        if (giveBackPending == 0) return;
        if (changedElsewhere) {
            giveBackPending = 0;
            return;
        }
        int to = svc.desiredCount() + giveBackPending;
        String error = scaling.setDesired(serviceArn, cluster, service, svc.desiredCount(), to,
                "scale-in: " + giveBackPending + " chosen task(s) stay; desired count given back");
        if (error != null) {
            alarm("could not give the desired count back (" + error + "); trying again on the next refresh");
            return;
        }
        countBefore = svc.desiredCount();
        countChangedAt = now;
        givenBack += giveBackPending;
        giveBackPending = 0;
    }

    /** A task that started meanwhile (a crash replaced, say) is protected too: ECS must choose only ours. */
    private void protectNewTasks(ServiceSnapshot svc, Instant now) {
        List<String> fresh = running(svc).stream().map(TaskSnapshot::arn).filter(a -> !originals.containsKey(a)).toList();
        if (fresh.isEmpty()) return;
        for (String a : fresh) originals.put(a, Protection.OFF);
        String failed = protectOthers(fresh, now, "scale-in: a task that started meanwhile stays out of ECS's choice");
        if (failed != null) alarm("a task that started meanwhile could not be protected: " + failed);
    }

    private void renewOthers(Instant now) {
        List<String> due = leases.entrySet().stream().filter(e -> !e.getValue().isAfter(now.plus(plan.renewBefore())))
                .map(Map.Entry::getKey).toList();
        if (due.isEmpty() || stopping && chosen.values().stream().allMatch(Chosen::settled)) return;
        String failed = protectOthers(due, now, "scale-in: renew while the chosen tasks drain");
        if (failed != null && !stopping) {
            alarm("could not renew the other tasks' protection (" + failed + "); giving back what is not cordoned");
            stopUndrained(!changedElsewhere);
        }
    }

    /** Protects tasks for the plan's lease; returns the first failure, or null. */
    private String protectOthers(List<String> arns, Instant now, String why) {
        return protectOthers(arns, now, why, null);
    }

    /**
     * As above; with {@code steady} (the service as read before the desired count is lowered), a task that is already
     * protected — guard mode protects every task, idle ones included — and whose renewal ECS refused at its
     * protected-task limit is released and protected again at once ({@link Renewal}): where the limit counts renewals
     * (docs/simulator.md, "Rules and switches") a fully protected service can renew none of its tasks, and the lease
     * that covers the drain can only be taken now, while ECS waits to stop nothing (one deployment, running = desired,
     * {@link Renewal#regrantIsSafe}). Once the count is lowered no renewal gets through, so a shorter lease left as it
     * was could run out under a busy task. A task released here and not protected again is remembered ({@link #exposed}).
     */
    private String protectOthers(List<String> arns, Instant now, String why, ServiceSnapshot steady) {
        if (arns.isEmpty()) return null;
        int minutes = (int) plan.lease().toMinutes();
        try {
            List<TaskProtectionGateway.Outcome> out = protection.protect(cluster, arns, minutes, why);
            if (steady != null) out = regrant(steady, out, minutes, why, " (ECS refused the renewal at its protected-task"
                    + " limit: released to be protected again at once)");
            String failed = null;
            for (TaskProtectionGateway.Outcome o : out) {
                if (o.ok()) leases.put(o.taskArn(), o.expiresAt().orElse(now.plus(plan.lease())));
                else if (failed == null) failed = o.message();
            }
            return failed;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** {@link Renewal#regrant} through this scale-in's calls; a task released and not protected again is remembered. */
    private List<TaskProtectionGateway.Outcome> regrant(ServiceSnapshot svc, List<TaskProtectionGateway.Outcome> out,
                                                        int minutes, String why, String releaseWhy) {
        Renewal.Regrant r = Renewal.regrant(svc, out, new Renewal.Calls() {
            @Override
            public List<TaskProtectionGateway.Outcome> release(List<String> tasks) {
                return protection.release(cluster, tasks, why + releaseWhy);
            }

            @Override
            public List<TaskProtectionGateway.Outcome> protect(List<String> tasks) {
                return protection.protect(cluster, tasks, minutes, why + " (protected again)");
            }
        });
        r.outcomes().stream().filter(TaskProtectionGateway.Outcome::ok).forEach(o -> exposed.remove(o.taskArn()));
        exposed.addAll(r.exposed());
        return r.outcomes();
    }

    /**
     * Puts back every remaining task's protection as it was found, unless guard mode now owns it. A task protected
     * when the scale-in began is protected again to its earlier expiry; where ECS refuses that at its protected-task
     * limit and waits to stop nothing, released and protected again at once (as {@link #protectOthers} took it).
     */
    private void restore(ServiceSnapshot svc, Instant now, boolean guardOn) {
        if (guardOn) return;
        List<String> release = new ArrayList<>();
        for (TaskSnapshot t : running(svc)) {
            Protection was = originals.get(t.arn());
            if (was == null || was.state() == Protection.State.UNKNOWN) continue; // left to expire on its own
            boolean ours = leases.containsKey(t.arn()) || chosen.containsKey(t.arn()) || exposed.contains(t.arn());
            if (!ours) continue;
            Optional<Instant> until = was.state() == Protection.State.ON ? was.expiresAt() : Optional.empty();
            long minutes = until.map(u -> (Duration.between(now, u).toSeconds() + 59) / 60).orElse(0L);
            if (minutes >= ProtectionActions.MIN_MINUTES) {
                try {
                    protectBack(svc, t.arn(), (int) Math.min(minutes, ProtectionActions.MAX_MINUTES));
                } catch (RuntimeException e) {
                    alarm("could not put the protection back (" + e.getMessage() + "); the lease expires on its own");
                }
            } else {
                release.add(t.arn());
            }
        }
        try {
            protection.release(cluster, release, "scale-in done: protection back as it was (off)");
            exposed.removeAll(release);
        } catch (RuntimeException e) {
            alarm("could not put the protection back (" + e.getMessage() + "); the leases expire on their own");
        }
    }

    private void protectBack(ServiceSnapshot svc, String arn, int minutes) {
        String why = "scale-in done: protection back to its earlier expiry";
        List<TaskProtectionGateway.Outcome> out = protection.protect(cluster, List.of(arn), minutes, why);
        if (!exposed.contains(arn)) out = regrant(svc, out, minutes, why,
                " (ECS refused it at its protected-task limit: released to be protected again at once)");
        TaskProtectionGateway.Outcome o = first(out, arn);
        if (o.ok()) {
            exposed.remove(arn);
        } else {
            alarm("could not put " + shortId(arn) + "'s protection back (" + o.message() + ")"
                    + (exposed.contains(arn) ? "; it is unprotected now" : "; it keeps the scale-in's longer lease"));
        }
    }

    private static TaskProtectionGateway.Outcome first(List<TaskProtectionGateway.Outcome> outcomes, String arn) {
        return outcomes.stream().filter(o -> arn.equals(o.taskArn())).findFirst()
                .orElse(new TaskProtectionGateway.Outcome(arn, false, Optional.empty(), "no answer for the task"));
    }

    private static String shortId(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private void alarm(String a) {
        if (!alarms.contains(a)) alarms.add(a);
    }

    private static List<TaskSnapshot> running(ServiceSnapshot svc) {
        return svc.tasks().stream().filter(t -> "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus()))
                .toList();
    }

    /** The service's ARN: its account and region, where every call of this scale-in goes. */
    String serviceArn() {
        return serviceArn;
    }

    public synchronized ScaleInStatus status() {
        return new ScaleInStatus(cluster, service, requested, phase, fromDesired, target, givenBack,
                chosen.values().stream().map(c -> c.drain.status()).toList(), startedAt, reason, alarms, witness.summary());
    }
}
