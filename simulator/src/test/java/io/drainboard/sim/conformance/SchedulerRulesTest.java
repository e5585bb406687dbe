package io.drainboard.sim.conformance;

import io.drainboard.sim.model.ContainerInstanceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service scheduler's finer rules through the real EcsClient (scenarios/rules.yaml, virtual time):
 * maximumPercent, when a new task counts as healthy, the service throttle logic, scale-in order and the EC2
 * stop timeout. Sources next to each test.
 */
class SchedulerRulesTest extends FleetTest {
    @Override
    Fleet fleet() {
        return new Fleet("rules");
    }

    /**
     * maximumPercent bounds the tasks "in the RUNNING or PENDING state" (API Reference "DeploymentConfiguration"),
     * and at 100 % "replacement tasks can't start until the draining tasks have stopped" (Developer Guide
     * "Draining Amazon ECS container instances"): a task told to stop counts until it has stopped.
     */
    @Test
    void atMaximumPercent100ReplacementsWaitUntilTheStoppingTasksHaveStopped() {
        for (TaskState t : f.liveTasks("agent")) f.call(t, Duration.ofMinutes(10)); // each stop takes the whole 120 s
        f.ecs.updateService(b -> b.cluster(C).service("agent").forceNewDeployment(true)
                .deploymentConfiguration(c -> c.minimumHealthyPercent(50).maximumPercent(100)));
        f.advance(Duration.ofSeconds(1));
        assertEquals(2, stopping("agent"), "minimumHealthyPercent 50 of 4: two old tasks are stopped");
        assertEquals(0, f.describe("agent").pendingCount(), "no room: the stopping ones still count");
        f.advance(Duration.ofSeconds(110));
        assertEquals(2, stopping("agent"));
        assertEquals(0, f.describe("agent").pendingCount(), "SIGKILL comes at 120 s; until then nothing starts");
        f.advance(Duration.ofSeconds(30)); // killed at 120 s, deprovisioned within 12 s
        assertEquals(0, stopping("agent"));
        assertEquals(2, f.describe("agent").pendingCount() + newRunning("agent"), "replacements start once they stopped");
    }

    /**
     * Without a container health check or a load balancer a new task counts as healthy 40 s after RUNNING
     * (Developer Guide "Deploy Amazon ECS services by replacing tasks"): only then may an old one stop under
     * minimumHealthyPercent 100.
     */
    @Test
    void aNewTaskWithoutHealthCheckCountsHealthy40SecondsAfterRunning() {
        assertOldStopsAfterNewRuns("agent", Duration.ofSeconds(40));
    }

    /** With a container health check: once the first check passes, one interval (10 s here) after the start. */
    @Test
    void aNewTaskWithAHealthCheckCountsHealthyWhenItReportsHealthy() {
        assertOldStopsAfterNewRuns("checked", Duration.ofSeconds(10));
        TaskState fresh = newestTask("checked");
        assertEquals("HEALTHY", f.describe(fresh).healthStatusAsString());
        assertEquals("UNKNOWN", f.describe(f.liveTasks("agent").get(0)).healthStatusAsString(), "no check: UNKNOWN");
    }

    /**
     * Behind a load balancer: once the target group reports it healthy — ELB's defaults (API Reference
     * "CreateTargetGroup": interval 30 s, HealthyThresholdCount 5) taken at their harshest, 150 s.
     */
    @Test
    void aNewTaskBehindALoadBalancerCountsHealthyWhenItsTargetIsHealthy() {
        assertOldStopsAfterNewRuns("balanced", Duration.ofSeconds(150));
    }

    private void assertOldStopsAfterNewRuns(String service, Duration healthyAfter) {
        List<TaskState> old = f.liveTasks(service);
        f.ecs.updateService(b -> b.cluster(C).service(service).forceNewDeployment(true)
                .deploymentConfiguration(c -> c.minimumHealthyPercent(100).maximumPercent(150)));
        Instant running = null;
        for (int i = 0; i < 120 && running == null; i++) {
            f.advance(Duration.ofSeconds(1));
            running = firstNewRunningAt(service, old).orElse(null);
        }
        assertTrue(running != null, "a replacement reached RUNNING");
        advanceTo(running.plus(healthyAfter).minusSeconds(2));
        assertEquals(0, stoppingOf(old), service + ": no old task stops before the new one counts healthy");
        advanceTo(running.plus(healthyAfter).plusSeconds(2));
        assertTrue(stoppingOf(old) >= 1, service + ": an old task stops once the new one counts healthy");
    }

