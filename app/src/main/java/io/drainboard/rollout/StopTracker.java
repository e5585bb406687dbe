package io.drainboard.rollout;

import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.stops.CallSample;
import io.drainboard.stops.ObservedStop;
import io.drainboard.stops.StopsSummary;
import io.drainboard.stops.TaskOutcome;
import io.drainboard.stops.TaskWatch;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches every task of the service while the rollout runs and records, in the journaled memory, how each one
 * stopped as observed: its calls at the last reading, its stop and exit codes, and whether this rollout or
 * something else stopped it ({@link TaskWatch}, the same judgement the incident history makes). The rollout's
 * outcome is this record, never what the rollout meant to do.
 */
final class StopTracker {
    /** A task gone from complete reads this long without its stop being listed is given up on: calls unknown. */
    static final Duration NOT_SEEN_AFTER = Duration.ofMinutes(3);

    private final RolloutContext c;
    private final Map<String, TaskWatch> watches = new HashMap<>();

    StopTracker(RolloutContext c) {
        this.c = c;
    }

    /** What ECS keeps as stoppedReason for this rollout's StopTask: how its own stops are told from others'. */
    String stopMarker() {
        return "rollout " + c.m.id;
    }

    /** One pass: readings of the live tasks, stops of the ones that stopped. */
    void step() {
        for (TaskSnapshot t : c.view.svc.tasks()) {
            if ("STOPPED".equals(t.lastStatus())) {
                stopped(t);
                continue;
            }
            StopMemo m = c.m.watched.computeIfAbsent(t.arn(), a -> new StopMemo(a, !c.view.incoming(t)));
            if (m.stopped()) continue;
            m.missingSince = null;
            watch(m).saw(t, c.now);
            boolean current = t.calls().known() && !t.calls().stale();
            m.calls = current ? t.calls().count() : null;
            m.readAt = current ? t.calls().observedAt() : c.now;
        }
        for (TaskSnapshot t : c.view.svc.recentlyStopped()) stopped(t);
        for (StopMemo m : c.m.watched.values()) {
            if (m.stopped() || c.view.task(m.task).isPresent()) continue;
            if (m.missingSince == null) m.missingSince = c.now;
            if (Duration.between(m.missingSince, c.now).compareTo(NOT_SEEN_AFTER) >= 0) {
                m.stopped(TaskOutcome.notSeen(m.task).line(m.old), c.now);
                c.journal("stop: " + RolloutContext.shortId(m.task) + " left the task list without its stop being seen:"
                        + " calls unknown when it stopped");
            }
        }
    }

    /** This rollout's ECS Exec cordon reached (or may have reached) the task's worker now. */
    void signalled(String task) {
        StopMemo m = c.m.watched.get(task);
        if (m == null || m.signalledAt != null) return;
        m.signalledAt = c.now;
        watch(m).signalled(c.now);
    }

    /** Every watched task that ECS is stopping or has stopped has its stop recorded (exit code read). */
    boolean settled() {
        return unsettled().isEmpty();
    }

    /** Tasks being stopped, or gone, whose stop is still to be seen (for the waiting line). */
    List<String> unsettled() {
        return c.m.watched.values().stream().filter(m -> !m.stopped() && c.view.task(m.task).map(TaskSnapshot::stopping)
                .orElse(true)).map(m -> RolloutContext.shortId(m.task)).toList();
    }

    StopsSummary summary() {
        return new StopsSummary(c.m.watched.values().stream().filter(StopMemo::stopped).map(StopMemo::line).toList());
    }

    private void stopped(TaskSnapshot t) {
        StopMemo m = c.m.watched.get(t.arn());
        if (m == null || m.stopped()) return; // not a task this rollout saw live
        ObservedStop o = watch(m).stopped(t, c.now);
        boolean signalledByUs = m.signalledAt != null;
        m.stopped(TaskOutcome.of(o, stopMarker(), signalledByUs).line(m.old), c.now);
        watches.remove(m.task);
        String id = RolloutContext.shortId(m.task);
        c.journal("stop: " + (m.problem != null ? m.problem : id + (m.clean ? " stopped with 0 calls"
                : " stopped, calls unknown")) + " [" + o.stopCode().orElse("no stop code") + ", " + o.verdict().how() + "]");
    }

    /** The task's watch; a resumed engine seeds it from the journal's last reading and signal time. */
    private TaskWatch watch(StopMemo m) {
        return watches.computeIfAbsent(m.task, a -> {
            TaskWatch w = new TaskWatch();
            if (m.readAt != null) {
                if (m.calls == null) w.sawUnknown();
                else w.sample(new CallSample(m.readAt, m.calls, List.of()), false);
            }
            if (m.signalledAt != null) w.signalled(m.signalledAt);
            return w;
        });
    }
}
