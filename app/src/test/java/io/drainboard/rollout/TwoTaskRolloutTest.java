package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import io.drainboard.sim.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rollout engine's fast tier: two busy tasks with calls of seconds (scenario rollout-tiny), so a whole
 * rollout is a few virtual minutes and each test well under a second once the JVM is warm. The same operator
 * commands as {@link RolloutOperationsTest}, asserted on the simulator's ground truth; small enough to run under
 * mutation testing (docs/benchmarks.md, "Test strength").
 */
class TwoTaskRolloutTest {
    static final Duration PASS = Duration.ofSeconds(10);
    /**
     * At most 8 virtual minutes for whatever a test waits for: a correct two-task rollout gets there in at most 21
     * passes. A rollout that takes more than twice that is a stalled rollout; failing it here costs seconds,
     * where waiting 400 passes made every stalling mutant run into PIT's timeout (docs/benchmarks.md).
     */
    static final int PASSES = 48;

    @TempDir
    Path journals;

    static RolloutRig rig(Profile.CordonMethod cordon, Path journals) {
        return new RolloutRig("rollout-tiny", "voice", "agent", cordon, journals);
    }

    static List<TaskState> live(ServiceState s) {
        return s.tasks().stream().filter(t -> !"STOPPED".equals(t.desiredStatus())).toList();
    }

    static RolloutStatus until(RolloutRig rig, RolloutEngine e, Predicate<RolloutStatus> p) {
        RolloutStatus s = rig.step(e);
        for (int i = 0; i < PASSES && !p.test(s) && !e.ended(); i++) {
            rig.sim.advance(PASS);
            s = rig.step(e);
        }
        assertTrue(p.test(s) || e.ended(), "not there after " + PASSES + " passes (8 virtual minutes): " + s.line());
        return s;
    }

    private static boolean anyEvent(RolloutRig rig, RolloutEngine e, String start) {
        return rig.journal.lines(e.id()).stream().anyMatch(l -> l.event().startsWith(start));
    }

    private static void restored(RolloutRig rig) {
        ServiceState s = rig.model();
        assertEquals(200, s.maximumPercent(), "deployment configuration restored");
        assertFalse(rig.sim.scalableTargets().target("service/voice/agent").scaleInSuspended(), "scale-in resumed");
        assertFalse(rig.sim.model().tags(s.arn()).containsKey(LockHolder.TAG), "lock removed");
    }

