package io.drainboard.aws;

import io.drainboard.SimClients;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * registerCopy registers an exact copy: DescribeTaskDefinition (with TAGS) of the old and the new revision agree on
 * every member but those ECS sets itself per revision (ARN, revision, registeredAt). The definition sets nearly every
 * member RegisterTaskDefinition has (ECS API Reference "RegisterTaskDefinition").
 */
class RegisterCopyTest {
    private static final Set<String> PER_REVISION = Set.of("taskDefinitionArn", "revision", "registeredAt");

    @Test
    void theCopyHasEveryMemberAndTagOfTheOriginal() {
        try (Simulator sim = Simulator.start(Simulator.Options.virtual("demo")); EcsClient ecs = SimClients.ecs(sim)) {
            String old = ecs.registerTaskDefinition(b -> b.family("agent-full")
                    .taskRoleArn("arn:aws:iam::123456789012:role/agent-task")
                    .executionRoleArn("arn:aws:iam::123456789012:role/ecsTaskExecutionRole")
                    .networkMode("awsvpc").cpu("1024").memory("2048").requiresCompatibilitiesWithStrings("EC2")
                    .pidMode("task").ipcMode("none")
                    .placementConstraints(p -> p.type("memberOf").expression("attribute:ecs.instance-type =~ c6i.*"))
                    .volumes(v -> v.name("scratch").host(h -> h.sourcePath("/tmp/scratch")))
                    .proxyConfiguration(p -> p.containerName("agent").type("APPMESH")
                            .properties(kv -> kv.name("IgnoredUID").value("1337")))
                    .runtimePlatform(r -> r.cpuArchitecture("X86_64").operatingSystemFamily("LINUX"))
                    .containerDefinitions(c -> c.name("agent").image("123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:9")
                            .cpu(512).memory(1024).memoryReservation(512).stopTimeout(120)
                            .portMappings(pm -> pm.containerPort(8081))
                            .environment(kv -> kv.name("LIVEKIT_URL").value("wss://example.livekit.cloud"))
                            .secrets(s -> s.name("LIVEKIT_API_SECRET").valueFrom("arn:aws:secretsmanager:us-east-1:123456789012:secret:lk"))
                            .logConfiguration(l -> l.logDriver("awslogs").options(Map.of("awslogs-group", "/ecs/agent")))
                            .healthCheck(h -> h.command("CMD-SHELL", "curl -f http://localhost:8081/ || exit 1").interval(30))
                            .dockerLabels(Map.of("team", "voice")).command("python", "agent.py", "start"),
                            c -> c.name("envoy").image("public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29").memory(256).essential(false))
                    .tags(t -> t.key("team").value("voice"), t -> t.key("cost-center").value("42")))
                    .taskDefinition().taskDefinitionArn();

            String copy = new ServiceDeployGateway(ecs).registerCopy(old).arn();

            assertNotEquals(old, copy);
            DescribeTaskDefinitionResponse a = ecs.describeTaskDefinition(b -> b.taskDefinition(old).include(TaskDefinitionField.TAGS));
            DescribeTaskDefinitionResponse b = ecs.describeTaskDefinition(r -> r.taskDefinition(copy).include(TaskDefinitionField.TAGS));
            int compared = 0;
            for (SdkField<?> f : a.taskDefinition().sdkFields()) {
                if (PER_REVISION.contains(f.memberName())) continue;
                assertEquals(f.getValueOrDefault(a.taskDefinition()), f.getValueOrDefault(b.taskDefinition()), f.memberName());
                compared++;
            }
            assertTrue(compared > 15, "compared " + compared + " members");
            assertEquals(a.tags(), b.tags(), "tags copied");
            assertEquals(2, b.tags().size());
            TaskDefinition t = b.taskDefinition();
            assertEquals(List.of("LIVEKIT_URL"), t.containerDefinitions().get(0).environment().stream().map(kv -> kv.name()).toList());
            assertEquals("task", t.pidModeAsString());
        }
    }
}
