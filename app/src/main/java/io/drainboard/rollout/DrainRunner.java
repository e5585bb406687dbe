package io.drainboard.rollout;

import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.CordonMethod;
import io.drainboard.drain.CordonOutcome;
import io.drainboard.drain.DrainEffects;
import io.drainboard.drain.DrainPhase;
import io.drainboard.drain.DrainStatus;
import io.drainboard.drain.TaskDrain;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the rollout's drains with the drain engine ({@link TaskDrain}: protect → cordon → wait → StopTask when
 * idle), journaling each cordon and stop before it is sent. A drain is rebuilt from the journal after a
 * restart; what the journal says was (or may have been) sent is never sent again: a second signal kills a
 * LiveKit worker with its calls.
 */
final class DrainRunner {
    /** A drain failing this often (protect, cordon or stop refused every time) pauses the rollout. */
    static final int MAX_RETRIES = 30;

    private final RolloutContext c;
    private final Map<String, TaskDrain> running = new LinkedHashMap<>();

    DrainRunner(RolloutContext c) {
        this.c = c;
    }

    /**
     * Starts a drain and takes its first steps (protect, cordon) in this same pass: until its cordon a picked
     * task keeps taking calls, and waiting for the next refresh cost 5 s on every drain's turn.
     */
    void start(TaskSnapshot t, String why) {
        DrainMemo memo = new DrainMemo(t.arn(), c.m.direction, c.now);
        c.m.drains.put(t.arn(), memo);
        c.journal("drain: start " + t.id() + " (" + why + ")");
        step(memo);
    }

    /** Drains under way (started, not ended), in the current direction or left over from the previous one. */
    List<DrainMemo> active() {
        return c.m.drains.values().stream().filter(d -> !d.ended()).toList();
    }

    boolean draining(String task) {
        DrainMemo d = c.m.drains.get(task);
        return d != null && !d.ended();
    }

    boolean everDrained(String task) {
        return c.m.drains.containsKey(task);
    }

    List<DrainStatus> statuses() {
        List<DrainStatus> out = new ArrayList<>();
        for (DrainMemo d : active()) {
            TaskDrain td = running.get(d.task);
            if (td != null) out.add(td.status());
        }
        return out;
    }

    /** Advances every drain on this refresh. */
    void stepAll() {
        for (DrainMemo d : active()) step(d);
    }

    /** Abort: drains whose task was not cordoned yet are cancelled (its protection runs out on its own). */
    void cancelUncordoned() {
        for (DrainMemo d : active()) {
            if (d.cordon == CordonState.NOT_YET && !d.stopSent) {
                TaskDrain td = running.remove(d.task);
                if (td != null) td.cancel();
                end(d, "cancelled by abort before its cordon");
            }
        }
    }

    /** The operator resumed: held drains go on without cordon, stopped only once idle. */
    void resumeHeld() {
        for (DrainMemo d : active()) {
            TaskDrain td = running.get(d.task);
            if (td != null && td.phase() == DrainPhase.HELD) {
                d.idleOnly = true;
                running.remove(d.task);
                c.journal("drain: " + RolloutContext.shortId(d.task) + " goes on without cordon, stopped only when idle");
            }
        }
    }

    private void step(DrainMemo d) {
        Optional<TaskSnapshot> task = c.view.task(d.task);
        if (task.isEmpty() || !ServiceView.live(task.get()) && task.get().calls().count() == 0) {
            end(d, d.stopSent ? "stopped when idle" : "its worker exited when idle");
            return;
        }
        TaskDrain td = running.computeIfAbsent(d.task, k -> new TaskDrain(c.cluster(), c.service(), d.task,
                d.idleOnly ? c.m.spec.settings().idleOnlyPlan() : c.m.spec.settings().drainPlan(), c.risk, c.now));
        Effects fx = new Effects(d);
        td.step(c.view.svc, c.now, fx);
        // Protect and cordon in the same pass: each pass the drain waits is a pass the task takes calls.
        for (int i = 0; i < 2 && (td.phase() == DrainPhase.CORDONING); i++) td.step(c.view.svc, c.now, fx);
        DrainPhase p = td.phase();
        if (p == DrainPhase.AWAITING_REPLACEMENT || p == DrainPhase.DONE) {
            end(d, d.stopSent ? "stopped when idle" : "its worker exited when idle");
        } else if (p == DrainPhase.FAILED) {
            running.remove(d.task);
            d.retries++;
            c.lastError = td.status().reason();
            c.journal("drain: " + RolloutContext.shortId(d.task) + " failed (" + td.status().reason() + "); trying again");
            if (d.retries >= MAX_RETRIES && c.m.pausedBecause == null) {
                c.m.pausedBecause = "the drain of " + RolloutContext.shortId(d.task) + " failed " + d.retries + " times: "
                        + td.status().reason();
                c.journal("paused: " + c.m.pausedBecause);
            }
        } else if (p == DrainPhase.HELD) {
            held(d, td);
        }
        td.status().alarms().forEach(c::alarm);
    }

