package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bytes themselves: timestamp encoding, omitted members, error bodies. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsWireTest {
    private Simulator sim;

    @BeforeAll
    void start() {
        sim = EcsTestSupport.startTestScenario("ecs-paging");
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    @Test
    void timestampsAreEpochSecondsWithMillisecondFraction() throws Exception {
        String arn = EcsTestSupport.post(sim, "ListTasks", "{\"cluster\":\"big\",\"maxResults\":1}").body()
                .path("taskArns").get(0).asText();
        EcsTestSupport.Raw raw = EcsTestSupport.post(sim, "DescribeTasks", "{\"cluster\":\"big\",\"tasks\":[\"" + arn + "\"]}");
        JsonNode task = raw.body().path("tasks").get(0);
        TaskState model = sim.model().read(m -> m.task(arn).orElseThrow());
        JsonNode startedAt = task.get("startedAt");
        assertTrue(startedAt.isNumber());
        BigDecimal seconds = startedAt.decimalValue();
        assertEquals(model.startedAt(), Instant.ofEpochMilli(seconds.movePointRight(3).longValueExact()));
        // On the wire: "startedAt":1772366340.123 — a JSON number, exact to the millisecond.
        assertTrue(Pattern.compile("\"startedAt\":\\d{10}\\.123[,}]").matcher(raw.text()).find(), raw.text());
        assertFalse(task.has("stoppedAt"));
        assertFalse(task.has("stopCode"));
        assertFalse(task.has("stoppedReason"));
        assertFalse(task.has("containerInstanceArn"));
        assertEquals(90, EcsTestSupport.post(sim, "DescribeTaskDefinition", "{\"taskDefinition\":\"crowd:3\"}").body()
                .path("taskDefinition").path("containerDefinitions").get(0).get("stopTimeout").asInt());
    }

    @Test
    void lastPageHasNoNextTokenMember() throws Exception {
        JsonNode body = EcsTestSupport.post(sim, "ListClusters", "{}").body();
        assertEquals(2, body.get("clusterArns").size());
        assertFalse(body.has("nextToken"));
    }

    @Test
    void errorsAreAwsJsonErrors() throws Exception {
        EcsTestSupport.Raw unknown = EcsTestSupport.post(sim, "FlyToTheMoon", "{}");
        assertEquals(400, unknown.status());
        assertEquals("UnknownOperationException", unknown.body().get("__type").asText());
        EcsTestSupport.Raw noCluster = EcsTestSupport.post(sim, "ListTasks", "{\"cluster\":\"nope\"}");
        assertEquals(400, noCluster.status());
        assertEquals("ClusterNotFoundException", noCluster.body().get("__type").asText());
        assertEquals("Cluster not found.", noCluster.body().get("message").asText());
    }
}
