package io.drainboard.drain;

import io.drainboard.fleet.InstanceSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Safe drain of the busiest container instance in virtual time: its tasks drain one by one (the task drain
 * state machine), the instance stays protected from scale in meanwhile, goes DRAINING only with no call on it,
 * and ends DRAINING with no tasks, released to its group — and no call is cut.
 */
class InstanceDrainScenarioTest {
    @Test
    void aBusyInstanceDrainsToDrainingWithNoTasksAndNoCallCut(@TempDir Path dir) throws Exception {
        try (CapacityRig c = new CapacityRig("asg-scale-in.yaml", dir)) {
            c.step(Duration.ofSeconds(5));
            InstanceSnapshot busy = c.instances().stream().max(Comparator.comparingInt(InstanceSnapshot::calls)).orElseThrow();
            assertTrue(busy.calls() > 0 && busy.taskArns().size() == 2, "a busy instance with two tasks: " + busy);
            long before = c.cut();
            c.instanceDrains.drain(DrainRig.CLUSTER, busy.arn(), busy.ec2InstanceId(), true);
            boolean sawProtectedWhileBusy = false;
            InstanceDrainStatus st = null;
            for (int i = 0; i < 2 * 60 * 3 && (st == null || !st.phase().finished()); i++) {
                c.step(Duration.ofSeconds(30));
                st = c.instanceDrains.status(busy.arn()).orElseThrow();
                InstanceSnapshot now = c.rig.last.clusters().get(0).instance(busy.arn()).orElseThrow();
                if (now.calls() > 0 && now.protectedNow()) sawProtectedWhileBusy = true;
                if (now.calls() > 0) assertEquals("ACTIVE", now.status(), "never DRAINING while it hosts calls");
            }
            System.out.printf("instance drain of %s (%d calls at start): %s after %s; %d calls cut%n", busy.ec2InstanceId(),
                    busy.calls(), st.phase(), Duration.between(st.startedAt(), c.rig.last.takenAt()), c.cut() - before);
            assertEquals(InstanceDrainStatus.Phase.DONE, st.phase(), st.reason());
            assertTrue(sawProtectedWhileBusy, "kept protected from scale in while it hosted calls");
            String status = c.rig.sim.model().read(m -> m.containerInstanceByEc2Id(busy.ec2InstanceId()).orElseThrow().status());
            int tasksLeft = c.rig.sim.model().read(m -> m.tasksOn(m.containerInstanceByEc2Id(busy.ec2InstanceId())
                    .orElseThrow()).size());
            assertEquals("DRAINING", status);
            assertEquals(0, tasksLeft);
            assertEquals(0, c.cut() - before, "no call cut");
            assertTrue(c.rig.audit.recent(200).stream().anyMatch(e -> e.action().equals("instance-draining")),
                    "DRAINING was audited");
        }
    }
}