    private void held(DrainMemo d, TaskDrain td) {
        if (d.cordon == CordonState.UNCERTAIN || d.cordon == CordonState.INTENT) {
            // We never knew the cordon reached the worker, and calls still arrive: it did not. Signalling
            // again could kill a worker that did get it, so the task is stopped only once it is idle.
            d.idleOnly = true;
            running.remove(d.task);
            c.journal("drain: cordon of " + RolloutContext.shortId(d.task) + " did not take (a call started after it);"
                    + " drained without cordon, stopped only when idle");
        } else if (c.m.pausedBecause == null) {
            c.m.pausedBecause = td.status().reason() + ". Resume drains it without cordon (stopped only when idle).";
            c.journal("paused: " + c.m.pausedBecause);
        }
    }

    private void end(DrainMemo d, String outcome) {
        d.endedAt = c.now;
        d.outcome = outcome;
        running.remove(d.task);
        c.m.protectedUntil.remove(d.task);
        c.journal("drain: done " + RolloutContext.shortId(d.task) + " (" + outcome + ")");
    }

    /** The drain engine's effects for one task, journaled, with what was sent before a restart remembered. */
    private final class Effects implements DrainEffects {
        private final DrainMemo d;

        Effects(DrainMemo d) {
            this.d = d;
        }

        @Override
        public Result<Instant> protect(String cluster, String taskArn, int minutes, String reason) {
            try {
                List<TaskProtectionGateway.Outcome> o = c.fx.protect(cluster, List.of(taskArn), minutes, "rollout " + reason);
                if (o.isEmpty()) return Result.failed("no answer from UpdateTaskProtection");
                if (!o.get(0).ok()) return Result.failed(o.get(0).message());
                o.get(0).expiresAt().ifPresent(e -> c.m.protectedUntil.put(taskArn, e));
                return Result.ok(o.get(0).expiresAt().orElse(null));
            } catch (RolloutEffects.StepFailed e) {
                return Result.failed(e.getMessage());
            }
        }

        @Override
        public Result<Void> cordon(String cluster, String service, String taskArn, CordonMethod method, String reason) {
            if (method == CordonMethod.EXEC_SIGNAL && d.mayBeSignalled()) {
                return Result.ok(null); // journaled as (maybe) sent before: never a second signal
            }
            if (d.cordon == CordonState.SENT || d.cordon == CordonState.UNCERTAIN) return Result.ok(null);
            d.cordon = CordonState.INTENT;
            c.journal("intent: cordon " + RolloutContext.shortId(taskArn) + " by " + method.key());
            CordonOutcome o = c.fx.cordon(cluster, c.service(), taskArn, method, "rollout " + reason);
            switch (o.kind()) {
                case SENT -> d.cordon = CordonState.SENT;
                case UNCERTAIN -> {
                    d.cordon = CordonState.UNCERTAIN;
                    d.cordonNote = o.message();
                }
                case NOT_SENT, WAITING -> d.cordon = CordonState.NOT_YET;
            }
            if (o.kind() == CordonOutcome.Kind.WAITING) {
                c.journal("waiting: cordon " + RolloutContext.shortId(taskArn) + " (" + o.message() + ")");
                return Result.inFlight("the cordon (" + method.key() + "): " + o.message());
            }
            if (d.cordon != CordonState.NOT_YET) d.cordonedAt = c.now;
            if (d.cordon != CordonState.NOT_YET && method == CordonMethod.EXEC_SIGNAL) c.stops.signalled(taskArn);
            c.journal((o.kind() == CordonOutcome.Kind.NOT_SENT ? "failed: " : "done: ") + "cordon "
                    + RolloutContext.shortId(taskArn) + (o.message().isEmpty() ? "" : " (" + o.message() + ")"));
            return o.kind() == CordonOutcome.Kind.NOT_SENT ? Result.failed(o.message()) : Result.ok(null);
        }

        @Override
        public Result<Void> stopTask(String cluster, String taskArn, String reason) {
            boolean alreadyStopping = c.view.task(taskArn).map(TaskSnapshot::stopping).orElse(true);
            if (d.stopSent || alreadyStopping) return Result.ok(null);
            c.journal("intent: stop " + RolloutContext.shortId(taskArn) + " (" + reason + ")");
            try {
                c.fx.stopTask(cluster, taskArn, c.stops.stopMarker() + ": " + reason);
            } catch (RolloutEffects.StepFailed e) {
                c.journal("failed: stop " + RolloutContext.shortId(taskArn) + ": " + e.getMessage());
                return Result.failed(e.getMessage());
            }
            d.stopSent = true;
            c.journal("done: stop " + RolloutContext.shortId(taskArn));
            return Result.ok(null);
        }

        @Override
        public void record(String action, String cluster, String taskArn, String detail) {
            c.journal("drain: " + RolloutContext.shortId(taskArn) + " " + action + ": " + detail);
        }

        @Override
        public Result<Void> release(String cluster, String taskArn, String reason) {
            try {
                List<TaskProtectionGateway.Outcome> o = c.fx.release(cluster, List.of(taskArn), "rollout " + reason);
                return o.isEmpty() || o.get(0).ok() ? Result.ok(null) : Result.failed(o.get(0).message());
            } catch (RolloutEffects.StepFailed e) {
                return Result.failed(e.getMessage());
            }
        }
    }
}
