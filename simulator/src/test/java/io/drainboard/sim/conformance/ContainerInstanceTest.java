package io.drainboard.sim.conformance;

import io.drainboard.sim.model.ContainerInstanceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Container instances leaving the cluster: DRAINING (UpdateContainerInstancesState) and termination. */
class ContainerInstanceTest extends FleetTest {

    private List<TaskState> dialersOn(ContainerInstanceState ci) {
        return f.liveTasks("dialer").stream().filter(t -> t.containerInstance() == ci).toList();
    }

    @Test
    void drainingStopsTheInstancesServiceTasksEvenProtectedOnesAndReplacesThemElsewhere() {
        ContainerInstanceState ci = f.liveTasks("dialer").get(0).containerInstance();
        List<TaskState> there = dialersOn(ci);
        assertEquals(1, there.size());
        TaskState t = there.get(0);
        f.ecs.updateTaskProtection(b -> b.cluster(Fleet.CLUSTER).tasks(t.arn()).protectionEnabled(true));
        f.call(t, Duration.ofMinutes(2));

        List<ContainerInstance> r = f.ecs.updateContainerInstancesState(b -> b.cluster(Fleet.CLUSTER)
                .containerInstances(ci.arn()).status(ContainerInstanceStatus.DRAINING)).containerInstances();
        assertEquals("DRAINING", r.get(0).status());
        f.advance(Duration.ofMinutes(5));

        Task stopped = f.describe(t);
        assertEquals("STOPPED", stopped.lastStatus(), "protection does not keep a task on a draining instance");
        assertEquals("ServiceSchedulerInitiated", stopped.stopCodeAsString());
        assertEquals(0, stopped.containers().get(0).exitCode(), "its worker drained its one call within stopTimeout");
        assertEquals(1, f.counts(t).endedNormally());
        assertEquals(4, f.describe("dialer").runningCount());
        assertTrue(dialersOn(ci).isEmpty());
        for (TaskState n : f.liveTasks("dialer")) assertNotEquals(ci, n.containerInstance());
        assertEquals(List.of(ci.arn()), f.ecs.listContainerInstances(b -> b.cluster(Fleet.CLUSTER)
                .status(ContainerInstanceStatus.DRAINING)).containerInstanceArns());
    }

    @Test
    void aTerminatedInstanceTakesItsCallsWithIt() {
        ContainerInstanceState ci = f.liveTasks("dialer").get(0).containerInstance();
        TaskState t = dialersOn(ci).get(0);
        f.call(t, Duration.ofMinutes(10));
        f.call(t, Duration.ofMinutes(10));
        f.sim.model().terminateContainerInstance(ci);
        Task lost = f.describe(t);
        assertEquals("STOPPED", lost.lastStatus());
        assertTrue(lost.stoppedReason().contains(ci.ec2InstanceId()));
        assertEquals(2, f.counts(t).cutByInstanceTermination());
        f.advance(Duration.ofMinutes(1));
        assertEquals(4, f.describe("dialer").runningCount());
    }
}
