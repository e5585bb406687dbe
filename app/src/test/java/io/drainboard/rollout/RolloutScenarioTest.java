package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole rollout on the simulator, asserted on its ground truth: every task replaced, no call cut, all restored. */
class RolloutScenarioTest {
    @TempDir
    Path journals;

    @Test
    void execSignalRolloutReplacesEveryTaskWithoutCuttingACall() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.EXEC_SIGNAL, journals)) {
            String target = rig.newRevision();
            long cutBefore = rig.callsCut();
            long startedBefore = rig.sim.groundTruth().callsStarted();
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus end = rig.run(e, Duration.ofSeconds(5), Duration.ofHours(3));
            if (Boolean.getBoolean("rollout.debug")) rig.journal.lines(e.id()).forEach(l -> System.out.println(l.at() + " " + l.event()));
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(0, rig.callsCut() - cutBefore, "no call cut");
            assertTrue(rig.sim.groundTruth().callsStarted() - startedBefore > 20, "traffic ran during the rollout");
            ServiceState s = rig.model();
            List<TaskState> live = s.tasks().stream().filter(t -> !"STOPPED".equals(t.desiredStatus())).toList();
            assertEquals(4, live.size());
            assertTrue(live.stream().allMatch(t -> t.taskDefinitionArn().equals(target)), "every task on the new revision");
            assertTrue(live.stream().noneMatch(TaskState::isProtected), "no protection left");
            assertEquals(200, s.maximumPercent(), "maximumPercent restored");
            // The last old task, idle and stopped, may still be deprovisioning: ECS drops its deployment once it is STOPPED.
            rig.sim.advance(Duration.ofMinutes(1));
            assertEquals(1, rig.model().deployments().size());
            assertFalse(rig.sim.model().tags(s.arn()).containsKey(LockHolder.TAG), "lock removed");
            assertFalse(rig.sim.scalableTargets().target("service/voice/agent").scaleInSuspended(), "scale-in resumed");
            assertEquals(4, end.replaced());
        }
    }
}
