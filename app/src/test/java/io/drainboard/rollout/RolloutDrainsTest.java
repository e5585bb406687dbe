package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.model.TaskState;
import io.drainboard.sim.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rollout's drains when something goes wrong, in the fast tier (two busy tasks, scenario rollout-tiny, real SDK
 * clients), asserted on the simulator's ground truth: an abort lets a cordoned task empty and stops it only idle, and
 * cancels a drain whose cordon never got through; a cordon the worker keeps refusing pauses the rollout at its
 * thirtieth failure and never stops the task; a StopTask ECS refuses is asked again, never with calls on the task.
 */
class RolloutDrainsTest {
    private static final Duration PASS = TwoTaskRolloutTest.PASS;
    /** Every request of one kind answered 503. */
    private static final Faults.Rule ALWAYS_5XX = new Faults.Rule(0, 1, 0, Duration.ZERO);
    /** A call on each old task that outlasts a dozen passes: the task drained first is cordoned with it. */
    private static final Duration LONG_CALL = Duration.ofMinutes(2);

    @TempDir
    Path journals;

    private static List<String> events(RolloutRig rig, RolloutEngine e) {
        return rig.journal.lines(e.id()).stream().map(RolloutJournal.Line::event).toList();
    }

    private static long count(RolloutRig rig, RolloutEngine e, String start, String contains) {
        return events(rig, e).stream().filter(l -> l.startsWith(start) && l.contains(contains)).count();
    }

    /** The id of the one old task the rollout started to drain. */
    private static String drained(RolloutRig rig, RolloutEngine e) {
        List<String> started = events(rig, e).stream().filter(l -> l.startsWith("drain: start "))
                .map(l -> l.substring("drain: start ".length(), l.indexOf(' ', "drain: start ".length()))).toList();
        assertEquals(1, started.size(), started.toString());
        return started.get(0);
    }

