package io.drainboard.drain;

import io.drainboard.fleet.InstanceSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An EC2 Auto Scaling scale-in (SetDesiredCapacity 4 → 2 through the real AutoScalingClient) while calls are
 * active on every instance, in virtual time, the same scenario and seed with and without the instance guard.
 * Without it the group terminates two busy instances and the simulator reports their calls cut; with it the
 * busy instances are protected and only instances that went idle are let go.
 */
class AsgScaleInScenarioTest {
    private record Outcome(long cut, int instancesLeft, int busyAtScaleIn) {
    }

    private Outcome run(boolean guarded, Path dir) throws Exception {
        return run(guarded, false, false, dir);
    }

    /**
     * @param managedTerminationProtection the group is an ECS capacity provider with managed termination protection
     * @param managedDraining              … and managed instance draining (ECS drains what the group takes; task
     *                                     protection does not keep a task on a DRAINING instance)
     */
    private Outcome run(boolean guarded, boolean managedTerminationProtection, boolean managedDraining, Path dir)
            throws Exception {
        try (CapacityRig c = new CapacityRig("asg-scale-in.yaml", dir)) {
            if (managedTerminationProtection || managedDraining) {
                c.rig.sim.autoScalingGroups().setCapacityProvider(CapacityRig.GROUP, managedTerminationProtection, managedDraining);
            }
            if (guarded) c.instanceGuard.enable(DrainRig.CLUSTER);
            c.step(Duration.ofSeconds(5));
            int busy = (int) c.instances().stream().filter(i -> i.callsKnown() && i.calls() > 0).count();
            long before = c.cut();
            c.autoScaling.setDesiredCapacity(b -> b.autoScalingGroupName(CapacityRig.GROUP).desiredCapacity(2));
            for (int i = 0; i < 2 * 90; i++) c.step(Duration.ofSeconds(30));
            int left = (int) c.instances().stream().filter(i -> !i.draining()).count();
            return new Outcome(c.cut() - before, left, busy);
        }
    }

    @Test
    void withTheInstanceGuardAScaleInCutsNoCallWithoutItItDoes(@TempDir Path a, @TempDir Path b) throws Exception {
        Outcome unguarded = run(false, a);
        Outcome guarded = run(true, b);
        System.out.printf("ASG scale-in 4 → 2 with calls on every instance: without the instance guard %d calls cut"
                + " (%d instances left); with it %d calls cut (%d instances left)%n",
                unguarded.cut(), unguarded.instancesLeft(), guarded.cut(), guarded.instancesLeft());
        assertEquals(4, unguarded.busyAtScaleIn(), "every instance hosted calls when the scale-in came: " + unguarded);
        assertEquals(4, guarded.busyAtScaleIn(), "every instance hosted calls when the scale-in came: " + guarded);
        assertTrue(unguarded.cut() > 0, "without the guard the scale-in cut calls: " + unguarded);
        assertEquals(2, unguarded.instancesLeft());
        assertEquals(0, guarded.cut(), "with the guard: " + guarded);
    }

    /**
     * The instance guard against an ECS capacity provider's managed draining (Developer Guide "Managed instance
     * draining"): the group's pick is drained by ECS, which stops busy tasks whatever their protection. The guard
     * keeps busy instances protected from scale-in, so the group only takes idle ones, and managed termination
     * protection, which ECS applies to every instance with tasks, does not fight it (both measured: 0 cut with the
     * guard alone too). Without the guard managed draining cuts the calls that outlive the 120 s stopTimeout.
     */
    @Test
    void underManagedDrainingTheInstanceGuardStillCutsNoCall(@TempDir Path a, @TempDir Path b) throws Exception {
        Outcome unguarded = run(false, false, true, a);
        Outcome guarded = run(true, true, true, b);
        System.out.printf("ASG scale-in 4 → 2 under managed draining: without the guard %d calls cut; with it and"
                + " managed termination protection %d (%d instances left)%n", unguarded.cut(), guarded.cut(),
                guarded.instancesLeft());
        assertTrue(unguarded.cut() > 0, "managed draining stops busy tasks: " + unguarded);
        assertEquals(0, guarded.cut(), "with the guard and managed termination protection: " + guarded);
    }
}
