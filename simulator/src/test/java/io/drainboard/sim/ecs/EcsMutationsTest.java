package io.drainboard.sim.ecs;

import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RegisterTaskDefinition, UpdateService validation and tagging, through the real EcsClient. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsMutationsTest {
    private static final String SVC = "arn:aws:ecs:us-east-1:123456789012:service/voice-prod/support-agent";
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
    void registersTheNextRevisionOfAFamily() {
        TaskDefinition td = ecs.registerTaskDefinition(b -> b.family("support-agent").cpu("2048").memory("4096")
                .networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE)
                .containerDefinitions(c -> c.name("agent").image("support-agent:next").stopTimeout(120))
                .tags(Tag.builder().key("team").value("voice").build())).taskDefinition();
        assertEquals(42, td.revision());
        assertEquals(120, td.containerDefinitions().get(0).stopTimeout());
        assertTrue(ecs.listTaskDefinitions(b -> b.familyPrefix("support-agent")).taskDefinitionArns().contains(td.taskDefinitionArn()));
        assertEquals("voice", ecs.listTagsForResource(b -> b.resourceArn(td.taskDefinitionArn())).tags().get(0).value());
        ClientException bridge = assertThrows(ClientException.class, () -> ecs.registerTaskDefinition(b -> b.family("x")
                .cpu("256").memory("512").requiresCompatibilities(Compatibility.FARGATE)
                .containerDefinitions(c -> c.name("x").image("x"))));
        assertEquals("Fargate only supports network mode \u2018awsvpc\u2019.", bridge.awsErrorDetails().errorMessage());
        assertThrows(ClientException.class, () -> ecs.registerTaskDefinition(b -> b.family("x")
                .containerDefinitions(c -> c.name("x"))));
    }

    @Test
    void updateServiceRefusesUnknownServicesAndTaskDefinitions() {
        assertThrows(ServiceNotFoundException.class, () -> ecs.updateService(b -> b.cluster("voice-prod").service("ghost").desiredCount(1)));
        ClientException e = assertThrows(ClientException.class, () -> ecs.updateService(b -> b.cluster("voice-prod")
                .service("support-agent").taskDefinition("nope:1")));
        assertEquals("TaskDefinition not found.", e.awsErrorDetails().errorMessage());
        ClientException lt = assertThrows(ClientException.class, () -> ecs.updateService(b -> b.cluster("voice-prod")
                .service("support-agent").taskDefinition("outbound-dialer:8")));
        assertEquals("Task definition does not support launch_type FARGATE.", lt.awsErrorDetails().errorMessage());
    }

    @Test
    void tagsAreKeptPerResourceAndShownWithIncludeTags() {
        ecs.tagResource(b -> b.resourceArn(SVC).tags(Tag.builder().key("owner").value("oncall").build(),
                Tag.builder().key("tier").value("1").build()));
        assertEquals(List.of("owner", "tier"), ecs.listTagsForResource(b -> b.resourceArn(SVC)).tags().stream().map(Tag::key).toList());
        assertEquals(2, ecs.describeServices(b -> b.cluster("voice-prod").services("support-agent").include(ServiceField.TAGS))
                .services().get(0).tags().size());
        ecs.untagResource(b -> b.resourceArn(SVC).tagKeys("tier"));
        assertEquals(1, ecs.listTagsForResource(b -> b.resourceArn(SVC)).tags().size());
        // ListTagsForResource has no ResourceNotFoundException among its errors; TagResource has.
        assertThrows(InvalidParameterException.class, () -> ecs.listTagsForResource(b -> b.resourceArn(SVC + "-ghost")));
        assertThrows(ResourceNotFoundException.class, () -> ecs.tagResource(b -> b.resourceArn(SVC + "-ghost")
                .tags(Tag.builder().key("k").value("v").build())));
    }
}
