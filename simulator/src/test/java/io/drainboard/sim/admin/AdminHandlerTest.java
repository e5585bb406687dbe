package io.drainboard.sim.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.SimClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin endpoint over plain HTTP, its effects seen through the real SDK and the model. */
class AdminHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Simulator sim;
    private EcsClient ecs;

    @BeforeEach
    void start() {
        sim = SimClients.virtualTestScenario("small-fleet");
        ecs = SimClients.ecs(sim);
    }

    @AfterEach
    void stop() {
        ecs.close();
        sim.close();
    }

    private JsonNode get(String path) throws Exception {
        SimClients.Reply r = SimClients.get(sim, path);
        assertEquals(200, r.status(), r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode post(String path, String body, int status) throws Exception {
        SimClients.Reply r = SimClients.post(sim, path, body);
        assertEquals(status, r.status(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void groundTruthHasTotalsServicesAndOnRequestTasks() throws Exception {
        JsonNode g = get("/admin/ground-truth");
        assertEquals(sim.groundTruth().callsActive(), g.get("totals").get("callsActive").asLong());
        assertEquals(2, g.get("services").size());
        JsonNode agent = g.get("services").get(0);
        assertEquals("agent", agent.get("service").asText());
        assertEquals(4, agent.get("desiredCount").asInt());
        assertTrue(agent.get("tasks") == null);
        JsonNode withTasks = get("/admin/ground-truth?tasks=true");
        JsonNode task = withTasks.get("services").get(0).get("tasks").get(0);
        assertEquals(sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks().get(0).id()),
                task.get("taskId").asText());
        assertEquals("SERVING", task.get("worker").asText());
    }

    @Test
    void faultsAreSetSeenByTheSdkAndCleared() throws Exception {
        post("/admin/faults", "{\"key\":\"ecs:ListClusters\",\"throttleRate\":1}", 200);
        assertEquals(1.0, get("/admin/faults").get("ecs:ListClusters").get("throttleRate").asDouble());
        EcsException e = assertThrows(EcsException.class, () -> ecs.listClusters());
        assertTrue(e.isThrottlingException());
        post("/admin/faults", "[{\"key\":\"ecs:DescribeClusters\",\"serverErrorRate\":1}]", 200);
        EcsException five = assertThrows(EcsException.class, () -> ecs.describeClusters(b -> b.clusters("voice")));
        assertEquals(500, five.statusCode());
        assertEquals(200, SimClients.delete(sim, "/admin/faults").status());
        assertEquals(1, ecs.listClusters().clusterArns().size());
    }

    @Test
    void latencyFaultDelaysTheAnswer() throws Exception {
        post("/admin/faults", "{\"key\":\"ecs:ListClusters\",\"latencyMs\":300}", 200);
        long t0 = System.nanoTime();
        ecs.listClusters();
        assertTrue(System.nanoTime() - t0 >= 300_000_000L);
    }

    @Test
    void badFaultsAreRefusedWithAHint() throws Exception {
        JsonNode e = post("/admin/faults", "{\"throttleRate\":1}", 400);
        assertTrue(e.get("error").asText().contains("service:Operation"));
        assertTrue(post("/admin/faults", "{\"key\":\"*\",\"throttleRate\":2}", 400).get("error").asText().contains("between 0 and 1"));
    }

    @Test
    void clockAdvancesPausesAndRuns() throws Exception {
        Instant t0 = sim.clock().instant();
        JsonNode c = post("/admin/clock/advance?seconds=90", "", 200);
        assertEquals(t0.plusSeconds(90).toString(), c.get("now").asText());
        assertEquals(8.0, post("/admin/clock/speed?factor=8", "", 200).get("factor").asDouble());
        assertEquals(0.0, post("/admin/clock/pause", "", 200).get("factor").asDouble());
        assertTrue(post("/admin/clock/speed?factor=-1", "", 400).get("error").asText().contains("above 0"));
    }

    @Test
    void requestCountsAndThrottlingSwitch() throws Exception {
        ecs.listClusters();
        ecs.listClusters();
        assertEquals(2, get("/admin/requests").get("ecs:ListClusters").asLong());
        assertEquals(200, SimClients.delete(sim, "/admin/requests").status());
        assertTrue(get("/admin/requests").isEmpty());
        assertTrue(post("/admin/throttling?enabled=true", "", 200).get("enabled").asBoolean());
        assertTrue(sim.throttling().enabled());
        post("/admin/throttling?enabled=maybe", "", 400);
    }

    @Test
    void asgScaleInThroughAdmin() throws Exception {
        long cut = sim.groundTruth().callsCut();
        JsonNode r = post("/admin/asg/scale-in?group=voice-asg", "", 200);
        assertTrue(r.get("instanceId").asText().startsWith("i-"));
        assertEquals(cut + r.get("callsCut").asLong(), sim.groundTruth().callsCut());
        assertTrue(post("/admin/asg/scale-in?group=nope", "", 400).get("error").asText().contains("<cluster>-asg"));
        JsonNode hook = post("/admin/asg/lifecycle-hook?group=voice-asg&name=drain&heartbeatSeconds=300", "", 200);
        assertEquals(30000, hook.get("globalTimeoutSeconds").asLong());
    }

    @Test
    void unknownRouteIs404() throws Exception {
        assertEquals(404, SimClients.get(sim, "/admin/nothing").status());
        sim.advance(Duration.ofMinutes(1));
    }
}
