package io.drainboard.drain;

import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One task's drain, advanced one fleet snapshot at a time (docs/drain.md, Safe drain). It holds the invariant
 * that matters most: a worker that was signalled is never sent StopTask while it has calls, because a
 * second signal kills a LiveKit worker at once.
 */
public final class TaskDrain {
    /** Calls dispatched just before the cordon may still land: LiveKit job assignment is not instant. */
    static final Duration CORDON_GRACE = Duration.ofSeconds(5);

    private final String cluster;
    private final String service;
    private final String taskArn;
    private final DrainPlan plan;
    private final CutRisk risk;
    private final Instant startedAt;
    private Instant deadline;
    private DrainPhase phase = DrainPhase.PROTECTING;
    private Instant protectedUntil;
    private Instant cordonedAt;
    private boolean signalled;
    private boolean forceRequested;
    private int fewestCallsSinceCordon = Integer.MAX_VALUE;
    private String reason = "starting";
    /** What was sent and has not answered (null: nothing); the step that sent it waits for the answer. */
    private String sending;
    private final List<String> alarms = new ArrayList<>();
    /** How the task stopped, as observed: what the drain's outcome says (not what it meant to do). */
    private final StopWitness witness = new StopWitness(false);

    public TaskDrain(String cluster, String service, String taskArn, DrainPlan plan, CutRisk risk, Instant now) {
        this.cluster = cluster;
        this.service = service;
        this.taskArn = taskArn;
        this.plan = plan;
        this.risk = risk;
        this.startedAt = now;
        this.deadline = now.plus(plan.deadline());
        witness.watch(taskArn);
    }

    public DrainStatus status() {
        return new DrainStatus(cluster, service, taskArn, plan.method(), phase, startedAt, deadline,
                Optional.ofNullable(protectedUntil), Optional.ofNullable(cordonedAt), sending == null || phase.finished()
                ? reason : "sent " + sending + ", no answer yet" + ("starting".equals(reason) ? "" : "; " + reason), alarms,
                Optional.ofNullable(phase.finished() ? null : sending), witness.outcome(taskArn));
    }

    public DrainPhase phase() {
        return phase;
    }

    /** The operator, having typed the confirmation, accepts cutting the remaining calls. */
    public void force() {
        forceRequested = true;
    }

    /** The operator stops the drain: nothing more is sent; the protection lease simply runs out. */
    public void cancel() {
        if (!phase.finished()) {
            phase = DrainPhase.CANCELLED;
            reason = "cancelled by the operator; protection expires " + (protectedUntil == null ? "—" : protectedUntil);
        }
    }

    /** The operator lets a held drain go on (e.g. after checking the alarm); the deadline is extended. */
    public void resume(Instant now) {
        if (phase == DrainPhase.HELD) {
            phase = DrainPhase.WAITING;
            fewestCallsSinceCordon = Integer.MAX_VALUE;
            deadline = now.plus(plan.deadline());
        }
    }

    /**
     * The operator lets a drain held by a cordon alarm go on without trusting the cordon: the task is
     * stopped only once it has no call. A worker that ignored its signal never exits by itself, and
     * StopTask on an idle worker cuts nothing (the invariant is about workers that still have calls).
     */
    public void resumeStoppingWhenIdle(Instant now) {
        if (phase == DrainPhase.HELD) {
            signalled = false;
            resume(now);
        }
    }

    /** True, and the drain shows it, while an effect it sent has not answered: nothing else is decided meanwhile. */
    private boolean inFlight(DrainEffects.Result<?> r) {
        if (r.pending()) {
            sending = r.sending().get();
            return true;
        }
        sending = null;
        return false;
    }

    /**
     * Advances the drain on a fresh snapshot of its service. With effects that answer later ({@link
     * AsyncDrainEffects}) a step that sends something ends there; a later step takes the answer and goes on.
     */
    public void step(ServiceSnapshot svc, Instant now, DrainEffects fx) {
        if (phase.finished()) return;
        witness.saw(svc, now);
        Optional<TaskSnapshot> task = svc.tasks().stream().filter(t -> t.arn().equals(taskArn)).findFirst();
        switch (phase) {
            case PROTECTING -> {
                boolean answered = sending != null; // the protection was sent on an earlier step
                protect(now, fx, "drain: keep the task alive while it empties", task, svc);
                // Its answer came in: cordon now, not a refresh later (until its cordon a task takes new calls).
                if (answered && phase == DrainPhase.CORDONING) cordon(now, fx, task);
            }
            case CORDONING -> cordon(now, fx, task);
            case WAITING, HELD -> waitForIdle(task, now, fx, svc);
            case STOPPING -> stop(fx, false);
            case RELEASING -> release(fx);
            case AWAITING_REPLACEMENT -> awaitReplacement(svc, task, fx);
            default -> { }
        }
    }

