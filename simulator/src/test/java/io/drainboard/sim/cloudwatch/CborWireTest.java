package io.drainboard.sim.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.SimClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RPC v2 CBOR bytes themselves: headers, tag-1 timestamps, error shape. */
class CborWireTest {
    private static final CBORMapper CBOR = new CBORMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Simulator sim;

    @BeforeEach
    void start() {
        sim = SimClients.virtualTestScenario("small-fleet");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<byte[]> post(String op, Object body, boolean protocolHeader) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.endpoint() + "/service/GraniteServiceVersion20100801/operation/" + op))
                .header("Content-Type", "application/cbor").header("Accept", "application/cbor")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CBOR.writeValueAsBytes(body)));
        if (protocolHeader) b.header("smithy-protocol", "rpc-v2-cbor");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void responsesCarryTheProtocolHeaderAndTagOneTimestamps() throws Exception {
        long now = sim.clock().instant().getEpochSecond();
        HttpResponse<byte[]> r = post("GetMetricData", Map.of("StartTime", now - 1800, "EndTime", now,
                "MetricDataQueries", java.util.List.of(Map.of("Id", "c", "MetricStat", Map.of("Period", 60, "Stat", "Average",
                        "Metric", Map.of("Namespace", "AWS/ECS", "MetricName", "CPUUtilization", "Dimensions", java.util.List.of(
                                Map.of("Name", "ClusterName", "Value", "voice"), Map.of("Name", "ServiceName", "Value", "agent"))))))), true);
        assertEquals(200, r.statusCode());
        assertEquals("rpc-v2-cbor", r.headers().firstValue("smithy-protocol").orElseThrow());
        assertEquals("application/cbor", r.headers().firstValue("Content-Type").orElseThrow());
        boolean tagOne = false;
        for (byte x : r.body()) if ((x & 0xff) == 0xc1) tagOne = true; // major type 6, tag 1
        assertTrue(tagOne, "timestamps are CBOR tag 1");
        JsonNode tree = CBOR.readTree(r.body());
        assertTrue(tree.get("MetricDataResults").get(0).get("Timestamps").size() > 20);
    }

    @Test
    void errorsNameTheShapeAndTheQueryCode() throws Exception {
        HttpResponse<byte[]> r = post("ListMetrics", Map.of("RecentlyActive", "PT1H"), true);
        assertEquals(400, r.statusCode());
        JsonNode e = CBOR.readTree(r.body());
        assertEquals("com.amazonaws.cloudwatch#InvalidParameterValueException", e.get("__type").asText());
        assertEquals("InvalidParameterValue;Sender", r.headers().firstValue("x-amzn-query-error").orElseThrow());
    }

    @Test
    void withoutTheProtocolHeaderTheRequestIsRefused() throws Exception {
        assertEquals(400, post("ListMetrics", Map.of(), false).statusCode());
        assertEquals(400, post("NoSuchOp", Map.of(), true).statusCode());
    }
}
