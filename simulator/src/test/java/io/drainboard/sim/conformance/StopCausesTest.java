package io.drainboard.sim.conformance;

import io.drainboard.sim.model.ContainerInstanceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stop causes with their documented stopCode and stoppedReason (API Reference "Task" stopCode; Developer Guide
 * "Fargate capacity providers", "Spot Instance draining", "Managed termination protection", "Managed instance
 * draining"), seen through the real EcsClient and AutoScalingClient.
 */
class StopCausesTest extends FleetTest {
    @Override
    Fleet fleet() {
        return new Fleet("rules");
    }

    /** Fargate Spot: SIGTERM with the two-minute warning, stopCode SpotInterruption; protection does not keep it. */
    @Test
    void aFargateSpotInterruptionStopsTheTaskWithItsCodeAndReason() {
        TaskState t = f.liveTasks("agent").get(0);
        f.ecs.updateTaskProtection(b -> b.cluster(C).tasks(t.arn()).protectionEnabled(true));
        f.call(t, Duration.ofMinutes(10));
        f.sim.model().read(m -> {
            m.interruptSpotTask(t);
            return null;
        });
        f.advance(Duration.ofMinutes(3));
        Task d = f.describe(t);
        assertEquals(TaskStopCode.SPOT_INTERRUPTION, d.stopCode());
        assertEquals("Your Spot Task was interrupted.", d.stoppedReason());
        assertEquals("STOPPED", d.lastStatus());
        assertEquals(1, f.counts(t).cutBySigkill(), "a call longer than the stopTimeout is cut");
    }

    @Test
    void standardStopReasonsAreEcsWording() {
        List<TaskState> tasks = f.liveTasks("agent");
        f.ecs.stopTask(b -> b.cluster(C).task(tasks.get(0).arn()));
        f.ecs.updateService(b -> b.cluster(C).service("agent").desiredCount(3));
        f.advance(Duration.ofMinutes(1));
        assertEquals("Task stopped by user", f.describe(tasks.get(0)).stoppedReason());
        assertEquals(TaskStopCode.USER_INITIATED, f.describe(tasks.get(0)).stopCode());
        Task scaledIn = f.sim.model().read(m -> f.service("agent").tasks().stream()
                .filter(t -> "ServiceSchedulerInitiated".equals(t.stopCode())).findFirst()).map(f::describe).orElseThrow();
        assertTrue(scaledIn.stoppedReason().startsWith("Scaling activity initiated by (deployment ecs-svc/"), scaledIn.stoppedReason());
    }

    /**
     * EC2 Spot with ECS_ENABLE_SPOT_INSTANCE_DRAINING: DRAINING at the notice (its tasks are replaced elsewhere),
     * terminated two minutes later; a task still on it then is lost with the host.
     */
    @Test
    void anEc2SpotInterruptionDrainsWhereTheAgentIsToldToAndTerminatesAfterTwoMinutes() {
        ContainerInstanceState draining = instance(true);
        ContainerInstanceState plain = instance(false);
        f.sim.model().read(m -> {
            m.interruptSpotInstance(draining);
            m.interruptSpotInstance(plain);
            return null;
        });
        f.advance(Duration.ofSeconds(1));
        assertEquals("DRAINING", f.ecs.describeContainerInstances(b -> b.cluster("spot").containerInstances(draining.arn()))
                .containerInstances().get(0).status());
        assertEquals("ACTIVE", f.ecs.describeContainerInstances(b -> b.cluster("spot").containerInstances(plain.arn()))
                .containerInstances().get(0).status(), "no Spot draining: ECS learns nothing before the end");
        f.advance(Duration.ofMinutes(2));
        assertEquals("INACTIVE", draining.status());
        List<TaskState> lost = f.sim.model().read(m -> m.cluster("spot").orElseThrow().tasks().values().stream()
                .filter(t -> "TerminationNotice".equals(t.stopCode())).toList());
        assertTrue(lost.stream().allMatch(t -> t.stoppedReason().startsWith("Host EC2 (instance ")), lost.toString());
        assertTrue(lost.stream().anyMatch(t -> t.containerInstance() == plain), "the undrained host's tasks are lost");
    }

    /**
     * Capacity provider: managed termination protection protects every instance that runs tasks (the group takes
     * only empty ones), managed draining drains the instance it takes and terminates it once empty.
     */
    @Test
    void managedTerminationProtectionAndManagedDrainingGuardTheInstancesTasks() {
        try (AutoScalingClient asg = io.drainboard.sim.http.SimClients.autoScaling(f.sim)) {
            f.sim.autoScalingGroups().setCapacityProvider("spot-asg", true, false);
            assertTrue(asg.describeAutoScalingGroups(b -> b.autoScalingGroupNames("spot-asg")).autoScalingGroups().get(0)
                    .instances().stream().allMatch(i -> i.protectedFromScaleIn()), "every instance runs a task: all protected");
            asg.setDesiredCapacity(b -> b.autoScalingGroupName("spot-asg").desiredCapacity(3));
            f.advance(Duration.ofMinutes(2));
            long left = f.sim.model().read(m -> m.cluster("spot").orElseThrow().instances().values().stream()
                    .filter(ci -> !"INACTIVE".equals(ci.status())).count());
            assertEquals(4L, left, "nothing empty to take");

            f.sim.autoScalingGroups().setCapacityProvider("spot-asg", false, true);
            f.sim.model().read(m -> {
                for (ContainerInstanceState ci : m.cluster("spot").orElseThrow().instances().values()) m.setInstanceProtection(ci, false);
                return null;
            });
            f.sim.autoScalingGroups().scaleIn("spot-asg");
            f.advance(Duration.ofSeconds(1));
            long draining = f.sim.model().read(m -> m.cluster("spot").orElseThrow().instances().values().stream()
                    .filter(ci -> "DRAINING".equals(ci.status())).count());
            assertEquals(2L, draining, "the desired 3 set above and this scale-in: each instance taken is DRAINING first");
            f.sim.advance(Duration.ofMinutes(5));
            boolean stillDraining = f.sim.model().read(m -> m.cluster("spot").orElseThrow().instances().values().stream()
                    .anyMatch(ci -> "DRAINING".equals(ci.status())));
            assertFalse(stillDraining, "terminated once its tasks were replaced");
            assertEquals(0L, f.sim.groundTruth().cutByInstanceTermination(), "no call was lost with an instance");
        }
    }

    private ContainerInstanceState instance(boolean spotDraining) {
        return f.sim.model().read(m -> m.cluster("spot").orElseThrow().instances().values().stream()
                .filter(ci -> ci.spotInstanceDraining() == spotDraining).findFirst().orElseThrow());
    }
}
