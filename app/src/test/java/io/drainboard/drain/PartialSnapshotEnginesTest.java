package io.drainboard.drain;

import io.drainboard.audit.AuditEntry;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.Partial;
import io.drainboard.fleet.TaskSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A partial snapshot (the clusters a first read has got so far, handed to the window meanwhile) may lack a running
 * task: the drain, guard and scale-in engines must not act on one, only on the whole snapshot that follows.
 */
class PartialSnapshotEnginesTest {
    @Test
    void theEnginesWaitForTheWholeSnapshot(@TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.step(Duration.ZERO);
            TaskSnapshot target = rig.busiest("agent");
            assertTrue(target.calls().count() >= 1, "a busy task: " + target.calls());
            rig.guard.enable(DrainRig.CLUSTER + "/agent", GuardPolicy.Settings.DEFAULT);
            rig.drains.drain(DrainRig.CLUSTER, "agent", target.arn(), DrainPlan.defaults(CordonMethod.HTTP), rig.last.takenAt());
            DrainStatus queued = rig.drains.drainOf(target.arn()).orElseThrow().status();

            rig.sim.clock().advance(Duration.ofSeconds(15));
            rig.sim.model().sync();
            FleetSnapshot whole = rig.console.refresher().readOnce();
            FleetSnapshot partial = Partial.of(whole);
            int audited = rig.audit.recent(100).size();
            rig.sim.requests().reset();
            rig.guard.snapshot(partial);
            rig.drains.snapshot(partial);
            rig.scaleIns.snapshot(partial);
            assertEquals(0, rig.sim.requests().total(), "nothing sent on a partial snapshot: " + rig.sim.requests().snapshot());
            assertEquals(audited, rig.audit.recent(100).size(), "nothing audited");
            assertEquals(queued.phase(), rig.drains.drainOf(target.arn()).orElseThrow().status().phase());

            rig.guard.snapshot(whole);
            rig.drains.snapshot(whole);
            List<String> actions = rig.audit.recent(100).stream().map(AuditEntry::action).toList();
            assertTrue(rig.sim.requests().total() > 0, "the whole snapshot is acted on");
            assertTrue(actions.contains("protect"), actions.toString());
            assertFalse(rig.drains.drainOf(target.arn()).orElseThrow().status().phase() == queued.phase()
                    && rig.audit.recent(100).size() == audited, "the drain moved on the whole snapshot");
        }
    }
}
