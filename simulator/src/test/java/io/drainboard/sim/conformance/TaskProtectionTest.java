package io.drainboard.sim.conformance;

import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.UpdateTaskProtectionResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Task scale-in protection through UpdateTaskProtection / GetTaskProtection and what the scheduler makes of it. */
class TaskProtectionTest extends FleetTest {

    private UpdateTaskProtectionResponse protect(Integer minutes, TaskState... tasks) {
        List<String> arns = new ArrayList<>();
        for (TaskState t : tasks) arns.add(t.arn());
        return f.ecs.updateTaskProtection(b -> b.cluster(Fleet.CLUSTER).tasks(arns).protectionEnabled(true).expiresInMinutes(minutes));
    }

    @Test
    void protectedTasksSurviveScaleInWhileUnprotectedOnesStop() {
        List<TaskState> tasks = f.liveTasks("agent");
        Instant now = f.sim.clock().instant();
        UpdateTaskProtectionResponse r = protect(null, tasks.get(0), tasks.get(1));
        assertEquals(2, r.protectedTasks().size());
        assertTrue(r.protectedTasks().get(0).protectionEnabled());
        assertEquals(now.plus(Duration.ofMinutes(120)), r.protectedTasks().get(0).expirationDate(), "120 minutes by default");

        f.ecs.updateService(b -> b.cluster(Fleet.CLUSTER).service("agent").desiredCount(1));
        f.advance(Duration.ofMinutes(5));
        assertEquals("RUNNING", f.describe(tasks.get(0)).lastStatus());
        assertEquals("RUNNING", f.describe(tasks.get(1)).lastStatus());
        assertEquals("STOPPED", f.describe(tasks.get(2)).lastStatus());
        assertEquals("STOPPED", f.describe(tasks.get(3)).lastStatus());
        assertEquals(2, f.describe("agent").runningCount());
        assertTrue(f.events("agent").contains("(service agent) was unable to scale in 1 tasks because they are protected from scale-in."),
                f.events("agent").toString());

        f.ecs.updateTaskProtection(b -> b.cluster(Fleet.CLUSTER).tasks(tasks.get(1).arn()).protectionEnabled(false));
        f.advance(Duration.ofMinutes(2));
        assertEquals("STOPPED", f.describe(tasks.get(1)).lastStatus(), "released, it is stopped by the waiting scale-in");
        assertEquals("RUNNING", f.describe(tasks.get(0)).lastStatus());
        assertEquals("(service agent) has reached a steady state.", f.events("agent").get(0));
    }

    @Test
    void moreProtectedTasksThanDesiredIsDeploymentBlocked() {
        List<TaskState> tasks = f.liveTasks("agent");
        f.ecs.updateService(b -> b.cluster(Fleet.CLUSTER).service("agent").desiredCount(2));
        f.advance(Duration.ofMinutes(3));
        List<TaskState> left = f.liveTasks("agent");
        assertEquals(2, left.size());
        assertEquals(2, protect(30, left.get(0), left.get(1)).protectedTasks().size());
        f.ecs.updateService(b -> b.cluster(Fleet.CLUSTER).service("agent").desiredCount(1));
        f.advance(Duration.ofMinutes(1));
        // Renewing now would keep 2 protected tasks for a desired count of 1.
        UpdateTaskProtectionResponse r = protect(30, left.get(0));
        assertTrue(r.protectedTasks().isEmpty());
        Failure failure = r.failures().get(0);
        assertEquals(left.get(0).arn(), failure.arn());
        assertEquals("DEPLOYMENT_BLOCKED", failure.reason());
        // Releasing always works. Renewing the one left at count = desired is refused by the strict reading
        // (the default; ProtectionLimitTest has both readings).
        f.ecs.updateTaskProtection(b -> b.cluster(Fleet.CLUSTER).tasks(left.get(1).arn()).protectionEnabled(false));
        assertEquals("DEPLOYMENT_BLOCKED", protect(30, left.get(0)).failures().get(0).reason());
        assertEquals(4, tasks.size());
    }

