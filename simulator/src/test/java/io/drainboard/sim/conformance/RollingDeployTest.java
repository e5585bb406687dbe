package io.drainboard.sim.conformance;

import io.drainboard.sim.model.CallCounts;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Native rolling deployments through UpdateService, as ECS runs them, and what they do to calls. */
class RollingDeployTest extends FleetTest {

    private String newRevision(String family, String image) {
        return f.ecs.registerTaskDefinition(b -> b.family(family).cpu("1024").memory("2048")
                .networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE)
                .containerDefinitions(c -> c.name("agent").image(image).stopTimeout(120).essential(true)))
                .taskDefinition().taskDefinitionArn();
    }

    @Test
    void aRollingDeployOnFargateCutsTheCallsThatOutliveStopTimeout() {
        List<TaskState> old = f.liveTasks("agent");
        assertEquals(4, old.size());
        for (TaskState t : old) {
            f.call(t, Duration.ofMinutes(10)); // outlives SIGTERM + 120 s
            f.call(t, Duration.ofSeconds(90)); // ends inside the 120 s
        }
        String v2 = newRevision("agent", "agent:v2");
        Service updated = f.ecs.updateService(b -> b.cluster(Fleet.CLUSTER).service("agent").taskDefinition(v2)).service();
        assertEquals(v2, updated.taskDefinition());
        assertEquals(2, updated.deployments().size());
        Deployment primary = updated.deployments().get(0);
        assertEquals("PRIMARY", primary.status());
        assertEquals("IN_PROGRESS", primary.rolloutStateAsString());

        f.advance(Duration.ofMinutes(8));

        for (TaskState t : old) {
            Task task = f.describe(t);
            assertEquals("STOPPED", task.lastStatus());
            assertEquals("ServiceSchedulerInitiated", task.stopCodeAsString());
            assertEquals("Scaling activity initiated by (deployment " + primary.id() + ")", task.stoppedReason());
            assertEquals(137, task.containers().get(0).exitCode(), "SIGKILL after stopTimeout");
            // SIGTERM → SIGKILL took exactly the 120 s stopTimeout.
            assertEquals(Duration.ofSeconds(120), Duration.between(f.sim.model().read(m -> t.sigtermAt()), task.executionStoppedAt()));
            CallCounts c = f.counts(t);
            assertEquals(1, c.cutBySigkill(), "the 10-minute call is cut on " + t.id());
            assertEquals(1, c.endedNormally(), "the 90-second call finishes on " + t.id());
        }
        assertEquals(4, f.sim.groundTruth().cutBySigkill());
        Service s = f.describe("agent");
        assertEquals(1, s.deployments().size());
        assertEquals(primary.id(), s.deployments().get(0).id());
        assertEquals("COMPLETED", s.deployments().get(0).rolloutStateAsString());
        assertEquals(4, s.runningCount());
        List<String> events = f.events("agent");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("(service agent) has started 4 tasks: (task ")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("(service agent) has stopped ")), events.toString());
        assertTrue(events.contains("(service agent) (deployment " + primary.id() + ") deployment completed."), events.toString());
        assertEquals("(service agent) has reached a steady state.", events.get(0));
        List<String> stopped = f.ecs.listTasks(b -> b.cluster(Fleet.CLUSTER).serviceName("agent").desiredStatus(DesiredStatus.STOPPED)).taskArns();
        assertTrue(stopped.containsAll(old.stream().map(TaskState::arn).toList()));
    }

    @Test
    void newTasksStartInTensOfSecondsOnFargateWithEveryTimestamp() {
        f.ecs.updateService(b -> b.cluster(Fleet.CLUSTER).service("agent").desiredCount(5));
        f.advance(Duration.ofSeconds(1));
        TaskState fresh = f.liveTasks("agent").get(4);
        assertEquals("PROVISIONING", f.describe(fresh).lastStatus());
        assertEquals(1, f.describe("agent").pendingCount());
        f.advance(Duration.ofMinutes(2));
        Task t = f.describe(fresh);
        assertEquals("RUNNING", t.lastStatus());
        long startup = Duration.between(t.createdAt(), t.startedAt()).toSeconds();
        assertTrue(startup >= 10 && startup <= 60, "Fargate start-up took " + startup + " s");
        assertTrue(t.pullStartedAt().isAfter(t.createdAt()) && t.pullStoppedAt().isAfter(t.pullStartedAt())
                && t.startedAt().isAfter(t.pullStoppedAt()));
        assertEquals(5, f.describe("agent").runningCount());
    }

    @Test
    void theSixthConcurrentDeploymentIsRefused() {
        // Room for every deployment's tasks at once: a deployment that never started a task is not ACTIVE.
        f.ecs.updateService(b -> b.cluster(Fleet.CLUSTER).service("agent").deploymentConfiguration(c -> c.maximumPercent(500)));
        for (int i = 0; i < 4; i++) {
            f.ecs.updateService(b -> b.cluster(Fleet.CLUSTER).service("agent").forceNewDeployment(true));
        }
        assertEquals(5, f.describe("agent").deployments().size());
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> f.ecs.updateService(b -> b.cluster(Fleet.CLUSTER).service("agent").forceNewDeployment(true)));
        assertEquals("5 active deployments exist, unable to create new deployment.", e.awsErrorDetails().errorMessage());
        // A desired count change makes no deployment and is still accepted.
        assertEquals(4, f.ecs.updateService(b -> b.cluster(Fleet.CLUSTER).service("agent").desiredCount(4)).service().desiredCount());
        f.advance(Duration.ofMinutes(10));
        assertEquals(1, f.describe("agent").deployments().size());
    }

    @Test
    void theCircuitBreakerFailsADeploymentWhoseTasksNeverStartAndRollsBack() {
        String bad = newRevision("agent", "agent:typo");
        f.sim.model().failLaunches(bad, "CannotPullContainerError: pull image manifest has been retried 5 time(s): "
                + "failed to resolve ref agent:typo: not found");
        String good = f.describe("agent").taskDefinition();
        f.ecs.updateService(b -> b.cluster(Fleet.CLUSTER).service("agent").taskDefinition(bad)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(cb -> cb.enable(true).rollback(true))));
        f.advance(Duration.ofMinutes(10));
        Service s = f.describe("agent");
        assertEquals(good, s.taskDefinition(), "rolled back");
        assertTrue(s.deploymentConfiguration().deploymentCircuitBreaker().enable());
        Deployment failed = s.deployments().stream().filter(d -> d.taskDefinition().equals(bad)).findFirst().orElse(null);
        List<String> events = f.events("agent");
        assertTrue(events.stream().anyMatch(e -> e.endsWith("deployment failed: tasks failed to start.")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("(service agent) rolling back to deployment ")), events.toString());
        if (failed != null) { // still listed while its last failed task deprovisions
            assertEquals("FAILED", failed.rolloutStateAsString());
            assertTrue(failed.failedTasks() >= 3);
        }
        assertEquals(4, s.runningCount());
        Task failedTask = f.ecs.describeTasks(b -> b.cluster(Fleet.CLUSTER).tasks(f.ecs.listTasks(l -> l.cluster(Fleet.CLUSTER)
                .serviceName("agent").desiredStatus(DesiredStatus.STOPPED)).taskArns())).tasks().stream()
                .filter(t -> t.taskDefinitionArn().equals(bad)).findFirst().orElseThrow();
        assertEquals("TaskFailedToStart", failedTask.stopCodeAsString());
        assertTrue(failedTask.stoppedReason().startsWith("CannotPullContainerError"));
        assertNotNull(failedTask.stoppedAt());
        assertFalse(failedTask.containers().get(0).reason().isEmpty());
    }

    @Test
    void stoppedTasksVanishAfterAnHour() {
        TaskState t = f.liveTasks("agent").get(0);
        f.ecs.stopTask(b -> b.cluster(Fleet.CLUSTER).task(t.arn()));
        f.advance(Duration.ofMinutes(30));
        assertEquals("STOPPED", f.describe(t).lastStatus());
        Instant stoppedAt = f.describe(t).stoppedAt();
        f.advance(Duration.between(f.sim.clock().instant(), stoppedAt.plus(Duration.ofHours(1)).plusSeconds(1)));
        assertEquals("MISSING", f.ecs.describeTasks(b -> b.cluster(Fleet.CLUSTER).tasks(t.arn())).failures().get(0).reason());
    }
}
