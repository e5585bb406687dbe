package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's commands and the console dying, on the simulator in virtual time: resume from the journal
 * (never a second signal), the lock, pause and resume, abort, roll back, a failing revision.
 */
class RolloutOperationsTest {
    static final Duration PASS = Duration.ofSeconds(10);

    @TempDir
    Path journals;

    private static List<TaskState> live(ServiceState s) {
        return s.tasks().stream().filter(t -> !"STOPPED".equals(t.desiredStatus())).toList();
    }

    /** Steps until the predicate holds (or a limit); returns the last status. */
    private static RolloutStatus until(RolloutRig rig, RolloutEngine e, java.util.function.Predicate<RolloutStatus> p) {
        RolloutStatus s = rig.step(e);
        for (int i = 0; i < 1500 && !p.test(s) && !e.ended(); i++) {
            rig.sim.advance(PASS);
            s = rig.step(e);
        }
        return s;
    }

    @Test
    void aLiveLockOfAnotherConsoleStopsTheRolloutBeforeItChangesAnything() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            ServiceState s = rig.model();
            Instant until = rig.sim.clock().instant().plus(Duration.ofMinutes(8));
            rig.sim.model().tagResource(s.arn(), Map.of(LockHolder.TAG,
                    new LockHolder("alice", "laptop-7", until, "abcd1234", "r-42").tagValue()));
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.STOPPED, end.phase());
            assertTrue(end.endReason().orElse("").contains("alice@laptop-7"), end.line());
            assertEquals(1, rig.model().deployments().size(), "nothing deployed");
            assertTrue(live(rig.model()).stream().noneMatch(TaskState::isProtected), "nothing protected");
            assertEquals(0, rig.sim.requests().count("ecs", "UpdateService"));
        }
    }

    @Test
    void aStaleLockIsTakenOver() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            Instant expired = rig.sim.clock().instant().minus(Duration.ofMinutes(1));
            rig.sim.model().tagResource(rig.model().arn(), Map.of(LockHolder.TAG,
                    new LockHolder("bob", "ci-runner", expired, "ffff0000", "r-41").tagValue()));
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus s = until(rig, e, st -> st.phase() == RolloutPhase.REPLACING);
            assertEquals(RolloutPhase.REPLACING, s.phase(), s.line());
            assertTrue(LockHolder.of(rig.sim.model().tags(rig.model().arn())).orElseThrow().rollout().equals(e.id()));
            assertTrue(rig.journal.lines(e.id()).stream().anyMatch(l -> l.event().contains("taking over a stale lock")));
        }
    }

    @Test
    void pauseStopsNewDrainsAndResumeGoesOn() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            until(rig, e, st -> st.replaced() >= 1);
            e.pause("checking dashboards");
            RolloutStatus paused = until(rig, e, st -> st.draining().isEmpty());
            int replaced = paused.replaced();
            for (int i = 0; i < 60; i++) {
                rig.sim.advance(PASS);
                paused = rig.step(e);
            }
            assertEquals(RolloutPhase.PAUSED, paused.phase());
            assertEquals(replaced, paused.replaced(), "no task drained while paused");
            assertTrue(rig.sim.scalableTargets().target("service/voice/agent").scaleInSuspended(),
                    "dynamic scale-in suspended during the rollout");
            assertEquals(150, rig.model().maximumPercent(), "room for 1 replacement and 1 spare above 4");
            assertTrue(live(rig.model()).stream().filter(t -> !t.taskDefinitionArn().equals(target))
                    .allMatch(TaskState::isProtected), "every old task protected until its turn");
            assertTrue(paused.draining().isEmpty());
            e.resumeRollout();
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void abortStopsSafelyAndRestoresWhatItChanged() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            until(rig, e, st -> st.replaced() >= 1);
            e.abort("operator changed their mind");
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.STOPPED, end.phase());
            String why = end.endReason().orElseThrow();
            assertTrue(why.startsWith("operator changed their mind") && why.contains("protected until"), why);
            ServiceState s = rig.model();
            assertEquals(200, s.maximumPercent(), "deployment configuration restored");
            assertFalse(rig.sim.scalableTargets().target("service/voice/agent").scaleInSuspended(), "scale-in resumed");
            assertFalse(rig.sim.model().tags(s.arn()).containsKey(LockHolder.TAG), "lock removed");
            List<TaskState> old = live(s).stream().filter(t -> !t.taskDefinitionArn().equals(target)).toList();
            assertFalse(old.isEmpty());
            Instant now = rig.sim.clock().instant();
            assertTrue(old.stream().allMatch(t -> t.isProtected() && t.protectionExpiresAt().isBefore(now.plus(Duration.ofHours(2)))),
                    "the old tasks stay protected, with an expiry");
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void rollbackReplacesEveryTaskWithThePreviousRevisionWithoutCuttingACall() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String from = rig.model().taskDefinitionArn();
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            until(rig, e, st -> st.replaced() >= 2);
            // Once a drained task has stopped, ECS's replacement for it starts (maximumPercent counts the stopping
            // task until it has stopped). It runs a minute later and must be counted before every task is
            // protected (DEPLOYMENT_BLOCKED otherwise): roll back while it is starting.
            java.util.function.BooleanSupplier startingNow = () -> rig.sim.model().read(m -> rig.model().tasks().stream()
                    .anyMatch(t -> List.of("PROVISIONING", "PENDING", "ACTIVATING").contains(t.lastStatus())));
            until(rig, e, st -> startingNow.getAsBoolean());
            boolean starting = startingNow.getAsBoolean();
            assertTrue(starting, "a replacement is starting when the rollback begins");
            e.rollback("latency regression");
            RolloutStatus end = until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(Direction.ROLLBACK, end.direction());
            ServiceState s = rig.model();
            assertEquals(4, live(s).size());
            assertTrue(live(s).stream().allMatch(t -> t.taskDefinitionArn().equals(from)), "every task back on " + from);
            assertTrue(live(s).stream().noneMatch(TaskState::isProtected));
            assertEquals(200, s.maximumPercent());
            assertEquals(0, rig.callsCut());
            assertTrue(rig.journal.lines(e.id()).stream().anyMatch(l -> l.event().contains("maximumPercent 100")),
                    "got back to desired count before protecting every task");
        }
    }
}
