package io.drainboard.sim.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.http.Scope;
import io.drainboard.sim.http.SimClients;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ECS agent's task-protection endpoint per task, over plain HTTP as a worker calls it: the bodies, statuses,
 * failures and errors of the Developer Guide's "Task scale-in protection endpoint" and the agent's handler, with
 * UpdateTaskProtection's rules behind it.
 */
class TaskProtectionEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Simulator sim;

    @BeforeEach
    void start() {
        sim = SimClients.virtualTestScenario("small-fleet");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private List<TaskState> tasks() {
        return sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks());
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer call(String method, TaskState t, String body) throws Exception {
        return call(method, sim.agentUri(t.arn()) + "/task-protection/v1/state", body);
    }

    private Answer call(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        SimClients.Reply r = SimClients.send(sim, b.build());
        return new Answer(r.status(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }

    @Test
    void putProtectsForTheGivenMinutesAndGetReadsItBack() throws Exception {
        TaskState t = tasks().get(0);
        Instant now = sim.clock().instant();
        Answer put = call("PUT", t, "{\"ProtectionEnabled\":true,\"ExpiresInMinutes\":60}");
        assertEquals(200, put.status());
        JsonNode p = put.body().get("protection");
        assertTrue(p.get("ProtectionEnabled").asBoolean());
        assertEquals(t.arn(), p.get("TaskArn").asText());
        assertEquals(now.plus(Duration.ofMinutes(60)), Instant.parse(p.get("ExpirationDate").asText()));
        assertEquals(now.plus(Duration.ofMinutes(60)), sim.model().read(m -> t.protectionExpiresAt()));
        Answer get = call("GET", t, null);
        assertEquals(put.body(), get.body());
        assertEquals(1, sim.requests().count(new Scope(sim.account(), sim.region()), "ecs", "UpdateTaskProtection"),
                "the agent's call is ECS's, in the task's account and region");
        assertEquals(1, sim.requests().count(new Scope(sim.account(), sim.region()), "ecs", "GetTaskProtection"));
    }

    @Test
    void withoutExpiresInMinutesTheDefaultIsTwoHoursAndFalseReleases() throws Exception {
        TaskState t = tasks().get(1);
        Instant now = sim.clock().instant();
        Answer put = call("PUT", t, "{\"ProtectionEnabled\":true}");
        assertEquals(now.plus(Duration.ofMinutes(120)), Instant.parse(put.body().get("protection").get("ExpirationDate").asText()));
        Answer off = call("PUT", t, "{\"protectionEnabled\":false}"); // Go's decoder matches names case-insensitively
        assertEquals(200, off.status());
        assertFalse(off.body().get("protection").get("ProtectionEnabled").asBoolean());
        assertTrue(off.body().get("protection").get("ExpirationDate").isNull(), "null when not protected: " + off.body());
    }

    @Test
    void badRequestsAreTheAgentsInvalidParameterErrors() throws Exception {
        TaskState t = tasks().get(0);
        Answer missing = call("PUT", t, "{\"ExpiresInMinutes\":60}");
        assertEquals(400, missing.status());
        assertEquals("InvalidParameterException", missing.body().get("error").get("Code").asText());
        assertEquals("Invalid request: does not contain 'ProtectionEnabled' field", missing.body().get("error").get("Message").asText());
        assertEquals(t.arn(), missing.body().get("error").get("Arn").asText());
        for (String bad : List.of("", "not json", "{\"ProtectionEnabled\":\"yes\"}", "{\"ProtectionEnabled\":true,\"Minutes\":5}",
                "{\"ProtectionEnabled\":true,\"ExpiresInMinutes\":1.5}")) {
            Answer a = call("PUT", t, bad);
            assertEquals(400, a.status(), bad);
            assertEquals("UpdateTaskProtection: failed to decode request", a.body().get("error").get("Message").asText(), bad);
        }
        Answer tooLong = call("PUT", t, "{\"ProtectionEnabled\":true,\"ExpiresInMinutes\":2881}");
        assertEquals(400, tooLong.status(), "ECS refuses it, the agent passes the error on");
        assertEquals("InvalidParameterException", tooLong.body().get("error").get("Code").asText());
        assertTrue(tooLong.body().has("requestID"), "an error from ECS carries its request id");
        assertEquals(404, call("GET", sim.endpoint() + "/api/0123456789abcdef0123456789abcdef/task-protection/v1/state", null).status());
        assertEquals("ResourceNotFoundException", call("GET", sim.endpoint()
                + "/api/0123456789abcdef0123456789abcdef/task-protection/v1/state", null).body().get("error").get("Code").asText());
    }

    @Test
    void failuresAreTwoHundredWithTheReason() throws Exception {
        TaskState standalone = sim.model().read(m -> m.addStandaloneTask(m.cluster("voice").orElseThrow(),
                tasks().get(0).taskDefinitionArn(), "FARGATE", null));
        Answer a = call("PUT", standalone, "{\"ProtectionEnabled\":true}");
        assertEquals(200, a.status());
        assertEquals("TASK_NOT_VALID", a.body().get("failure").get("Reason").asText());
        assertEquals(standalone.arn(), a.body().get("failure").get("Arn").asText());
        assertTrue(a.body().get("failure").has("Detail"));
        // More protected tasks than desired: the rule UpdateTaskProtection applies, whoever calls it.
        List<TaskState> live = tasks().stream().filter(x -> "RUNNING".equals(x.desiredStatus())).toList();
        for (TaskState t : live) assertEquals(200, call("PUT", t, "{\"ProtectionEnabled\":true}").status());
        sim.model().read(m -> {
            m.setDesiredCount(m.cluster("voice").orElseThrow().services().get("agent"), live.size() / 2);
            return null;
        });
        Answer r = call("PUT", live.get(0), "{\"ProtectionEnabled\":true}");
        assertEquals(200, r.status());
        assertEquals("DEPLOYMENT_BLOCKED", r.body().get("failure").get("Reason").asText(), r.body().toString());
    }

    @Test
    void throttlingAndTimeoutsAreTheAgentsErrors() throws Exception {
        TaskState t = tasks().get(0);
        sim.faults().set("ecs:UpdateTaskProtection", new Faults.Rule(1, 0, 0, Duration.ZERO));
        Answer throttled = call("PUT", t, "{\"ProtectionEnabled\":true}");
        assertEquals(400, throttled.status());
        assertEquals("ThrottlingException", throttled.body().get("error").get("Code").asText());
        assertEquals("Rate exceeded", throttled.body().get("error").get("Message").asText());
        assertTrue(throttled.body().has("requestID"));
        sim.faults().clear();
        sim.faults().set("agent:GetTaskProtection", new Faults.Rule(0, 1, 0, Duration.ZERO));
        Answer timedOut = call("GET", t, null);
        assertEquals(504, timedOut.status());
        assertEquals("RequestCanceled", timedOut.body().get("error").get("Code").asText());
        assertFalse(timedOut.body().has("requestID"), "the call never reached ECS");
        assertTrue(sim.model().<Boolean>read(m -> t.protectionExpiresAt() == null), "nothing changed");
    }
}
