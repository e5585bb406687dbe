package io.drainboard.sim.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Deployment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment circuit breaker (API Reference "DeploymentCircuitBreaker", "ThresholdConfiguration",
 * "Deployment" failedTasks; Developer Guide "How the Amazon ECS deployment circuit breaker detects failures"):
 * stage 1 counts tasks that never reach RUNNING and "once a service deployment has one or more successfully
 * running tasks, the failed task count resets to zero"; stage 2 counts health-check failures; resetOnHealthyTask
 * and thresholdConfiguration as documented. SDK 2.41 has no members for the last two, so those go as raw awsJson,
 * as a newer client sends them.
 */
class CircuitBreakerTest extends FleetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    Fleet fleet() {
        return new Fleet("rules");
    }

    private String newRevision(String family) {
        return f.ecs.registerTaskDefinition(b -> b.family(family).networkMode("awsvpc").cpu("1024").memory("2048")
                .requiresCompatibilitiesWithStrings("FARGATE").containerDefinitions(c -> c.name("agent").image("agent:2")
                        .stopTimeout(120).healthCheck(h -> h.command("CMD-SHELL", "curl -f localhost:8081/").interval(10).retries(3))))
                .taskDefinition().taskDefinitionArn();
    }

    private Deployment primary(String service) {
        return f.describe(service).deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElseThrow();
    }

    /** Stage 2: tasks that fail their container health checks are replaced and counted; at 3 the deployment fails. */
    @Test
    void healthCheckFailuresTripTheBreakerAndRollBack() {
        f.ecs.updateService(b -> b.cluster(C).service("checked")
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(cb -> cb.enable(true).rollback(true))));
        String bad = newRevision("checked");
        f.sim.model().failHealthChecks(bad, true);
        f.ecs.updateService(b -> b.cluster(C).service("checked").taskDefinition(bad));
        f.advance(Duration.ofMinutes(5));
        List<TaskState> failed = f.sim.model().read(m -> f.service("checked").tasks().stream()
                .filter(t -> t.taskDefinitionArn().equals(bad) && "Task failed container health checks".equals(t.stoppedReason()))
                .toList());
        assertTrue(failed.size() >= 3, "replaced for failing health checks: " + failed.size());
        assertEquals("ServiceSchedulerInitiated", failed.get(0).stopCode());
        assertTrue(f.events("checked").stream().anyMatch(e -> e.contains("deployment failed: tasks failed health checks.")),
                f.events("checked").toString());
        assertTrue(f.events("checked").stream().anyMatch(e -> e.contains("rolling back to deployment")));
        assertTrue(!bad.equals(f.describe("checked").taskDefinition()), "rolled back to the last completed revision");
    }

    /** Stage 1 ends with the first RUNNING task: "the failed task count resets to zero". */
    @Test
    void theLaunchFailureCountResetsOnceATaskRuns() {
        f.ecs.updateService(b -> b.cluster(C).service("agent").deploymentConfiguration(c -> c.maximumPercent(125)
                .deploymentCircuitBreaker(cb -> cb.enable(true).rollback(false))));
        String bad = f.ecs.registerTaskDefinition(b -> b.family("agent").networkMode("awsvpc").cpu("1024").memory("2048")
                .requiresCompatibilitiesWithStrings("FARGATE").containerDefinitions(c -> c.name("agent").image("agent:2")
                        .stopTimeout(120))).taskDefinition().taskDefinitionArn();
        f.sim.model().failLaunches(bad, "CannotPullContainerError: registry unavailable");
        f.ecs.updateService(b -> b.cluster(C).service("agent").taskDefinition(bad));
        for (int i = 0; i < 120 && primary("agent").failedTasks() < 2; i++) f.advance(Duration.ofSeconds(5));
        assertEquals(2, primary("agent").failedTasks());
        f.sim.model().failLaunches(bad, null); // the registry is back
        f.advance(Duration.ofMinutes(3));
        assertEquals(0, primary("agent").failedTasks(), "reset when a task reached RUNNING");
        assertTrue(!"FAILED".equals(primary("agent").rolloutStateAsString()), "not failed");
    }

    /**
     * thresholdConfiguration COUNT: the deployment fails at exactly that many failures; and resetOnHealthyTask
     * false keeps the count when a task becomes healthy (true, the default, resets it).
     */
    @Test
    void thresholdConfigurationAndResetOnHealthyTaskAsANewerClientSendsThem() throws Exception {
        for (boolean reset : new boolean[] {true, false}) {
            JsonNode updated = post("UpdateService", "{\"cluster\":\"voice\",\"service\":\"checked\",\"deploymentConfiguration\":"
                    + "{\"maximumPercent\":200,\"minimumHealthyPercent\":100,\"deploymentCircuitBreaker\":{\"enable\":true,"
                    + "\"rollback\":false,\"resetOnHealthyTask\":" + reset + ",\"thresholdConfiguration\":{\"type\":\"COUNT\","
                    + "\"value\":5}}}}");
            JsonNode cb = updated.path("service").path("deploymentConfiguration").path("deploymentCircuitBreaker");
            assertEquals(reset, cb.path("resetOnHealthyTask").asBoolean());
            assertEquals("COUNT", cb.path("thresholdConfiguration").path("type").asText());
            assertEquals(5, cb.path("thresholdConfiguration").path("value").asInt());

            String rev = newRevision("checked");
            f.sim.model().failHealthChecks(rev, true);
            f.ecs.updateService(b -> b.cluster(C).service("checked").taskDefinition(rev));
            for (int i = 0; i < 200 && primary("checked").failedTasks() < 4; i++) f.advance(Duration.ofSeconds(5));
            assertEquals(4, primary("checked").failedTasks());
            assertEquals("IN_PROGRESS", primary("checked").rolloutStateAsString(), "COUNT 5: four failures are not enough");
            f.sim.model().failHealthChecks(rev, false); // the next tasks pass their checks
            f.advance(Duration.ofMinutes(3));
            Deployment d = primary("checked");
            assertEquals("COMPLETED", d.rolloutStateAsString());
            assertEquals(reset ? 0 : 4, d.failedTasks(), "resetOnHealthyTask=" + reset);
        }
    }

    private JsonNode post(String operation, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(f.sim.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
