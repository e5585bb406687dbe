package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import io.drainboard.sim.model.CallState;
import io.drainboard.sim.model.ServiceUpdate;
import io.drainboard.sim.model.TaskState;
import io.drainboard.sim.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the rollout counts before it takes an old task out of service, in its fast tier (two tasks, scenario
 * rollout-tiny), asserted on the simulator's ground truth: the tasks taking calls never fall below the desired
 * count, a replacement counts only once it runs and has taken calls for the gate, a protection removed behind the
 * rollout's back is put back, and a deployment changed by someone else stops the draining.
 */
class RolloutReplacementTest {
    private static final Duration PASS = TwoTaskRolloutTest.PASS;

    @TempDir
    Path journals;

    /** Workers of the old revision taking calls (not cordoned, signalled or stopping). */
    private static long oldServing(RolloutRig rig, String target) {
        return rig.sim.model().read(m -> rig.model().tasks().stream().filter(t -> !t.taskDefinitionArn().equals(target)
                && "RUNNING".equals(t.desiredStatus()) && t.worker() == WorkerState.SERVING).count());
    }

    /** Records when each task of the target revision was first seen with a call (its calls' earliest start). */
    private static void firstCalls(RolloutRig rig, String target, Map<String, Instant> first) {
        rig.sim.model().read(m -> {
            for (TaskState t : rig.model().tasks()) {
                if (!t.taskDefinitionArn().equals(target) || first.containsKey(t.id())) continue;
                t.calls().values().stream().map(CallState::startedAt).min(Instant::compareTo)
                        .ifPresent(s -> first.put(t.id(), s));
            }
            return null;
        });
    }

    /** Replacements RUNNING that have taken calls for the gate. */
    private static long readyNew(RolloutRig rig, String target, Map<String, Instant> first, Duration gate) {
        Instant now = rig.sim.clock().instant();
        return rig.sim.model().read(m -> rig.model().tasks().stream().filter(t -> t.taskDefinitionArn().equals(target)
                && "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus()) && first.containsKey(t.id())
                && !first.get(t.id()).plus(gate).isAfter(now)).count());
    }

