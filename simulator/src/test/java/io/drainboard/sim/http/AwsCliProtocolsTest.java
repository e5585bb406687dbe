package io.drainboard.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS CLI (botocore: an independent implementation of the AWS protocols) makes calls of each service
 * against the simulator: awsJson1_1, awsQuery, and for CloudWatch awsJson1_0, the protocol botocore picks
 * from the model's list (the Java SDK picks RPC v2 CBOR). Skipped when {@code aws} is not on PATH.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCliProtocolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Simulator sim;
    @TempDir
    Path home;

    @BeforeAll
    void start() {
        assumeTrue(SimClients.onPath("aws"), "the aws CLI is not on PATH");
        sim = SimClients.virtualTestScenario("small-fleet");
        sim.advance(Duration.ofMinutes(3));
    }

    @AfterAll
    void stop() {
        if (sim != null) sim.close();
    }

    @Test
    void applicationAutoScalingOverAwsJson() throws Exception {
        JsonNode out = aws("application-autoscaling", "describe-scalable-targets", "--service-namespace", "ecs");
        assertEquals("service/voice/agent", out.get("ScalableTargets").get(0).get("ResourceId").asText());
        assertEquals(4, out.get("ScalableTargets").get(0).get("MinCapacity").asInt());
    }

    @Test
    void ec2AutoScalingOverAwsQuery() throws Exception {
        JsonNode out = aws("autoscaling", "describe-auto-scaling-groups");
        JsonNode g = out.get("AutoScalingGroups").get(0);
        assertEquals("voice-asg", g.get("AutoScalingGroupName").asText());
        assertEquals(3, g.get("Instances").size());
        assertEquals("InService", g.get("Instances").get(0).get("LifecycleState").asText());
        JsonNode instances = aws("autoscaling", "describe-auto-scaling-instances");
        assertEquals("voice-asg", instances.get("AutoScalingInstances").get(0).get("AutoScalingGroupName").asText());
        assertEquals(3, instances.get("AutoScalingInstances").size());
        aws("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "voice-asg", "--desired-capacity", "2");
        assertEquals(2, aws("autoscaling", "describe-auto-scaling-groups").get("AutoScalingGroups").get(0)
                .get("DesiredCapacity").asInt());
    }

    @Test
    void cloudWatchOverAwsJson10() throws Exception {
        JsonNode out = aws("cloudwatch", "list-metrics", "--namespace", "AWS/ECS");
        assertEquals(4, out.get("Metrics").size(), "CPU and memory of each service");
        String end = sim.clock().instant().toString();
        String start = sim.clock().instant().minusSeconds(600).toString();
        JsonNode data = aws("cloudwatch", "get-metric-data", "--start-time", start, "--end-time", end,
                "--metric-data-queries", "[{\"Id\":\"cpu\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"AWS/ECS\","
                        + "\"MetricName\":\"CPUUtilization\",\"Dimensions\":[{\"Name\":\"ClusterName\",\"Value\":\"voice\"},"
                        + "{\"Name\":\"ServiceName\",\"Value\":\"agent\"}]},\"Period\":60,\"Stat\":\"Average\"}}]");
        JsonNode r = data.get("MetricDataResults").get(0);
        assertEquals("Complete", r.get("StatusCode").asText());
        assertTrue(r.get("Values").size() >= 8, r.toString());
    }

    private JsonNode aws(String... args) throws Exception {
        return SimClients.awsCli(sim, home, args);
    }
}
