package io.drainboard.rollout;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.drainboard.rollout.Snapshots.NOW;
import static io.drainboard.rollout.Snapshots.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dry run: drain order by predicted idle time, a duration range, zero calls affected, every change listed. */
class PlannerTest {
    @Test
    void theIdleTaskComesFirstAndTheBusiestLast() {
        var svc = Snapshots.service(4, List.of(task("busy", 60, 90, 1500), task("idle"), task("one", 30), task("old", 1200)));
        RolloutPlan p = Planner.plan(svc, Snapshots.spec(Snapshots.settings("exec-signal", 1)),
                Optional.of(new io.drainboard.aws.ScalableTargetGateway.Scaling(4, 8, false, false, false)), NOW);
        assertEquals(List.of("idle", "one", "old", "busy"), p.order().stream().map(RolloutPlan.Drain::taskId).toList());
        assertEquals(0, p.callsAffected());
        assertTrue(p.low().compareTo(p.high()) < 0, p.durationWords());
        assertTrue(p.changes().stream().anyMatch(c -> c.contains("suspend dynamic scale-in")), p.changes().toString());
        assertTrue(p.changes().stream().anyMatch(c -> c.contains("maximumPercent 200 % → 150 %")), p.changes().toString());
        assertTrue(p.lines().get(0).contains("calls affected: 0"), p.lines().get(0));
    }

    @Test
    void idleTasksCostOneRefreshEachAfterTheFirstGate() {
        // A drain's end is seen on the next refresh and the next task is cordoned in that same pass.
        var svc = Snapshots.service(4, List.of(task("a"), task("b"), task("c"), task("d")));
        RolloutPlan p = Planner.plan(svc, Snapshots.spec(Snapshots.settings("http", 1)), Optional.empty(), NOW);
        assertEquals(java.time.Duration.ofSeconds(45 + 60 + 4 * 5), p.low(), p.durationWords());
    }

    @Test
    void moreInParallelIsPredictedShorter() {
        var tasks = List.of(task("a", 60), task("b", 120), task("c", 200), task("d", 30), task("e", 400), task("f", 10));
        var svc = Snapshots.service(6, tasks);
        RolloutPlan one = Planner.plan(svc, Snapshots.spec(Snapshots.settings("http", 1)), Optional.empty(), NOW);
        RolloutPlan three = Planner.plan(svc, Snapshots.spec(Snapshots.settings("http", 3)), Optional.empty(), NOW);
        assertTrue(three.high().compareTo(one.high()) < 0, one.durationWords() + " vs " + three.durationWords());
        assertTrue(one.changes().stream().noneMatch(c -> c.contains("scale-in")), "no scalable target: nothing suspended");
    }
}
