package io.drainboard.sim.ecs;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Tasks on their way out, as ECS shows them after StopTask; also proves the per-task JSON cache notices
 * every step (the first DescribeTasks caches the RUNNING task).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsStoppingTasksTest {
    @RegisterExtension
    static final EcsSimulator SIM = EcsSimulator.demo();
    private final Simulator sim = SIM.simulator();
    private final software.amazon.awssdk.services.ecs.EcsClient ecs = SIM.ecs();

    @Test
    void stopTaskWalksTheTaskThroughDeactivatingStoppingAndStopped() {
        List<String> arns = sim.model().read(m -> m.cluster("voice-prod").orElseThrow().services().get("sales-agent")
                .tasks().stream().map(TaskState::arn).toList());
        assertEquals("RUNNING", ecs.describeTasks(b -> b.cluster("voice-prod").tasks(arns)).tasks().get(0).lastStatus());
        // sales-agent's workers take 4 calls and leave stopTimeout unset: ECS applies 30 s.
        TaskState busy = sim.model().read(m -> m.task(arns.get(0)).orElseThrow());
        sim.model().read(m -> m.startCall(busy, m.now(), Duration.ofMinutes(10)));

        Task stopping = ecs.stopTask(b -> b.cluster("voice-prod").task(arns.get(0)).reason("Scale-in test")).task();
        assertEquals("STOPPED", stopping.desiredStatus());
        Task leaving = ecs.describeTasks(b -> b.cluster("voice-prod").tasks(arns.get(0))).tasks().get(0);
        assertEquals("STOPPING", leaving.lastStatus(), "no load balancer: SIGTERM at once");
        assertEquals("RUNNING", leaving.containers().get(0).lastStatus());
        assertNull(leaving.containers().get(0).exitCode());

        sim.clock().advance(Duration.ofMinutes(2));
        Task stopped = ecs.describeTasks(b -> b.cluster("voice-prod").tasks(arns.get(0))).tasks().get(0);
        assertEquals("STOPPED", stopped.lastStatus());
        assertEquals("UserInitiated", stopped.stopCodeAsString());
        assertEquals("Scale-in test", stopped.stoppedReason());
        assertEquals(Duration.ofSeconds(30), Duration.between(stopped.stoppingAt(), stopped.executionStoppedAt()));
        assertEquals("DELETED", stopped.attachments().get(0).status());
        Container c = stopped.containers().get(0);
        assertEquals("STOPPED", c.lastStatus());
        assertEquals(137, c.exitCode());

        assertEquals(arns.get(0), ecs.listTasks(b -> b.cluster("voice-prod").serviceName("sales-agent")
                .desiredStatus(DesiredStatus.STOPPED)).taskArns().get(0));
        Service s = ecs.describeServices(b -> b.cluster("voice-prod").services("sales-agent")).services().get(0);
        assertEquals(6, s.desiredCount());
        assertEquals(6, s.runningCount(), "the scheduler replaced it");
        assertEquals(7, ecs.listTasks(b -> b.cluster("voice-prod").serviceName("sales-agent")).taskArns().size()
                + ecs.listTasks(b -> b.cluster("voice-prod").serviceName("sales-agent").desiredStatus(DesiredStatus.STOPPED))
                .taskArns().size());
    }

    @Test
    void stopTaskOfAnUnknownTaskIsAnInvalidParameter() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ecs.stopTask(b -> b.cluster("voice-prod").task("0123456789abcdef0123456789abcdef")));
        assertEquals("The referenced task was not found.", e.awsErrorDetails().errorMessage());
    }
}