    @Test
    void aRolloutReplacesBothTasksCutsNoCallAndRestoresEverything() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus first = rig.step(e);
            assertEquals(RolloutPhase.LOCKING, first.phase(), first.line());
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(0, rig.callsCut());
            assertTrue(rig.sim.groundTruth().callsStarted() > 0);
            ServiceState s = rig.model();
            assertEquals(2, live(s).size());
            assertTrue(live(s).stream().allMatch(t -> t.taskDefinitionArn().equals(target)), "every task on the new revision");
            assertTrue(live(s).stream().noneMatch(TaskState::isProtected), "no protection left");
            restored(rig);
            assertEquals(2, end.replaced());
            assertTrue(end.endReason().orElse("").contains("2 tasks replaced"), end.line());
            assertTrue(rig.journal.unfinished().isEmpty(), "the journal shows it ended");
            // Ended: later passes change nothing.
            long updates = rig.sim.requests().count("ecs", "UpdateService");
            rig.sim.advance(PASS);
            assertEquals(RolloutPhase.COMPLETED, rig.step(e).phase());
            assertEquals(updates, rig.sim.requests().count("ecs", "UpdateService"));
        }
    }

    @Test
    void whilePreparingEveryOldTaskIsProtectedScaleInSuspendedAndRoomMadeForOneReplacement() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus s = until(rig, e, st -> st.phase() == RolloutPhase.REPLACING);
            assertEquals(RolloutPhase.REPLACING, s.phase(), s.line());
            assertTrue(rig.sim.scalableTargets().target("service/voice/agent").scaleInSuspended(), "scale-in suspended");
            assertTrue(rig.model().maximumPercent() > 100, "room for a replacement above desired count");
            List<TaskState> old = live(rig.model()).stream().filter(t -> !t.taskDefinitionArn().equals(target)).toList();
            assertFalse(old.isEmpty());
            assertTrue(old.stream().allMatch(TaskState::isProtected), "every old task protected until its turn");
            assertEquals(e.id(), LockHolder.of(rig.sim.model().tags(rig.model().arn())).orElseThrow().rollout());
            assertTrue(s.lock().isPresent(), "the status names the lock holder");
            assertEquals(2, rig.model().deployments().size(), "the new revision is deploying");
        }
    }

    @Test
    void pauseStopsNewDrainsAndResumeGoesOn() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            until(rig, e, st -> st.replaced() >= 1);
            e.pause("checking dashboards");
            e.pause("a second pause changes nothing");
            RolloutStatus paused = until(rig, e, st -> st.draining().isEmpty());
            int replaced = paused.replaced();
            for (int i = 0; i < 30; i++) {
                rig.sim.advance(PASS);
                paused = rig.step(e);
            }
            assertEquals(RolloutPhase.PAUSED, paused.phase(), paused.line());
            assertEquals("paused by the operator: checking dashboards", paused.pausedBecause().orElseThrow());
            assertEquals(replaced, paused.replaced(), "no task drained while paused");
            assertTrue(live(rig.model()).stream().filter(t -> !t.taskDefinitionArn().equals(target))
                    .allMatch(TaskState::isProtected), "the old task stays protected while paused");
            e.resumeRollout();
            assertTrue(anyEvent(rig, e, "operator: resumed"));
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void abortAfterTheDeploymentStopsSafelyAndLeavesTheOldTaskProtectedWithAnExpiry() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            until(rig, e, st -> st.replaced() >= 1 && st.draining().isEmpty());
            e.abort("operator changed their mind");
            RolloutStatus aborting = rig.step(e);
            assertTrue(aborting.phase() == RolloutPhase.ABORTING || aborting.phase() == RolloutPhase.STOPPED, aborting.line());
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.STOPPED, end.phase());
            String why = end.endReason().orElseThrow();
            assertTrue(why.startsWith("operator changed their mind") && why.contains("protected until"), why);
            restored(rig);
            List<TaskState> old = live(rig.model()).stream().filter(t -> !t.taskDefinitionArn().equals(target)).toList();
            assertFalse(old.isEmpty());
            Instant now = rig.sim.clock().instant();
            assertTrue(old.stream().allMatch(t -> t.isProtected() && t.protectionExpiresAt().isAfter(now)
                    && t.protectionExpiresAt().isBefore(now.plus(Duration.ofHours(2)))), "old tasks protected, with an expiry");
            assertEquals(0, rig.callsCut());
            assertTrue(rig.journal.unfinished().isEmpty());
        }
    }

    @Test
    void abortBeforeTheDeploymentReleasesTheRolloutsProtectionAndDeploysNothing() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String from = rig.model().taskDefinitionArn();
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            until(rig, e, st -> anyEvent(rig, e, "done: protect"));
            assertEquals(1, rig.model().deployments().size(), "not yet deployed");
            e.rollback("changed my mind"); // before anything was deployed a rollback is an abort
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.STOPPED, end.phase(), end.line());
            assertEquals(Direction.FORWARD, end.direction());
            assertTrue(end.endReason().orElse("").contains("nothing was deployed and this rollout's protection was released"),
                    end.line());
            ServiceState s = rig.model();
            assertTrue(live(s).stream().allMatch(t -> t.taskDefinitionArn().equals(from)));
            assertTrue(live(s).stream().noneMatch(TaskState::isProtected), "protection released");
            assertEquals(from, s.taskDefinitionArn());
            restored(rig);
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void rollbackAfterOneReplacementBringsBothTasksBackToThePreviousRevision() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String from = rig.model().taskDefinitionArn();
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            until(rig, e, st -> st.replaced() >= 1);
            e.rollback("latency regression");
            e.rollback("twice changes nothing");
            assertEquals(Direction.ROLLBACK, e.status().direction());
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(Direction.ROLLBACK, end.direction());
            assertTrue(end.endReason().orElse("").startsWith("rolled back to"), end.line());
            ServiceState s = rig.model();
            assertEquals(2, live(s).size());
            assertTrue(live(s).stream().allMatch(t -> t.taskDefinitionArn().equals(from)), "every task back on " + from);
            assertTrue(live(s).stream().noneMatch(TaskState::isProtected));
            restored(rig);
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void aLiveLockOfAnotherConsoleRefusesTheRolloutBeforeItChangesAnything() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            Instant until = rig.sim.clock().instant().plus(Duration.ofMinutes(8));
            rig.sim.model().tagResource(rig.model().arn(), Map.of(LockHolder.TAG,
                    new LockHolder("alice", "laptop-7", until, "abcd1234", "r-42").tagValue()));
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.STOPPED, end.phase());
            assertTrue(end.endReason().orElse("").contains("alice@laptop-7"), end.line());
            assertTrue(e.refused().isPresent(), "it never held the service: refused");
            assertEquals(1, rig.model().deployments().size(), "nothing deployed");
            assertTrue(live(rig.model()).stream().noneMatch(TaskState::isProtected), "nothing protected");
            assertEquals(0, rig.sim.requests().count("ecs", "UpdateService"));
            assertEquals("alice", LockHolder.of(rig.sim.model().tags(rig.model().arn())).orElseThrow().owner(),
                    "the other console's lock is left as it was");
        }
    }

    @Test
    void aStaleLockIsTakenOverAndTheRolloutCompletes() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            Instant expired = rig.sim.clock().instant().minus(Duration.ofMinutes(1));
            rig.sim.model().tagResource(rig.model().arn(), Map.of(LockHolder.TAG,
                    new LockHolder("bob", "ci-runner", expired, "ffff0000", "r-41").tagValue()));
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus s = until(rig, e, st -> st.phase() == RolloutPhase.REPLACING);
            assertEquals(e.id(), LockHolder.of(rig.sim.model().tags(rig.model().arn())).orElseThrow().rollout());
            assertTrue(anyEvent(rig, e, "taking over a stale lock"), s.line());
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            restored(rig);
        }
    }

    @Test
    void aLockTakenByAnotherConsoleMidwayStopsTheRolloutWhereItIs() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            until(rig, e, st -> st.phase() == RolloutPhase.REPLACING);
            rig.sim.model().tagResource(rig.model().arn(), Map.of(LockHolder.TAG, new LockHolder("carol", "desk-3",
                    rig.sim.clock().instant().plus(Duration.ofMinutes(8)), "0000beef", "r-43").tagValue()));
            rig.sim.advance(PASS);
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.STOPPED, end.phase(), end.line());
            assertTrue(end.endReason().orElse("").contains("carol@desk-3")
                    && end.endReason().get().contains("stopped where it was"), end.line());
            assertTrue(e.refused().isEmpty(), "it held the service: stopped, not refused");
            assertEquals("carol", LockHolder.of(rig.sim.model().tags(rig.model().arn())).orElseThrow().owner(),
                    "the other console's lock is not removed");
        }
    }

    @Test
    void theLockIsRenewedBeforeItExpiresWhileTheRolloutIsPaused() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutSettings settings = rig.settings(1);
            RolloutEngine e = rig.start(target, settings);
            until(rig, e, st -> st.phase() == RolloutPhase.REPLACING);
            e.pause("long lunch");
            Duration ttl = settings.lockTtl();
            Duration pass = Duration.ofMinutes(1); // well inside the renewal margin (half the TTL)
            long writes = rig.sim.requests().count("ecs", "TagResource");
            for (Duration spent = Duration.ZERO; spent.compareTo(ttl.multipliedBy(2)) < 0; spent = spent.plus(pass)) {
                rig.sim.advance(pass);
                rig.step(e);
                LockHolder h = LockHolder.of(rig.sim.model().tags(rig.model().arn())).orElseThrow();
                assertTrue(h.live(rig.sim.clock().instant()), "the lock never lapses while the console runs");
                assertTrue(!h.until().isAfter(rig.sim.clock().instant().plus(ttl)), "never longer than its TTL");
            }
            assertEquals(RolloutPhase.PAUSED, e.status().phase());
            // Renewed once it has half its TTL left, not on every pass: each renewal is a write and an audit line.
            long renewals = rig.sim.requests().count("ecs", "TagResource") - writes;
            assertTrue(renewals >= 2 && renewals <= 5, "renewals over two TTLs: " + renewals);
        }
    }

    @Test
    void aConsoleKilledJustAfterSignallingAWorkerResumesWithoutSignallingItAgain() {
        RolloutRig rig = rig(Profile.CordonMethod.EXEC_SIGNAL, journals);
        try {
            String target = rig.newRevision();
            RolloutSettings settings = rig.settings(1);
            CrashingEffects fx = new CrashingEffects(rig.wiring.effects(settings));
            fx.arm(CrashingEffects.When.AFTER, "cordon");
            RolloutEngine e = RolloutEngine.start(PreflightReader.spec(rig.serviceSnapshot(),
                    rig.wiring.deploys().describe(target), settings), fx, rig.journal, rig.sim.clock().instant());
            String id = e.id();
            boolean killed = false;
            for (int i = 0; i < PASSES && !killed; i++) {
                try {
                    rig.step(e);
                    rig.sim.advance(PASS);
                } catch (CrashingEffects.Killed k) {
                    killed = true;
                }
            }
            assertTrue(killed, "the console died right after a cordon was sent");
            assertEquals(1, rig.sim.requests().count("ecs", "ExecuteCommand"));
            assertEquals(List.of(id), rig.journal.unfinished(), "the journal shows the rollout unfinished");

            rig = rig.restart();
            RolloutEngine resumed = RolloutEngine.resume(id, rig.wiring.effects(settings), rig.journal,
                    rig.sim.clock().instant());
            RolloutStatus end = until(rig, resumed, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(2, rig.sim.requests().count("ecs", "ExecuteCommand"), "one signal per task, never two");
            assertEquals(0, rig.sim.groundTruth().cutBySecondSignal());
            assertEquals(0, rig.callsCut());
            assertTrue(live(rig.model()).stream().allMatch(t -> t.taskDefinitionArn().equals(target)));
            assertTrue(rig.journal.unfinished().isEmpty());
            assertTrue(anyEvent(rig, resumed, "taking over the lock of an engine that is gone"), "took its own lock over");
        } finally {
            rig.close();
        }
    }

    @Test
    void oldTasksAreLeanedOnlyAfterAReplacementPassedTheGateAndNothingIsLeftLeaned() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutSettings settings = rig.settings(1);
            assertTrue(settings.leans());
            RolloutEngine e = rig.start(target, settings);
            Instant firstNewCall = null;
            Instant leanedAt = null;
            for (int i = 0; i < PASSES && leanedAt == null && !e.ended(); i++) {
                rig.step(e);
                Instant now = rig.sim.clock().instant();
                List<TaskState> tasks = rig.model().tasks();
                if (firstNewCall == null && tasks.stream().anyMatch(t -> t.taskDefinitionArn().equals(target)
                        && !t.calls().isEmpty())) firstNewCall = now;
                boolean oldLeaned = rig.sim.model().read(m -> tasks.stream().anyMatch(t
                        -> !t.taskDefinitionArn().equals(target) && t.leaned(m.now())));
                if (oldLeaned) leanedAt = now;
                else rig.sim.advance(PASS);
            }
            assertTrue(leanedAt != null, "an old task was leaned");
            assertTrue(firstNewCall != null && !firstNewCall.plus(settings.gate()).isAfter(leanedAt.plus(PASS)),
                    "not before a replacement took calls for the gate: " + firstNewCall + ", leaned " + leanedAt);
            boolean newLeaned = rig.sim.model().read(m -> rig.model().tasks().stream()
                    .filter(t -> t.taskDefinitionArn().equals(target)).anyMatch(t -> t.leaned(m.now())));
            assertFalse(newLeaned, "new tasks are never leaned");
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            boolean anyLeaned = rig.sim.model().read(m -> rig.model().tasks().stream()
                    .anyMatch(t -> "RUNNING".equals(t.desiredStatus()) && t.leaned(m.now())));
            assertFalse(anyLeaned, "nothing running is left leaned");
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void pauseEndsTheLeansAndResumeLeansAgain() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus s = until(rig, e, st -> st.leaned() > 0);
            assertTrue(s.leaned() > 0, s.line());
            e.pause("looking at something");
            rig.step(e);
            boolean leaned = rig.sim.model().read(m -> rig.model().tasks().stream()
                    .filter(t -> !t.taskDefinitionArn().equals(target)).anyMatch(t -> t.leaned(m.now())));
            assertFalse(leaned, "paused: nothing leaned");
            assertEquals(0, e.status().leaned());
            e.resumeRollout();
            rig.sim.advance(PASS);
            rig.step(e);
            boolean again = rig.sim.model().read(m -> rig.model().tasks().stream()
                    .filter(t -> !t.taskDefinitionArn().equals(target) && "RUNNING".equals(t.desiredStatus())
                            && t.worker() == WorkerState.SERVING).allMatch(t -> t.leaned(m.now())));
            assertTrue(again, "resumed: the serving old tasks are leaned again");
        }
    }

    @Test
    void withLeaningOffNoWorkerIsLeaned() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1).withLean(false));
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertFalse(anyEvent(rig, e, "done: leaned"), "nothing leaned");
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void aRevisionWhoseTasksFailToStartPausesTheRolloutAndRollbackRestoresService() {
        try (RolloutRig rig = rig(Profile.CordonMethod.HTTP, journals)) {
            String from = rig.model().taskDefinitionArn();
            String target = rig.newRevision();
            rig.sim.model().failLaunches(target, "CannotPullContainerError: pull image manifest has been retried 5 time(s)");
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus paused = until(rig, e, st -> st.phase() == RolloutPhase.PAUSED);
            assertEquals(RolloutPhase.PAUSED, paused.phase(), paused.line());
            assertTrue(paused.pausedBecause().orElseThrow().contains("CannotPullContainerError"), paused.line());
            assertEquals(0, paused.replaced(), "no old task drained for a revision that does not start");
            e.rollback("image missing");
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertTrue(live(rig.model()).stream().allMatch(t -> t.taskDefinitionArn().equals(from)));
            assertEquals(0, rig.callsCut());
        }
    }
}