    /**
     * Service throttle logic (Developer Guide "Service throttle logic"): tasks that keep failing to reach RUNNING
     * are restarted with growing delays, up to 15 minutes, with the event "is unable to consistently start tasks
     * successfully."; a new task definition returns the service to normal at once.
     */
    @Test
    void tasksThatKeepFailingToStartAreRetriedWithGrowingDelaysUpTo15Minutes() {
        String bad = f.ecs.registerTaskDefinition(b -> b.family("agent").networkMode("awsvpc").cpu("1024").memory("2048")
                .requiresCompatibilitiesWithStrings("FARGATE")
                .containerDefinitions(c -> c.name("agent").image("agent:missing").stopTimeout(120)))
                .taskDefinition().taskDefinitionArn();
        f.sim.model().failLaunches(bad, "CannotPullContainerError: pull image manifest has been retried 5 time(s)");
        f.ecs.updateService(b -> b.cluster(C).service("agent").taskDefinition(bad));
        f.advance(Duration.ofHours(2));
        List<Instant> launches = f.sim.model().read(m -> f.service("agent").tasks().stream()
                .filter(t -> t.taskDefinitionArn().equals(bad)).map(TaskState::createdAt).distinct().sorted().toList());
        assertTrue(f.events("agent").stream().anyMatch(e -> e.equals("(service agent) is unable to consistently start tasks "
                + "successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.")));
        Duration longest = Duration.ZERO;
        for (int i = 1; i < launches.size(); i++) {
            Duration gap = Duration.between(launches.get(i - 1), launches.get(i));
            if (gap.compareTo(longest) > 0) longest = gap;
        }
        assertTrue(longest.compareTo(Duration.ofMinutes(15)) >= 0, "the delay grew to 15 min: " + longest);
        assertTrue(longest.compareTo(Duration.ofMinutes(16)) < 0, "and no further: " + longest);
        assertTrue(launches.size() < 40, "throttled: " + launches.size() + " launches in 2 h");

        String good = f.ecs.registerTaskDefinition(b -> b.family("agent").networkMode("awsvpc").cpu("1024").memory("2048")
                .requiresCompatibilitiesWithStrings("FARGATE").containerDefinitions(c -> c.name("agent").image("agent:2")
                        .stopTimeout(120))).taskDefinition().taskDefinitionArn();
        f.ecs.updateService(b -> b.cluster(C).service("agent").taskDefinition(good));
        f.advance(Duration.ofSeconds(1));
        assertTrue(f.describe("agent").pendingCount() > 0, "a new task definition ends the throttle at once");
    }

    /**
     * Scale-in takes an unprotected task from the AZ with the most of the service's tasks, then from the container
     * instance with the most (API Reference "UpdateService"), not the newest: here the newest task sits alone on
     * its instance, and the one stopped comes from the instance with two.
     */
    @Test
    void scaleInTakesFromTheBusiestZoneThenTheBusiestInstance() {
        Map<String, ContainerInstanceState> byId = new HashMap<>();
        f.sim.model().read(m -> {
            for (ContainerInstanceState ci : m.cluster(C).orElseThrow().instances().values()) byId.put(ci.arn(), ci);
            return null;
        });
        // One task per instance to start with; drain a second instance in zone a so that its task moves.
        Map<ContainerInstanceState, Long> before = perInstance();
        ContainerInstanceState a2 = byId.values().stream().filter(ci -> ci.availabilityZone().endsWith("a"))
                .skip(1).findFirst().orElseThrow();
        f.ecs.updateContainerInstancesState(b -> b.cluster(C).containerInstances(a2.arn()).status(ContainerInstanceStatus.DRAINING));
        f.advance(Duration.ofMinutes(3));
        f.ecs.updateContainerInstancesState(b -> b.cluster(C).containerInstances(a2.arn()).status(ContainerInstanceStatus.ACTIVE));
        f.ecs.updateService(b -> b.cluster(C).service("dialer").desiredCount(5)); // the fifth goes to the empty a2
        f.advance(Duration.ofMinutes(2));
        Map<ContainerInstanceState, Long> counts = perInstance();
        assertEquals(1L, counts.get(a2), "the newest task is alone on a2: " + counts + " (before " + before + ")");
        TaskState newest = newestTask("dialer");
        assertEquals(a2, newest.containerInstance());
        ContainerInstanceState doubled = counts.entrySet().stream().filter(e -> e.getValue() == 2).map(Map.Entry::getKey)
                .findFirst().orElseThrow();

        f.ecs.updateService(b -> b.cluster(C).service("dialer").desiredCount(4));
        f.advance(Duration.ofSeconds(2));
        List<TaskState> stopped = f.sim.model().read(m -> f.service("dialer").tasks().stream()
                .filter(t -> "STOPPED".equals(t.desiredStatus()) && t.stoppedAt() == null).toList());
        assertEquals(1, stopped.size());
        assertEquals(doubled, stopped.get(0).containerInstance(), "the instance with the most tasks, in the busiest AZ");
        assertNotEquals(newest, stopped.get(0), "not the newest");
    }