    private static TaskState task(RolloutRig rig, String id) {
        return rig.model().tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    private static WorkerState worker(RolloutRig rig, String id) {
        return rig.sim.model().read(m -> task(rig, id).worker());
    }

    private static String desired(RolloutRig rig, String id) {
        return rig.sim.model().read(m -> task(rig, id).desiredStatus());
    }

    @Test
    void anAbortDuringADrainLetsTheCordonedTaskEmptyAndStopsItOnlyOnceIdle() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            TwoTaskRolloutTest.until(rig, e, st -> st.phase() == RolloutPhase.REPLACING);
            rig.callOnEachServingTask(LONG_CALL);
            TwoTaskRolloutTest.until(rig, e, st -> !st.draining().isEmpty());
            String id = drained(rig, e);
            assertEquals(WorkerState.CORDONED, worker(rig, id), "premise: cordoned with its call still on");
            List<RolloutJournal.Line> lines = rig.journal.lines(e.id());
            assertEquals(lines.stream().filter(l -> l.event().startsWith("drain: start " + id)).findFirst().orElseThrow().at(),
                    lines.stream().filter(l -> l.event().startsWith("done: cordon " + id)).findFirst().orElseThrow().at(),
                    "cordoned in the pass its drain started: until its cordon a task picked to go takes new calls");

            e.abort("operator changed their mind");
            RolloutStatus aborting = rig.step(e);
            assertEquals(RolloutPhase.ABORTING, aborting.phase(), aborting.line());
            assertTrue(aborting.waitingFor().contains("1 cordoned task(s) finish draining first"), aborting.line());
            assertEquals("RUNNING", desired(rig, id), "not stopped with its call");
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.STOPPED, end.phase(), end.line());
            assertEquals("STOPPED", desired(rig, id), "the cordoned task stopped once idle, not left running cordoned");
            assertTrue(TwoTaskRolloutTest.live(rig.model()).stream().noneMatch(t -> t.worker() == WorkerState.CORDONED),
                    "no worker left cordoned: it would take no call until someone stops it");
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void anAbortCancelsADrainWhoseCordonNeverGotThroughAndTheTaskGoesOnServing() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            rig.sim.faults().set("worker:Drain", ALWAYS_5XX);
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            TwoTaskRolloutTest.until(rig, e, st -> count(rig, e, "drain: ", " failed (") > 0);
            String id = drained(rig, e);
            e.abort("the drain route is down");
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.STOPPED, end.phase(), end.line());
            assertEquals(1, count(rig, e, "drain: done " + id, "cancelled by abort before its cordon"), events(rig, e).toString());
            assertEquals("RUNNING", desired(rig, id), "never stopped");
            assertEquals(WorkerState.SERVING, worker(rig, id), "goes on taking calls as before the rollout");
            assertEquals(0, rig.sim.requests().count("ecs", "StopTask"));
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void aCordonTheWorkerKeepsRefusingPausesTheRolloutAtItsThirtiethFailureAndNeverStopsTheTask() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            rig.sim.faults().set("worker:Drain", ALWAYS_5XX);
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus s = rig.step(e);
            for (int i = 0; i < 90 && s.phase() != RolloutPhase.PAUSED && !e.ended(); i++) {
                rig.sim.advance(PASS);
                s = rig.step(e);
            }
            assertEquals(RolloutPhase.PAUSED, s.phase(), s.line());
            String id = drained(rig, e);
            assertEquals(DrainRunner.MAX_RETRIES, count(rig, e, "drain: " + id, " failed ("),
                    "paused at the drain's 30th failure, not before, not after");
            assertTrue(s.pausedBecause().orElseThrow().startsWith("the drain of " + id + " failed 30 times: cordon (http) failed"),
                    s.line());
            assertTrue(s.lastError().orElse("").contains("answered HTTP 503"), s.line());
            assertEquals(0, rig.sim.requests().count("ecs", "StopTask"), "a task whose cordon never took is never stopped");
            assertEquals(WorkerState.SERVING, worker(rig, id));

            rig.sim.faults().clear();
            e.resumeRollout();
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertTrue(TwoTaskRolloutTest.live(rig.model()).stream().allMatch(t -> t.taskDefinitionArn().equals(target)));
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void aStopECSRefusesIsAskedAgainWithoutASecondCordonAndTheRolloutEndsOnceECSAnswers() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            rig.sim.faults().set("ecs:StopTask", ALWAYS_5XX);
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            TwoTaskRolloutTest.until(rig, e, st -> count(rig, e, "failed: stop ", "") >= 3);
            String id = drained(rig, e);
            assertEquals(1, rig.sim.requests().count("worker", "Drain"), "cordoned once: a drain tried again does not cordon again");
            assertEquals("RUNNING", desired(rig, id));
            assertFalse(e.status().phase() == RolloutPhase.PAUSED, "a refused stop is asked again, not a pause at once");

            rig.sim.faults().clear();
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(2, rig.sim.requests().count("worker", "Drain"), "each old task cordoned once");
            assertEquals(0, rig.callsCut());
        }
    }

    /**
     * Workers that ignore SIGTERM (livekit/agents#6724) keep taking calls after the exec signal: the drain is held and
     * the rollout pauses, saying resume drains without cordon. Each resume lets the held task go on, stopped only once
     * idle: never a second signal to it while it has calls, never a call cut.
     */
    @Test
    void aCordonThatDidNotTakePausesTheRolloutAndResumeStopsTheTaskOnlyOnceIdle() throws Exception {
        try (RolloutRig rig = RolloutRig.tinyWith(journals, Profile.CordonMethod.EXEC_SIGNAL, "drainRoute: true}",
                "drainRoute: true, ignoreSigtermFraction: 1.0}")) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus s = TwoTaskRolloutTest.until(rig, e, st -> st.phase() == RolloutPhase.PAUSED);
            assertEquals(RolloutPhase.PAUSED, s.phase(), s.line());
            assertTrue(s.pausedBecause().orElseThrow().contains("the cordon did not take")
                    && s.pausedBecause().get().endsWith("Resume drains it without cordon (stopped only when idle)."), s.line());
            String id = drained(rig, e);
            assertEquals(WorkerState.IGNORING_SIGTERM, worker(rig, id), "premise: signalled, still taking calls");
            assertEquals("RUNNING", desired(rig, id), "held: not stopped with its calls");
            int resumes = 0;
            for (int i = 0; i < 120 && !e.ended(); i++) {
                if (e.status().phase() == RolloutPhase.PAUSED) {
                    e.resumeRollout();
                    resumes++;
                }
                rig.sim.advance(PASS);
                rig.step(e);
            }
            assertEquals(RolloutPhase.COMPLETED, e.status().phase(), e.status().line());
            assertEquals(2, resumes, "each old task's cordon failed to take once, and was resumed once");
            assertEquals(2, count(rig, e, "drain: ", "goes on without cordon, stopped only when idle"));
            assertEquals(2, rig.sim.requests().count("ecs", "ExecuteCommand"), "one exec signal per task, never two");
            assertEquals(0, rig.sim.groundTruth().cutBySecondSignal());
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void aDrainWhoseProtectionECSRefusesIsNeitherCordonedNorStoppedUntilItIsProtected() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            TwoTaskRolloutTest.until(rig, e, st -> st.phase() == RolloutPhase.REPLACING);
            rig.sim.faults().set("ecs:UpdateTaskProtection", ALWAYS_5XX);
            RolloutStatus s = TwoTaskRolloutTest.until(rig, e, st -> count(rig, e, "drain: ", " failed (") >= 2);
            assertTrue(count(rig, e, "drain: ", " failed (could not protect the task") >= 2, events(rig, e).toString());
            assertEquals(0, rig.sim.requests().count("worker", "Drain"), "cordoned without its protection: " + s.line());
            assertEquals(0, rig.sim.requests().count("ecs", "StopTask"));

            rig.sim.faults().clear();
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(0, rig.callsCut());
        }
    }

    /** Signalled workers exit by themselves once idle: the outcome counts those stops as the rollout's own, 0 calls each. */
    @Test
    void anExecSignalRolloutOwnsTheStopsOfTheWorkersItSignalled() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.EXEC_SIGNAL, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertTrue(end.endReason().orElseThrow().contains("2 tasks replaced; 0 calls on any task when it stopped"), end.line());
            assertEquals(List.of(), end.stops().problems(), "no stop taken for someone else's");
            assertEquals(2, rig.sim.requests().count("ecs", "ExecuteCommand"));
            assertEquals(0, rig.sim.requests().count("ecs", "StopTask"), "each worker exited by itself");
            assertEquals(0, rig.callsCut());
        }
    }
}
