package io.drainboard.sim.ecs;

import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RegisterTaskDefinition / DescribeTaskDefinition give back every member a client sent (API Reference
 * "RegisterTaskDefinition", "TaskDefinition", "ContainerDefinition"), validate as ECS does, and the revision
 * lifecycle (DeregisterTaskDefinition, DeleteTaskDefinitions, ListTaskDefinitionFamilies) works as documented.
 */
class EcsTaskDefinitionRoundTripTest {
    private Simulator sim;
    private EcsClient ecs;

    @BeforeEach
    void start() {
        sim = EcsTestSupport.start("demo");
        ecs = EcsTestSupport.client(sim);
    }

    @AfterEach
    void stop() {
        ecs.close();
        sim.close();
    }

    /** A definition that sets nearly every member RegisterTaskDefinition has. */
    static RegisterTaskDefinitionRequest everything(String family) {
        return RegisterTaskDefinitionRequest.builder().family(family)
                .taskRoleArn("arn:aws:iam::123456789012:role/agent-task")
                .executionRoleArn("arn:aws:iam::123456789012:role/ecsTaskExecutionRole")
                .networkMode("awsvpc").cpu("1024").memory("2048")
                .requiresCompatibilitiesWithStrings("EC2")
                .pidMode("task").ipcMode("none")
                .placementConstraints(p -> p.type("memberOf").expression("attribute:ecs.instance-type =~ c6i.*"))
                .volumes(v -> v.name("scratch").host(h -> h.sourcePath("/tmp/scratch")))
                .proxyConfiguration(p -> p.containerName("agent").type("APPMESH")
                        .properties(kv -> kv.name("IgnoredUID").value("1337"), kv -> kv.name("ProxyIngressPort").value("15000")))
                .runtimePlatform(r -> r.cpuArchitecture("X86_64").operatingSystemFamily("LINUX"))
                .containerDefinitions(c -> c.name("agent").image("123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:9")
                        .cpu(512).memory(1024).memoryReservation(512).essential(true).stopTimeout(120)
                        .portMappings(pm -> pm.containerPort(8081).hostPort(8081).protocol("tcp"))
                        .environment(kv -> kv.name("LIVEKIT_URL").value("wss://example.livekit.cloud"),
                                kv -> kv.name("DRAIN_TIMEOUT").value("3600"))
                        .secrets(s -> s.name("LIVEKIT_API_SECRET").valueFrom("arn:aws:secretsmanager:us-east-1:123456789012:secret:lk"))
                        .logConfiguration(l -> l.logDriver("awslogs").options(Map.of("awslogs-group", "/ecs/agent",
                                "awslogs-region", "us-east-1", "awslogs-stream-prefix", "agent")))
                        .healthCheck(h -> h.command("CMD-SHELL", "curl -f http://localhost:8081/ || exit 1").interval(30)
                                .timeout(5).retries(3).startPeriod(60))
                        .ulimits(u -> u.name("NOFILE").softLimit(65536).hardLimit(65536))
                        .dockerLabels(Map.of("team", "voice"))
                        .command("python", "agent.py", "start").entryPoint("/usr/bin/tini", "--")
                        .workingDirectory("/app").user("1000"),
                        c -> c.name("envoy").image("public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29").memory(256).essential(false)
                                .portMappings(pm -> pm.containerPort(9901)))
                .tags(t -> t.key("team").value("voice"), t -> t.key("cost-center").value("42"))
                .build();
    }

    @Test
    void everyMemberSentComesBack() {
        RegisterTaskDefinitionRequest sent = everything("agent-full");
        TaskDefinition registered = ecs.registerTaskDefinition(sent).taskDefinition();
        DescribeTaskDefinitionResponse described = ecs.describeTaskDefinition(b -> b.taskDefinition(registered.taskDefinitionArn())
                .include(TaskDefinitionField.TAGS));
        for (TaskDefinition td : List.of(registered, described.taskDefinition())) {
            assertSameMembers(sent, td, "containerDefinitions", "tags");
            assertEquals(sent.containerDefinitions().size(), td.containerDefinitions().size());
            assertSameMembers(sent.containerDefinitions().get(0), td.containerDefinitions().get(0));
            assertSameMembers(sent.containerDefinitions().get(1), td.containerDefinitions().get(1), "portMappings");
        }
        assertEquals(sent.tags(), described.tags());
        TaskDefinition td = described.taskDefinition();
        assertEquals(TaskDefinitionStatus.ACTIVE, td.status());
        assertEquals("arn:aws:iam::123456789012:root", td.registeredBy());
        assertEquals(List.of(), td.containerDefinitions().get(1).environment(), "defaults ECS fills in");
        assertEquals("tcp", td.containerDefinitions().get(1).portMappings().get(0).protocolAsString(), "ECS fills in tcp");
        assertEquals(9901, td.containerDefinitions().get(1).portMappings().get(0).hostPort(), "awsvpc: hostPort = containerPort");
    }