    /**
     * EC2 stopTimeout: the container's value, else the agent's ECS_CONTAINER_STOP_TIMEOUT (10m on these instances),
     * else 30 s (API Reference "ContainerDefinition", stopTimeout; amazon-ecs-agent README). A 9-minute call
     * outlives a StopTask on such a task.
     */
    @Test
    void onEc2TheAgentsStopTimeoutAppliesWhenTheContainerSetsNone() {
        TaskState t = f.liveTasks("dialer").get(0);
        assertEquals(Duration.ofMinutes(10), t.stopTimeout());
        f.call(t, Duration.ofMinutes(9));
        f.ecs.stopTask(b -> b.cluster(C).task(t.arn()));
        f.advance(Duration.ofMinutes(11));
        assertEquals(0, f.counts(t).cut(), "the call ended within the agent's 10 minutes");
        assertEquals(1, f.counts(t).endedNormally());
    }

    /** Fargate: stopTimeout "valid values for Fargate are 2-120 seconds"; RegisterTaskDefinition refuses more. */
    @Test
    void aFargateDefinitionWithStopTimeoutAbove120IsRefused() {
        ClientException e = assertThrows(ClientException.class, () -> f.ecs.registerTaskDefinition(b -> b.family("agent")
                .networkMode("awsvpc").cpu("1024").memory("2048").requiresCompatibilitiesWithStrings("FARGATE")
                .containerDefinitions(c -> c.name("agent").image("agent:2").stopTimeout(121))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("2-120"), e.getMessage());
        assertEquals(120, f.ecs.registerTaskDefinition(b -> b.family("agent").networkMode("awsvpc").cpu("1024").memory("2048")
                .requiresCompatibilitiesWithStrings("FARGATE").containerDefinitions(c -> c.name("agent").image("agent:2")
                        .stopTimeout(120))).taskDefinition().containerDefinitions().get(0).stopTimeout());
    }

    // ---------------------------------------------------------------- helpers

    private int stopping(String service) {
        return f.sim.model().read(m -> (int) f.service(service).tasks().stream()
                .filter(t -> "STOPPED".equals(t.desiredStatus()) && !"STOPPED".equals(t.lastStatus())).count());
    }

    private int stoppingOf(List<TaskState> tasks) {
        return f.sim.model().read(m -> (int) tasks.stream().filter(t -> "STOPPED".equals(t.desiredStatus())).count());
    }

    private int newRunning(String service) {
        Service s = f.describe(service);
        return s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).mapToInt(d -> d.runningCount()).sum();
    }

    private Optional<Instant> firstNewRunningAt(String service, List<TaskState> old) {
        return f.sim.model().read(m -> f.service(service).tasks().stream().filter(t -> !old.contains(t))
                .map(TaskState::startedAt).filter(java.util.Objects::nonNull).min(Instant::compareTo));
    }

    private TaskState newestTask(String service) {
        return f.sim.model().read(m -> f.service(service).tasks().stream().filter(t -> "RUNNING".equals(t.desiredStatus()))
                .max(java.util.Comparator.comparing(TaskState::createdAt)).orElseThrow());
    }

    private Map<ContainerInstanceState, Long> perInstance() {
        Map<ContainerInstanceState, Long> out = new HashMap<>();
        for (TaskState t : f.liveTasks("dialer")) out.merge(t.containerInstance(), 1L, Long::sum);
        return out;
    }

    private void advanceTo(Instant t) {
        Duration d = Duration.between(f.sim.clock().instant(), t);
        assertFalse(d.isNegative(), "already past " + t);
        f.advance(d);
    }
}
