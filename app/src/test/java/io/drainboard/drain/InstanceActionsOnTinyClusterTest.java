package io.drainboard.drain;

import io.drainboard.SimClients;
import io.drainboard.fleet.InstanceSnapshot;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The EC2 capacity engines' fast tier, through the console's {@link CapacityActions}: two container instances of one
 * Auto Scaling group, a busy task on each (scenario asg-tiny), in virtual time over the real ECS and Auto Scaling
 * clients, asserted on the simulator's ground truth. Small enough to run under mutation testing (docs/benchmarks.md,
 * "Test strength").
 */
class InstanceActionsOnTinyClusterTest {
    @AutoClose
    private final TinyFleet fleet = new TinyFleet("asg-tiny.yaml", Duration.ofSeconds(15));

    private CapacityActions open() throws Exception {
        return fleet.open("cordon: {method: http}\n").capacity();
    }

    private void step() {
        fleet.step();
    }

    private List<InstanceSnapshot> instances() {
        return fleet.last.clusters().get(0).instances();
    }

    private InstanceSnapshot busiest() {
        return instances().stream().max(Comparator.comparingInt(InstanceSnapshot::calls)).orElseThrow();
    }

    private List<String> audited() {
        return fleet.audited();
    }

    @Test
    void theOperatorsProtectionKeepsAnInstanceOutOfScaleInUntilReleased() throws Exception {
        CapacityActions c = open();
        InstanceSnapshot i = busiest();
        assertTrue(i.autoScalingGroup().isPresent(), i.toString());
        assertTrue(c.setProtection(i, true, "keep it").isEmpty());
        step();
        assertTrue(instances().stream().filter(x -> x.arn().equals(i.arn())).findFirst().orElseThrow().protectedNow());
        assertTrue(c.setProtection(i, false, "").isEmpty());
        step();
        assertFalse(instances().stream().filter(x -> x.arn().equals(i.arn())).findFirst().orElseThrow().protectedNow());
        assertTrue(audited().stream().filter(a -> a.startsWith("instance-")).count() >= 2, audited().toString());
    }

    @Test
    void aSafeInstanceDrainEndsDrainingWithNoTaskAndNoCallCut() throws Exception {
        CapacityActions c = open();
        InstanceSnapshot busy = busiest();
        assertTrue(busy.calls() > 0, "a busy instance: " + busy);
        long before = fleet.sim.groundTruth().callsCut();
        InstanceDrainStatus st = c.drain(busy, "retire the host");
        for (int i = 0; i < 120 && !st.phase().finished(); i++) {
            step();
            st = c.drainStatus(busy.arn()).orElseThrow();
            InstanceSnapshot now = instances().stream().filter(x -> x.arn().equals(busy.arn())).findFirst().orElseThrow();
            if (now.calls() > 0) assertEquals("ACTIVE", now.status(), "never DRAINING while it hosts calls");
        }
        assertEquals(InstanceDrainStatus.Phase.DONE, st.phase(), st.reason());
        String status = fleet.sim.model().read(m -> m.containerInstanceByEc2Id(busy.ec2InstanceId()).orElseThrow().status());
        assertEquals("DRAINING", status);
        assertEquals(0, fleet.sim.groundTruth().callsCut() - before, "no call cut");
        assertTrue(audited().contains("instance-drain"), audited().toString());
    }

    @Test
    void theInstanceGuardLetsTheGroupScaleInOnlyAnIdleInstanceAndCutsNoCall() throws Exception {
        CapacityActions c = open();
        c.guard("voice", true, "expected scale-in");
        step();
        step(); // the reading after the guard's first run
        assertTrue(c.guardStatus("voice").orElseThrow().enabled());
        assertTrue(instances().stream().filter(i -> i.calls() > 0).allMatch(InstanceSnapshot::protectedNow),
                "busy instances protected from scale-in");
        long before = fleet.sim.groundTruth().callsCut();
        try (var asg = SimClients.autoScaling(fleet.sim)) {
            asg.setDesiredCapacity(b -> b.autoScalingGroupName("voice-asg").desiredCapacity(1));
        }
        for (int i = 0; i < 40; i++) step();
        assertEquals(0, fleet.sim.groundTruth().callsCut() - before, "no call cut by the group's scale-in");
        assertTrue(audited().contains("instance-guard-on"), audited().toString());
        c.guard("voice", false, "done");
        assertFalse(c.guardStatus("voice").map(InstanceGuard.Status::enabled).orElse(false));
    }
}