    private void protect(Instant now, DrainEffects fx, String why, Optional<TaskSnapshot> task, ServiceSnapshot svc) {
        DrainEffects.Result<Instant> r = fx.protect(cluster, taskArn, (int) plan.lease().toMinutes(), why);
        if (inFlight(r)) return;
        if (!r.ok() && Renewal.blocked(r.error().get())) {
            Optional<Instant> held = Renewal.heldUntil(task, protectedUntil, now);
            DrainEffects.Result<Instant> again = held.isPresent() && task.isPresent() && Renewal.regrantIsSafe(svc, task.get())
                    ? fx.reprotect(cluster, taskArn, (int) plan.lease().toMinutes(), why + " (ECS refused the renewal: "
                    + r.error().get() + ")") : null;
            if (again != null && inFlight(again)) return;
            boolean stillHeld = again == null || again.error().map(DrainEffects::releaseRefused).orElse(false);
            if (again != null && !stillHeld) {
                r = again; // protected again, or released and not protected again: the checks below say which
            } else if (held.isPresent()) {
                // Still protected: keep what it has and ask again next refresh; fail only if it runs out.
                protectedUntil = held.get();
                reason = "ECS refused to renew the protection (" + r.error().get() + "); protected until " + held.get()
                        + ", asking again";
                if (phase == DrainPhase.PROTECTING) phase = DrainPhase.CORDONING;
                return;
            }
        }
        if (!r.ok()) {
            fail("could not protect the task: " + r.error().get());
            return;
        }
        protectedUntil = r.value().orElse(now.plus(plan.lease()));
        if (phase == DrainPhase.PROTECTING) {
            phase = DrainPhase.CORDONING;
            reason = "protected until " + protectedUntil + "; cordoning";
        }
    }

    private void cordon(Instant now, DrainEffects fx, Optional<TaskSnapshot> task) {
        if (plan.method() == CordonMethod.NONE) {
            phase = DrainPhase.WAITING;
            reason = "no cordon method: waiting for the task to go idle (may take long on a busy service)";
            return;
        }
        DrainEffects.Result<Void> r = fx.cordon(cluster, service, taskArn, plan.method(), "drain: stop taking new calls");
        if (inFlight(r)) return;
        if (!r.ok()) {
            fail("cordon (" + plan.method().key() + ") failed: " + r.error().get());
            return;
        }
        cordonedAt = now;
        signalled = plan.method() == CordonMethod.EXEC_SIGNAL;
        if (signalled) witness.signalled(taskArn, now);
        phase = DrainPhase.WAITING;
        // Say what it waits for from the cordon on: its calls may all end before the next read (a busy task, then gone).
        reason = "cordoned by " + plan.method().key() + "; waiting for calls to end"
                + task.filter(t -> t.calls().known() && t.calls().count() > 0).map(t -> ": " + waitingReason(CallAges.of(t, now)))
                        .orElse("");
    }

    private void waitForIdle(Optional<TaskSnapshot> task, Instant now, DrainEffects fx, ServiceSnapshot svc) {
        if (task.isEmpty() && svc.error().isPresent()
                && svc.recentlyStopped().stream().noneMatch(t -> t.arn().equals(taskArn))) {
            // Absent from an incomplete read is not stopped: it may still run with calls (and lose its lease).
            if (protectedUntil != null && !protectedUntil.isAfter(now.plus(plan.renewBefore()))) {
                protect(now, fx, "drain: renew protection while the task cannot be seen", task, svc);
                if (phase == DrainPhase.FAILED || sending != null) return;
            }
            reason = "the task is not in this refresh (" + svc.error().get() + "): waiting, not acting blind";
            return;
        }
        if (task.isEmpty() || "STOPPED".equals(task.get().lastStatus())) {
            // A signalled worker exits by itself when idle; the task then stops and is replaced.
            phase = DrainPhase.AWAITING_REPLACEMENT;
            reason = "task stopped; waiting for its replacement";
            return;
        }
        TaskSnapshot t = task.get();
        if (t.stopping()) {
            // ECS is stopping it: a signalled worker that left, or someone else's stop. Nothing more to send; the
            // outcome says who stopped it and with what calls, once it is seen stopped.
            phase = DrainPhase.AWAITING_REPLACEMENT;
            reason = "ECS is stopping the task" + t.stopCode().map(c -> " (" + c + ")").orElse("") + "; waiting for its replacement";
            return;
        }
        if (protectedUntil != null && !protectedUntil.isAfter(now.plus(plan.renewBefore()))) {
            protect(now, fx, "drain: renew protection while calls remain", task, svc);
            if (phase == DrainPhase.FAILED || sending != null) return;
        }
        if (!t.calls().known()) {
            reason = "calls unknown (" + t.calls().error().orElse("source failed") + "): waiting, not acting blind";
            return;
        }
        verifyCordon(t, now);
        if (phase == DrainPhase.HELD && !forceRequested) return;
        if (t.calls().count() == 0) {
            if (signalled) {
                reason = "idle; the signalled worker exits by itself";
                return;
            }
            phase = plan.finish() == DrainPlan.Finish.STOP ? DrainPhase.STOPPING : DrainPhase.RELEASING;
            if (phase == DrainPhase.STOPPING) stop(fx, false);
            else release(fx);
            return;
        }
        if (forceRequested) {
            stop(fx, true);
            return;
        }
        List<Double> ages = CallAges.of(t, now);
        if (plan.method() == CordonMethod.NONE
                && risk.allEndWithin(ages, t.stopTimeout().seconds()) >= plan.riskBar()) {
            phase = DrainPhase.STOPPING;
            reason = "risk model: all " + ages.size() + " calls end within stopTimeout with p ≥ " + plan.riskBar();
            stop(fx, false);
            return;
        }
        if (now.isAfter(deadline)) {
            onDeadline(t, now, fx);
            return;
        }
        reason = waitingReason(ages);
    }

