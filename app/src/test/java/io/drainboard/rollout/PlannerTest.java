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

    @Test
    void theRangeIsStartUpAndGateThenTheSlowestFirstDrainThenATypicalTaskPerRound() {
        // docs/rollout.md "Dry run": the first round from the tasks' calls now, later rounds from the median task.
        var svc = Snapshots.service(2, List.of(task("young", 30), task("old", 900, 600)));
        RolloutPlan p = Planner.plan(svc, Snapshots.spec(Snapshots.settings("http", 1)), Optional.empty(), NOW);
        RolloutPlan.Drain first = p.order().get(0), second = p.order().get(1);
        double start = 45 + 60, pass = 5;
        double low = start + first.idleP10() + pass + Math.max(first.idleP10(), second.idleP10()) + pass;
        double high = start + first.idleP90() + pass + Math.max(first.idleP90(), second.idleP90()) + pass;
        assertEquals((long) low, p.low().toSeconds(), p.durationWords());
        assertEquals((long) high, p.high().toSeconds(), p.durationWords());
        assertEquals(900, second.oldestSeconds(), 1, "the oldest call is shown, not the newest");
    }

    @Test
    void aTaskWhoseCallsAreUnknownIsListedLastAsUnknownAndLeftOutOfTheDuration() {
        var known = Snapshots.service(2, List.of(task("a", 60), task("b")));
        var withUnknown = Snapshots.service(3, List.of(Snapshots.unknownCalls("dark"), task("a", 60), task("b")));
        RolloutPlan p = Planner.plan(withUnknown, Snapshots.spec(Snapshots.settings("http", 1)), Optional.empty(), NOW);
        assertEquals(List.of("b", "a", "dark"), p.order().stream().map(RolloutPlan.Drain::taskId).toList());
        assertTrue(!p.order().get(2).callsKnown(), "never shown as idle");
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("calls unknown on 1 task(s) (dark)")), p.notes().toString());
        RolloutPlan q = Planner.plan(known, Snapshots.spec(Snapshots.settings("http", 1)), Optional.empty(), NOW);
        assertEquals(q.high(), p.high(), "the unknown task adds nothing it cannot know");
        assertTrue(q.notes().stream().noneMatch(n -> n.contains("calls unknown")), q.notes().toString());
    }

    @Test
    void aScalingStateThatCouldNotBeReadIsSaidNotPassedOver() {
        var svc = Snapshots.service(2, List.of(task("a"), task("b")));
        RolloutPlan p = Planner.plan(svc, Snapshots.spec(Snapshots.settings("http", 1)), Optional.empty(),
                Optional.of("AccessDenied"), NOW);
        assertTrue(p.changes().stream().anyMatch(c -> c.startsWith("suspend dynamic scale-in if the service has")
                && c.contains("AccessDenied")), p.changes().toString());
    }

    @Test
    void withoutACordonTheDryRunSaysHowManyCallsTheRiskBarMayCost() {
        var svc = Snapshots.service(4, List.of(task("a"), task("b"), task("c"), task("d")));
        RolloutPlan p = Planner.plan(svc, Snapshots.spec(Snapshots.settings("none", 1)), Optional.empty(), NOW);
        // Four tasks, each stopped busy only at P(its calls end in time) ≥ 0.999: at most 4 × 0.001 calls cut.
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("expected cut ≤ 0.004 call in all")), p.notes().toString());
        RolloutPlan http = Planner.plan(svc, Snapshots.spec(Snapshots.settings("http", 1)), Optional.empty(), NOW);
        assertTrue(http.notes().stream().noneMatch(n -> n.contains("expected cut")), http.notes().toString());
    }
}
