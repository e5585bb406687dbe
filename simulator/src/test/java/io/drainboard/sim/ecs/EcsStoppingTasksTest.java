package io.drainboard.sim.ecs;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tasks on their way out, as ECS shows them. The model has no public lifecycle API yet, so the test
 * moves two tasks along by setting their fields; it also proves the per-task JSON cache notices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsStoppingTasksTest {
    private Simulator sim;
    private EcsClient ecs;

    @BeforeAll
    void start() {
        sim = EcsTestSupport.start("demo");
        ecs = EcsTestSupport.client(sim);
    }

    @AfterAll
    void stop() {
        ecs.close();
        sim.close();
    }

    @Test
    void stoppedAndDeactivatingTasksShowTheirNewState() {
        List<String> arns = sim.model().read(m -> m.cluster("voice-prod").orElseThrow().services().get("sales-agent")
                .tasks().stream().map(TaskState::arn).toList());
        assertEquals("RUNNING", ecs.describeTasks(b -> b.cluster("voice-prod").tasks(arns)).tasks().get(0).lastStatus());
        Instant now = sim.clock().instant();
        sim.model().read(m -> {
            TaskState stopped = m.task(arns.get(0)).orElseThrow();
            set(stopped, "lastStatus", "STOPPED");
            set(stopped, "desiredStatus", "STOPPED");
            set(stopped, "stoppingAt", now.minusSeconds(40));
            set(stopped, "executionStoppedAt", now.minusSeconds(9));
            set(stopped, "stoppedAt", now.minusMillis(1500));
            set(stopped, "stopCode", "ServiceSchedulerInitiated");
            set(stopped, "stoppedReason", "Scaling activity initiated by (deployment ecs-svc/1)");
            set(stopped, "exitCode", 137);
            TaskState leaving = m.task(arns.get(1)).orElseThrow();
            set(leaving, "lastStatus", "DEACTIVATING");
            set(leaving, "desiredStatus", "STOPPED");
            set(leaving, "stoppingAt", now);
            return null;
        });

        List<Task> tasks = ecs.describeTasks(b -> b.cluster("voice-prod").tasks(arns.subList(0, 2))).tasks();
        Task stopped = tasks.get(0);
        assertEquals("STOPPED", stopped.lastStatus());
        assertEquals("STOPPED", stopped.desiredStatus());
        assertEquals("ServiceSchedulerInitiated", stopped.stopCodeAsString());
        assertEquals("Scaling activity initiated by (deployment ecs-svc/1)", stopped.stoppedReason());
        assertEquals(now.minusMillis(1500), stopped.stoppedAt());
        assertEquals(now.minusSeconds(9), stopped.executionStoppedAt());
        assertEquals(now.minusSeconds(40), stopped.stoppingAt());
        assertEquals("DELETED", stopped.attachments().get(0).status());
        Container c = stopped.containers().get(0);
        assertEquals("STOPPED", c.lastStatus());
        assertEquals(137, c.exitCode());
        Task leaving = tasks.get(1);
        assertEquals("DEACTIVATING", leaving.lastStatus());
        assertEquals("RUNNING", leaving.containers().get(0).lastStatus());
        assertEquals(null, leaving.containers().get(0).exitCode());

        assertEquals(arns.subList(2, 6), ecs.listTasks(b -> b.cluster("voice-prod").serviceName("sales-agent")).taskArns());
        assertEquals(arns.subList(0, 2), ecs.listTasks(b -> b.cluster("voice-prod").serviceName("sales-agent")
                .desiredStatus(DesiredStatus.STOPPED)).taskArns());
        Service s = ecs.describeServices(b -> b.cluster("voice-prod").services("sales-agent")).services().get(0);
        assertEquals(6, s.desiredCount());
        assertEquals(4, s.runningCount());
        assertEquals(4, s.deployments().get(0).runningCount());
        assertEquals(20, ecs.describeClusters(b -> b.clusters("voice-prod")).clusters().get(0).runningTasksCount());
    }

    private static void set(Object target, String field, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("TaskState." + field + " changed; update this test", e);
        }
    }
}