    @Test
    void theTasksTakingCallsNeverFallBelowDesiredCountAndOnlyReadyReplacementsCount() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutSettings settings = rig.settings(1);
            int desired = rig.model().desiredCount();
            RolloutEngine e = rig.start(target, settings);
            Map<String, Instant> first = new HashMap<>();
            int checked = 0;
            for (int i = 0; i < TwoTaskRolloutTest.PASSES && !e.ended(); i++) {
                RolloutStatus s = rig.step(e);
                firstCalls(rig, target, first);
                long old = oldServing(rig, target);
                long ready = readyNew(rig, target, first, settings.gate());
                assertTrue(old + ready >= desired, "at " + rig.sim.clock().instant() + " only " + old + " old and " + ready
                        + " ready new task(s) take calls, desired " + desired + ": " + s.line());
                if (old < desired) checked++;
                assertTrue(s.draining().size() <= settings.maxParallel(), "more drains than maxParallel: " + s.line());
                rig.sim.advance(PASS);
            }
            assertTrue(checked > 0, "some old task was taken out of service");
            assertEquals(RolloutPhase.COMPLETED, e.status().phase(), e.status().line());
            assertTrue(TwoTaskRolloutTest.live(rig.model()).stream().allMatch(t -> "RUNNING".equals(t.lastStatus())),
                    "completed with every replacement running");
            assertEquals(0, rig.callsCut());
        }
    }

    /**
     * Paused on a revision that does not start, the old tasks are what serves: someone removing one's protection
     * (another tool, a hand in the console) would leave it to ECS. The rollout protects it again on its next pass
     * and says so, though the protection it wrote an hour's lease ago has not run out.
     */
    @Test
    void anOldTaskWhoseProtectionSomeoneRemovedIsProtectedAgainAndTheOperatorTold() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            rig.sim.model().failLaunches(target, "CannotPullContainerError: pull image manifest has been retried 5 time(s)");
            RolloutEngine e = rig.start(target, rig.settings(1));
            TwoTaskRolloutTest.until(rig, e, st -> st.phase() == RolloutPhase.PAUSED);
            rig.sim.advance(Duration.ofSeconds(70)); // past the grace for the rollout's own protection write to show
            rig.step(e);
            List<TaskState> old = rig.sim.model().read(m -> rig.model().tasks().stream()
                    .filter(t -> !t.taskDefinitionArn().equals(target) && "RUNNING".equals(t.desiredStatus())).toList());
            assertEquals(2, old.size());
            TaskState victim = old.get(0);
            assertTrue((boolean) rig.sim.model().read(m -> victim.isProtected()), "premise: protected by the rollout");
            rig.sim.model().updateTaskProtection(List.of(victim), false, null);
            rig.sim.advance(PASS);
            RolloutStatus s = rig.step(e);
            assertTrue(s.alarms().stream().anyMatch(a -> a.contains("removed outside this rollout")), s.line());
            assertTrue((boolean) rig.sim.model().read(m -> "RUNNING".equals(victim.desiredStatus()) && victim.isProtected()),
                    "protected again on the next pass");
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void aDeploymentChangedOutsideTheRolloutPausesItAndNothingMoreIsDrained() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            String from = rig.model().taskDefinitionArn();
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            TwoTaskRolloutTest.until(rig, e, st -> st.phase() == RolloutPhase.REPLACING);
            rig.sim.advance(Duration.ofSeconds(70)); // past the grace for the rollout's own UpdateService to show
            rig.sim.model().updateService(rig.model(), ServiceUpdate.taskDefinition(from));
            RolloutStatus paused = TwoTaskRolloutTest.until(rig, e, st -> st.phase() == RolloutPhase.PAUSED);
            assertEquals(RolloutPhase.PAUSED, paused.phase(), paused.line());
            assertTrue(paused.pausedBecause().orElseThrow().contains("changed outside this rollout"), paused.line());
            assertTrue(paused.alarms().stream().anyMatch(a -> a.contains("changed outside this rollout")), paused.line());
            long drains = rig.journal.lines(e.id()).stream().filter(l -> l.event().startsWith("drain: start")).count();
            for (int i = 0; i < 12; i++) {
                rig.sim.advance(PASS);
                rig.step(e);
            }
            assertEquals(drains, rig.journal.lines(e.id()).stream().filter(l -> l.event().startsWith("drain: start")).count(),
                    "no drain started after the deployment changed under the rollout");
            assertFalse(e.ended());
            assertEquals(0, rig.callsCut());
        }
    }

    /**
     * A rollback after one replacement finds more tasks than desired (the replacements started above it): it gets
     * back to the desired count by draining the surplus, one task at a time, before it protects every task — never
     * below the desired count of workers taking calls, never a task stopped with its calls.
     */
    @Test
    void aRollbackShedsTheSurplusByDrainingNeverBelowDesiredCount() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            String from = rig.model().taskDefinitionArn();
            String target = rig.newRevision();
            int desired = rig.model().desiredCount();
            RolloutEngine e = rig.start(target, rig.settings(1));
            TwoTaskRolloutTest.until(rig, e, st -> st.replaced() >= 1);
            e.rollback("latency regression");
            int most = 0;
            java.util.Set<String> atRollback = rig.model().tasks().stream().map(TaskState::id)
                    .collect(java.util.stream.Collectors.toSet());
            for (int i = 0; i < TwoTaskRolloutTest.PASSES && !e.ended(); i++) {
                RolloutStatus s = rig.step(e);
                if (rig.model().deployments().stream().noneMatch(d -> d.taskDefinitionArn().equals(from))) {
                    // Until the rollback deploys, a task shed is not replaced: ECS starts no new task meanwhile.
                    assertTrue(rig.model().tasks().stream().allMatch(t -> atRollback.contains(t.id())),
                            "a task started while shedding: " + s.line());
                }
                long serving = rig.sim.model().read(m -> rig.model().tasks().stream().filter(t -> "RUNNING".equals(t.desiredStatus())
                        && "RUNNING".equals(t.lastStatus()) && t.worker() == WorkerState.SERVING).count());
                assertTrue(serving >= desired, "at " + rig.sim.clock().instant() + " only " + serving + " workers take calls: "
                        + s.line());
                most = Math.max(most, s.draining().size());
                rig.sim.advance(PASS);
            }
            assertEquals(RolloutPhase.COMPLETED, e.status().phase(), e.status().line());
            assertTrue(rig.journal.lines(e.id()).stream().anyMatch(l -> l.event().contains("back to desired count")),
                    "the surplus was drained");
            assertEquals(1, most, "one drain at a time (maxParallel 1)");
            assertTrue(TwoTaskRolloutTest.live(rig.model()).stream().allMatch(t -> t.taskDefinitionArn().equals(from)));
            assertEquals(0, rig.callsCut());
        }
    }
}
