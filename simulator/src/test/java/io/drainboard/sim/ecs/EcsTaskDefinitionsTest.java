package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsTaskDefinitionsTest {
    private static final String TD = "arn:aws:ecs:us-east-1:123456789012:task-definition/";
    @RegisterExtension
    static final EcsSimulator SIM = EcsSimulator.demo();
    private final Simulator sim = SIM.simulator();
    private final EcsClient ecs = SIM.ecs();

    @Test
    void describesByArnFamilyRevisionOrFamily() {
        for (String ref : List.of(TD + "support-agent:41", "support-agent:41", "support-agent")) {
            TaskDefinition td = ecs.describeTaskDefinition(b -> b.taskDefinition(ref)).taskDefinition();
            assertEquals(TD + "support-agent:41", td.taskDefinitionArn());
            assertEquals("support-agent", td.family());
            assertEquals(41, td.revision());
            assertEquals("ACTIVE", td.statusAsString());
            assertEquals("2048", td.cpu());
            assertEquals("4096", td.memory());
            assertEquals("awsvpc", td.networkModeAsString());
            assertEquals(List.of("FARGATE"), td.requiresCompatibilitiesAsStrings());
            assertEquals(List.of("EC2", "FARGATE"), td.compatibilitiesAsStrings());
            ContainerDefinition c = td.containerDefinitions().get(0);
            assertEquals("agent", c.name());
            assertEquals("123456789012.dkr.ecr.us-east-1.amazonaws.com/support-agent:2026.11.20", c.image());
            assertTrue(c.essential());
            assertEquals(120, c.stopTimeout());
        }
    }

    @Test
    void stopTimeoutIsAbsentWhenUnset() throws Exception {
        ContainerDefinition c = ecs.describeTaskDefinition(b -> b.taskDefinition("sales-agent:17"))
                .taskDefinition().containerDefinitions().get(0);
        assertNull(c.stopTimeout());
        JsonNode raw = EcsTestSupport.post(sim, "DescribeTaskDefinition", "{\"taskDefinition\":\"sales-agent\"}").body();
        JsonNode container = raw.path("taskDefinition").path("containerDefinitions").get(0);
        assertEquals("agent", container.get("name").asText());
        assertFalse(container.has("stopTimeout"));
        JsonNode dialer = EcsTestSupport.post(sim, "DescribeTaskDefinition", "{\"taskDefinition\":\"outbound-dialer\"}").body();
        assertEquals(900, dialer.path("taskDefinition").path("containerDefinitions").get(0).get("stopTimeout").asInt());
        assertEquals("bridge", dialer.path("taskDefinition").get("networkMode").asText());
    }

    @Test
    void unknownTaskDefinitionIsAClientException() {
        for (String ref : List.of("ghost", "support-agent:40", TD + "ghost:1")) {
            ClientException e = assertThrows(ClientException.class, () -> ecs.describeTaskDefinition(b -> b.taskDefinition(ref)));
            assertEquals("Unable to describe task definition.", e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void listsTaskDefinitionsByFamilyThenRevision() {
        List<String> asc = ecs.listTaskDefinitions().taskDefinitionArns();
        assertEquals(List.of(TD + "outbound-dialer:8", TD + "sales-agent:17", TD + "support-agent:41",
                TD + "support-agent-staging:52", TD + "transcriber:3"), asc);
        List<String> desc = new ArrayList<>(asc);
        Collections.reverse(desc);
        assertEquals(desc, ecs.listTaskDefinitions(b -> b.sort(SortOrder.DESC)).taskDefinitionArns());
        assertEquals(List.of(TD + "support-agent:41"),
                ecs.listTaskDefinitions(b -> b.familyPrefix("support-agent")).taskDefinitionArns());
        assertEquals(5, ecs.listTaskDefinitionsPaginator(b -> b.maxResults(2)).taskDefinitionArns().stream().count());
    }
}