    @Test
    void expiresInMinutesIsOneTo2880() {
        TaskState t = f.liveTasks("agent").get(0);
        for (int bad : new int[] {2881, 0}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> protect(bad, t));
            assertTrue(e.awsErrorDetails().errorMessage().contains("2880"), e.getMessage());
        }
        Instant now = f.sim.clock().instant();
        assertEquals(now.plus(Duration.ofMinutes(2880)), protect(2880, t).protectedTasks().get(0).expirationDate());
    }

    @Test
    void atMostTenTasksPerUpdateAndAHundredPerGet() {
        TaskState t = f.liveTasks("agent").get(0);
        List<String> eleven = Collections.nCopies(11, t.arn());
        assertThrows(InvalidParameterException.class, () -> f.ecs.updateTaskProtection(b -> b.cluster(Fleet.CLUSTER)
                .tasks(eleven).protectionEnabled(true)));
        List<String> many = Collections.nCopies(101, t.arn());
        assertThrows(InvalidParameterException.class, () -> f.ecs.getTaskProtection(b -> b.cluster(Fleet.CLUSTER).tasks(many)));
    }

    @Test
    void standaloneTasksAreNotValidAndUnknownOnesMissing() {
        TaskState standalone = f.sim.model().read(m -> m.addStandaloneTask(m.cluster(Fleet.CLUSTER).orElseThrow(),
                f.liveTasks("agent").get(0).taskDefinitionArn(), "FARGATE", null));
        String ghost = "arn:aws:ecs:us-east-1:123456789012:task/voice/0123456789abcdef0123456789abcdef";
        UpdateTaskProtectionResponse r = f.ecs.updateTaskProtection(b -> b.cluster(Fleet.CLUSTER)
                .tasks(standalone.arn(), ghost).protectionEnabled(true));
        assertTrue(r.protectedTasks().isEmpty());
        assertEquals("TASK_NOT_VALID", r.failures().stream().filter(x -> x.arn().equals(standalone.arn())).findFirst().orElseThrow().reason());
        assertEquals("MISSING", r.failures().stream().filter(x -> x.arn().equals(ghost)).findFirst().orElseThrow().reason());
    }

    @Test
    void protectionLapsesOnTimeAndTheWaitingScaleInProceeds() {
        List<TaskState> tasks = f.liveTasks("agent");
        protect(5, tasks.toArray(new TaskState[0]));
        f.ecs.updateService(b -> b.cluster(Fleet.CLUSTER).service("agent").desiredCount(3));
        f.advance(Duration.ofMinutes(5).minusSeconds(1));
        GetTaskProtectionResponse before = f.ecs.getTaskProtection(b -> b.cluster(Fleet.CLUSTER).tasks(tasks.get(0).arn()));
        assertTrue(before.protectedTasks().get(0).protectionEnabled());
        assertEquals(4, f.describe("agent").runningCount(), "all protected: scale-in waits");

        f.advance(Duration.ofSeconds(2));
        ProtectedTask after = f.ecs.getTaskProtection(b -> b.cluster(Fleet.CLUSTER).tasks(tasks.get(0).arn())).protectedTasks().get(0);
        assertFalse(after.protectionEnabled());
        assertNull(after.expirationDate());
        f.advance(Duration.ofMinutes(1));
        assertEquals(3, f.describe("agent").runningCount());
    }

    @Test
    void callingAgainResetsTheExpiry() {
        TaskState t = f.liveTasks("agent").get(0);
        protect(10, t);
        f.advance(Duration.ofMinutes(8));
        Instant now = f.sim.clock().instant();
        assertEquals(now.plus(Duration.ofMinutes(10)), protect(10, t).protectedTasks().get(0).expirationDate());
        f.advance(Duration.ofMinutes(9));
        assertTrue(f.ecs.getTaskProtection(b -> b.cluster(Fleet.CLUSTER).tasks(t.arn())).protectedTasks().get(0).protectionEnabled());
    }
}