    /** Each member of {@code sent} that is set equals the member of the same name in {@code got}. */
    static void assertSameMembers(SdkPojo sent, SdkPojo got, String... skip) {
        Map<String, SdkField<?>> gotFields = new java.util.HashMap<>();
        for (SdkField<?> f : got.sdkFields()) gotFields.put(f.memberName(), f);
        int compared = 0;
        for (SdkField<?> f : sent.sdkFields()) {
            if (List.of(skip).contains(f.memberName())) continue;
            Object v = f.getValueOrDefault(sent);
            if (v == null || v instanceof SdkAutoConstructList || v instanceof SdkAutoConstructMap) continue;
            SdkField<?> g = gotFields.get(f.memberName());
            assertTrue(g != null, "no member " + f.memberName() + " in " + got.getClass().getSimpleName());
            assertEquals(v, g.getValueOrDefault(got), f.memberName());
            compared++;
        }
        assertTrue(compared >= 3, "compared " + compared + " members");
    }

    @Test
    void anEc2ContainerWithoutMemoryOrReservationIsRefused() {
        ClientException e = assertThrows(ClientException.class, () -> ecs.registerTaskDefinition(b -> b.family("nomem")
                .containerDefinitions(c -> c.name("agent").image("agent:1"))));
        assertEquals("Invalid setting for container 'agent'. At least one of 'memory' or 'memoryReservation' must be specified.",
                e.awsErrorDetails().errorMessage());
        // A task-level memory (or the container's reservation) is enough.
        ecs.registerTaskDefinition(b -> b.family("nomem").memory("512").containerDefinitions(c -> c.name("agent").image("agent:1")));
        ecs.registerTaskDefinition(b -> b.family("nomem").containerDefinitions(c -> c.name("agent").image("agent:1").memoryReservation(256)));
    }

    @Test
    void fargateRefusesPidModeHostIpcModeAndStopTimeoutsOver120() {
        Consumer<RegisterTaskDefinitionRequest.Builder> fargate = b -> b.family("fg").networkMode("awsvpc").cpu("256")
                .memory("512").requiresCompatibilitiesWithStrings("FARGATE");
        assertThrows(ClientException.class, () -> ecs.registerTaskDefinition(b -> {
            fargate.accept(b);
            b.pidMode("host").containerDefinitions(c -> c.name("a").image("a:1"));
        }));
        assertThrows(ClientException.class, () -> ecs.registerTaskDefinition(b -> {
            fargate.accept(b);
            b.ipcMode("task").containerDefinitions(c -> c.name("a").image("a:1"));
        }));
        assertThrows(ClientException.class, () -> ecs.registerTaskDefinition(b -> {
            fargate.accept(b);
            b.containerDefinitions(c -> c.name("a").image("a:1").stopTimeout(900));
        }));
        ecs.registerTaskDefinition(b -> {
            fargate.accept(b);
            b.pidMode("task").containerDefinitions(c -> c.name("a").image("a:1").stopTimeout(120));
        });
    }

    @Test
    void healthCheckRangesAreEnforced() {
        ClientException e = assertThrows(ClientException.class, () -> ecs.registerTaskDefinition(b -> b.family("hc").memory("512")
                .containerDefinitions(c -> c.name("a").image("a:1").healthCheck(h -> h.command("CMD", "true").interval(2)))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("interval"), e.getMessage());
    }

    @Test
    void deregisterThenDeleteMovesARevisionThroughItsStatuses() {
        String arn = ecs.registerTaskDefinition(everything("short-lived")).taskDefinition().taskDefinitionArn();
        ClientException active = assertThrows(ClientException.class, () -> ecs.deregisterTaskDefinition(b -> b.taskDefinition("short-lived")));
        assertTrue(active.awsErrorDetails().errorMessage().contains("revision"), active.getMessage());
        var failures = ecs.deleteTaskDefinitions(b -> b.taskDefinitions(arn)).failures();
        assertEquals(1, failures.size(), "an ACTIVE revision cannot be deleted");
        TaskDefinition inactive = ecs.deregisterTaskDefinition(b -> b.taskDefinition(arn)).taskDefinition();
        assertEquals(TaskDefinitionStatus.INACTIVE, inactive.status());
        assertTrue(inactive.deregisteredAt() != null);
        assertTrue(ecs.listTaskDefinitions(b -> b.familyPrefix("short-lived").status(TaskDefinitionStatus.INACTIVE))
                .taskDefinitionArns().contains(arn));
        assertFalse(ecs.listTaskDefinitionFamilies(b -> b.familyPrefix("short")).families().contains("short-lived"),
                "no ACTIVE revision left");
        assertTrue(ecs.listTaskDefinitionFamilies(b -> b.familyPrefix("short").status(TaskDefinitionFamilyStatus.INACTIVE))
                .families().contains("short-lived"));
        assertEquals(TaskDefinitionStatus.DELETE_IN_PROGRESS, ecs.deleteTaskDefinitions(b -> b.taskDefinitions(arn))
                .taskDefinitions().get(0).status());
        assertTrue(ecs.listTaskDefinitionFamilies(b -> b.familyPrefix("sup")).families().contains("support-agent"));
    }

    @Test
    void aContainerDefinitionRoundTripsThroughTheSdkCopy() {
        ContainerDefinition c = everything("x").containerDefinitions().get(0);
        assertEquals(c, c.toBuilder().build());
    }
}
