package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drainboard.sim.Simulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** Starting simulators and talking to them: through the real SDK client, or raw awsJson1_1 on the wire. */
final class EcsTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Raw(int status, JsonNode body, String text) {
    }

    private EcsTestSupport() {
    }

    /**
     * These tests look at other rules and read their own writes at once: the read-after-write lag is off here
     * and on in {@code ReadAfterWriteLagTest}.
     */
    static Simulator start(String scenario) {
        Simulator sim = Simulator.start(Simulator.Options.virtual(scenario));
        sim.model().setRules(sim.model().rules().withReadAfterWriteLag(java.time.Duration.ZERO));
        return sim;
    }

    /** A test scenario under src/test/resources/scenarios, by file path. */
    static Simulator startTestScenario(String name) {
        try {
            return start(Path.of(EcsTestSupport.class.getResource("/scenarios/" + name + ".yaml").toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static EcsClient client(Simulator sim) {
        return EcsClient.builder()
                .endpointOverride(sim.endpoint())
                .region(Region.of(sim.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** One awsJson1_1 request as any client sends it, to look at the bytes the SDK would hide. */
    static Raw post(Simulator sim, String operation, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Raw(response.statusCode(), JSON.readTree(response.body()), response.body());
    }
}