    /**
     * A cordoned task's call count can only fall; if it rises, a call started after the cordon and the
     * worker is still taking calls (livekit/agents#6724), so the drain must not proceed blindly.
     */
    private void verifyCordon(TaskSnapshot t, Instant now) {
        if (cordonedAt == null || now.isBefore(cordonedAt.plus(CORDON_GRACE))) return;
        int count = t.calls().count();
        if (count > fewestCallsSinceCordon) {
            String alarm = "a call started on the task after it was cordoned (" + plan.method().key()
                    + "): the cordon did not take (see livekit/agents#6724); drain held";
            if (!alarms.contains(alarm)) alarms.add(alarm);
            if (phase != DrainPhase.HELD) {
                phase = DrainPhase.HELD;
                reason = alarm;
            }
        }
        fewestCallsSinceCordon = Math.min(fewestCallsSinceCordon, count);
    }

    private void onDeadline(TaskSnapshot t, Instant now, DrainEffects fx) {
        String alarm = "deadline passed with " + t.calls().count() + " calls on the task";
        if (plan.onDeadline() == DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND) {
            alarm += "; extended by " + plan.deadline().toMinutes() + " min";
            deadline = now.plus(plan.deadline());
        } else {
            alarm += "; waiting for the operator to force (cuts the calls) or extend";
            phase = DrainPhase.HELD;
            reason = alarm;
        }
        alarms.add(alarm);
        fx.record("drain-deadline", cluster, taskArn, alarm);
    }

    private void stop(DrainEffects fx, boolean forced) {
        if (signalled && !forced) {
            // Never a second signal to a worker that was signalled: it exits by itself when idle.
            phase = DrainPhase.WAITING;
            return;
        }
        DrainEffects.Result<Void> r = fx.stopTask(cluster, taskArn, forced
                ? "drain forced by the operator (cuts remaining calls)" : "drain: task idle");
        if (inFlight(r)) return;
        if (!r.ok()) {
            fail("StopTask failed: " + r.error().get());
            return;
        }
        phase = DrainPhase.AWAITING_REPLACEMENT;
        reason = "stopped; waiting for the service to start its replacement";
    }

    private void release(DrainEffects fx) {
        DrainEffects.Result<Void> r = fx.release(cluster, taskArn, "drain: task idle, released to ECS");
        if (inFlight(r)) return;
        if (!r.ok()) {
            fail("release failed: " + r.error().get());
            return;
        }
        phase = DrainPhase.DONE;
        reason = "idle and released; ECS may now stop it";
    }

    private void awaitReplacement(ServiceSnapshot svc, Optional<TaskSnapshot> task, DrainEffects fx) {
        boolean replaced = svc.tasks().stream().anyMatch(t -> !t.arn().equals(taskArn) && "RUNNING".equals(t.lastStatus())
                && t.startedAt().map(s -> s.isAfter(startedAt)).orElse(false));
        if (replaced && svc.runningCount() >= svc.desiredCount() && witness.settled(taskArn)) {
            phase = DrainPhase.DONE;
            reason = witness.summary().words(witness.summary().clean() ? "drained, replacement running" : "replacement running");
            fx.record("drain-outcome", cluster, taskArn, reason);
        } else if (replaced && svc.runningCount() >= svc.desiredCount()) {
            reason = "replacement running; waiting to see how the task stopped (its exit code)";
        } else {
            reason = task.map(t -> "task " + t.lastStatus().toLowerCase() + "; waiting for its replacement")
                    .orElse("waiting for the replacement to run");
        }
    }

    private void fail(String why) {
        phase = DrainPhase.FAILED;
        reason = why + (protectedUntil == null ? "" : "; protection stays until " + protectedUntil);
        alarms.add(why);
    }

    private String waitingReason(List<Double> ages) {
        CutRisk.IdleForecast f = risk.forecast(ages);
        double oldest = ages.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return ages.size() + (ages.size() == 1 ? " call" : " calls") + ", oldest " + IdleSoonest.minutes(oldest)
                + ", predicted idle in " + IdleSoonest.minutes(f.p10()) + "–" + IdleSoonest.minutes(f.p90());
    }
}
