package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The AWS CLI (botocore, a different protocol implementation) as an independent client of the simulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsAwsCliTest {
    private Simulator sim;
    private EcsClient ecs;
    @TempDir
    Path home;

    @BeforeAll
    void start() {
        assumeTrue(io.drainboard.sim.http.SimClients.onPath("aws"), "the aws CLI is not on PATH");
        sim = EcsTestSupport.start("demo");
        ecs = EcsTestSupport.client(sim);
    }

    @AfterAll
    void stop() {
        if (ecs != null) ecs.close();
        if (sim != null) sim.close();
    }

    @Test
    void cliListsTheSameTasksAsTheSdk() throws Exception {
        JsonNode out = aws("ecs", "list-tasks", "--cluster", "voice-prod", "--service-name", "support-agent");
        List<String> cli = new ArrayList<>();
        out.get("taskArns").forEach(n -> cli.add(n.asText()));
        List<String> sdk = ecs.listTasks(b -> b.cluster("voice-prod").serviceName("support-agent")).taskArns();
        assertEquals(10, cli.size());
        assertEquals(sdk, cli);
    }

    @Test
    void cliDescribesTasks() throws Exception {
        List<String> arns = ecs.listTasks(b -> b.cluster("voice-prod").serviceName("support-agent")).taskArns().subList(0, 2);
        List<String> args = new ArrayList<>(List.of("ecs", "describe-tasks", "--cluster", "voice-prod", "--tasks"));
        args.addAll(arns);
        JsonNode out = aws(args.toArray(String[]::new));
        List<Task> sdk = ecs.describeTasks(b -> b.cluster("voice-prod").tasks(arns)).tasks();
        assertEquals(0, out.get("failures").size());
        for (int i = 0; i < 2; i++) {
            JsonNode t = out.get("tasks").get(i);
            assertEquals(sdk.get(i).taskArn(), t.get("taskArn").asText());
            assertEquals("RUNNING", t.get("lastStatus").asText());
            assertEquals("service:support-agent", t.get("group").asText());
            assertEquals(sdk.get(i).containers().get(0).networkInterfaces().get(0).privateIpv4Address(),
                    t.get("containers").get(0).get("networkInterfaces").get(0).get("privateIpv4Address").asText());
            // botocore parsed the epoch number and printed it as ISO-8601 with the same instant.
            assertEquals(sdk.get(i).startedAt(), java.time.OffsetDateTime.parse(t.get("startedAt").asText()).toInstant());
        }
    }

    private JsonNode aws(String... args) throws Exception {
        return io.drainboard.sim.http.SimClients.awsCli(sim, home, args);
    }
}
