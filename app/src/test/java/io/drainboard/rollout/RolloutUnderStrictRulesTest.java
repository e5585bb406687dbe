package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import io.drainboard.sim.model.Rules;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rollouts under both readings of what ECS leaves undocumented (docs/simulator.md "Rules and switches"): the
 * strict DEPLOYMENT_BLOCKED count, under which a service whose every task is protected can renew none, and reads
 * that lag the console's own writes. Each must complete and cut no call.
 */
class RolloutUnderStrictRulesTest {
    @TempDir
    Path journals;

    private static RolloutStatus complete(RolloutRig rig, RolloutEngine e) {
        RolloutStatus end = rig.run(e, Duration.ofSeconds(5), Duration.ofHours(3));
        assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line() + " " + rig.journal.lines(e.id()).stream()
                .map(l -> l.event()).filter(l -> l.startsWith("failed") || l.startsWith("paused") || l.startsWith("stopped"))
                .limit(5).toList());
        return end;
    }

    private static void assertReplaced(RolloutRig rig, String target) {
        ServiceState s = rig.model();
        List<TaskState> live = s.tasks().stream().filter(t -> !"STOPPED".equals(t.desiredStatus())).toList();
        assertTrue(live.stream().allMatch(t -> t.taskDefinitionArn().equals(target)), "every task on the new revision");
        assertTrue(live.stream().noneMatch(TaskState::isProtected), "no protection left");
    }

    @ParameterizedTest(name = "strict DEPLOYMENT_BLOCKED = {0}")
    @ValueSource(booleans = {true, false})
    void aRolloutCompletesWithoutCuttingACallUnderEitherReading(boolean strict) {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            rig.sim.model().setRules(rig.sim.model().rules().withStrictProtectionLimit(strict));
            String target = rig.newRevision();
            long cut = rig.callsCut();
            complete(rig, rig.start(target, rig.settings(2)));
            assertEquals(0, rig.callsCut() - cut);
            assertReplaced(rig, target);
        }
    }

    /**
     * Every task already protected for two hours (as guard mode leaves them) when the rollout starts: strictly, ECS
     * renews none of them, so the rollout takes them over by releasing and protecting each again before it deploys
     * — safe then, as ECS is waiting to stop nothing.
     */
    @Test
    void aRolloutOverTasksAlreadyProtectedTakesThemOverBeforeDeploying() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            assertTrue(rig.sim.model().rules().strictProtectionLimit());
            List<String> all = rig.sim.model().read(m -> rig.model().tasks().stream()
                    .filter(t -> "RUNNING".equals(t.desiredStatus())).map(TaskState::arn).toList());
            rig.aws.ecs().updateTaskProtection(b -> b.cluster("voice").tasks(all).protectionEnabled(true).expiresInMinutes(120));
            String target = rig.newRevision();
            long cut = rig.callsCut();
            RolloutEngine e = rig.start(target, rig.settings(1));
            complete(rig, e);
            assertEquals(0, rig.callsCut() - cut);
            assertReplaced(rig, target);
            assertTrue(rig.journal.lines(e.id()).stream().anyMatch(l -> l.event().contains("release and protect again")),
                    "took the protection over");
        }
    }

    /**
     * The same take-over, with the protect that follows a release failing: the task is then unprotected, and the
     * rollout must say so and protect it again on a later pass before it deploys, never count on the lease it released.
     */
    @Test
    void aTakeOverWhoseProtectFailsAfterTheReleaseProtectsTheTaskAgainBeforeDeploying() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            List<String> all = rig.sim.model().read(m -> rig.model().tasks().stream()
                    .filter(t -> "RUNNING".equals(t.desiredStatus())).map(TaskState::arn).toList());
            rig.aws.ecs().updateTaskProtection(b -> b.cluster("voice").tasks(all).protectionEnabled(true).expiresInMinutes(120));
            String target = rig.newRevision();
            long cut = rig.callsCut();
            RolloutSettings settings = rig.settings(1);
            CrashingEffects fx = new CrashingEffects(rig.wiring.effects(settings));
            fx.failAfter("release", "protect");
            RolloutEngine e = RolloutEngine.start(PreflightReader.spec(rig.serviceSnapshot(),
                    rig.wiring.deploys().describe(target), settings), fx, rig.journal, rig.sim.clock().instant());
            complete(rig, e);
            assertEquals(0, rig.callsCut() - cut);
            assertReplaced(rig, target);
            List<String> events = rig.journal.lines(e.id()).stream().map(l -> l.event()).toList();
            int failed = indexOf(events, "failed: protect");
            int deployed = indexOf(events, "done: deploy");
            assertTrue(failed >= 0 && events.get(failed).contains("injected"),
                    "the task released and not protected again fails the step: " + events);
            assertTrue(deployed > failed, "deployed only after: " + events);
        }
    }

    private static int indexOf(List<String> events, String prefix) {
        for (int i = 0; i < events.size(); i++) if (events.get(i).startsWith(prefix)) return i;
        return -1;
    }

    /**
     * Reads that lag the console's own writes by up to 30 s: the rollout must neither take its own lock for someone
     * else's (the tag it wrote does not show yet), nor a protection it just set for one removed behind its back, nor
     * the old revision still shown just after its UpdateService for a deployment changed by someone else.
     */
    @Test
    void readsLaggingHalfAMinuteBehindItsWritesDoNotMisleadTheRollout() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            rig.sim.model().setRules(Rules.DEFAULT.withReadAfterWriteLag(Duration.ofSeconds(30)));
            String target = rig.newRevision();
            long cut = rig.callsCut();
            RolloutEngine e = rig.start(target, rig.settings(2));
            RolloutStatus end = complete(rig, e);
            assertEquals(0, rig.callsCut() - cut);
            assertReplaced(rig, target);
            assertTrue(end.alarms().stream().noneMatch(a -> a.contains("removed outside this rollout")
                    || a.contains("changed outside this rollout")), end.alarms().toString());
        }
    }
}
