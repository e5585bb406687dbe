package io.drainboard.sim.http;

import io.drainboard.sim.Simulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real AWS SDK clients pointed at a simulator, and plain HTTP for its non-AWS routes. */
public final class SimClients {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SimClients() {
    }

    public static Simulator virtual(String scenario) {
        return Simulator.start(Simulator.Options.virtual(scenario));
    }

    /** A test scenario under src/test/resources/scenarios, by file path. */
    public static Simulator virtualTestScenario(String name) {
        return virtual(testScenario(name));
    }

    public static String testScenario(String name) {
        try {
            return Path.of(SimClients.class.getResource("/scenarios/" + name + ".yaml").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final StaticCredentialsProvider CREDS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret"));

    /** No SDK retries, so a test sees exactly what the simulator answered. */
    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    }

    public static CloudWatchClient cloudWatch(Simulator sim) {
        return CloudWatchClient.builder().endpointOverride(sim.endpoint()).region(Region.of(sim.region()))
                .credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(noRetries()).build();
    }

    public static ApplicationAutoScalingClient appAutoScaling(Simulator sim) {
        return ApplicationAutoScalingClient.builder().endpointOverride(sim.endpoint()).region(Region.of(sim.region()))
                .credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(noRetries()).build();
    }

    public static AutoScalingClient autoScaling(Simulator sim) {
        return AutoScalingClient.builder().endpointOverride(sim.endpoint()).region(Region.of(sim.region()))
                .credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(noRetries()).build();
    }

    public static EcsClient ecs(Simulator sim) {
        return EcsClient.builder().endpointOverride(sim.endpoint()).region(Region.of(sim.region()))
                .credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(noRetries()).build();
    }

    public record Reply(int status, String body, java.net.http.HttpHeaders headers) {
    }

    public static Reply get(Simulator sim, String path) throws IOException, InterruptedException {
        return send(sim, HttpRequest.newBuilder(URI.create(sim.endpoint() + path)).GET().build());
    }

    public static Reply post(Simulator sim, String path, String body) throws IOException, InterruptedException {
        return send(sim, HttpRequest.newBuilder(URI.create(sim.endpoint() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public static Reply delete(Simulator sim, String path) throws IOException, InterruptedException {
        return send(sim, HttpRequest.newBuilder(URI.create(sim.endpoint() + path)).DELETE().build());
    }

    public static Reply send(Simulator sim, HttpRequest r) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers());
    }

    /**
     * Runs the AWS CLI against the simulator with throwaway credentials and config under {@code home} (no
     * profile, pager or session token of the machine leaks in) and returns its JSON output; fails the test
     * on a non-zero exit, with the CLI's stderr.
     */
    public static com.fasterxml.jackson.databind.JsonNode awsCli(io.drainboard.sim.Simulator sim, Path home, String... args)
            throws Exception {
        // iso8601 makes botocore parse the epoch numbers instead of echoing them.
        Path config = Files.writeString(home.resolve("config"), "[default]\ncli_timestamp_format = iso8601\n");
        Path credentials = Files.writeString(home.resolve("credentials"), "");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("aws"));
        command.addAll(java.util.List.of(args));
        command.addAll(java.util.List.of("--region", sim.region(), "--endpoint-url", sim.endpoint().toString(), "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(command);
        java.util.Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
        env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_PROFILE");
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_PAGER", "");
        Process p = pb.start();
        byte[] stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "aws CLI timed out");
        org.junit.jupiter.api.Assertions.assertEquals(0, p.exitValue(), stderr);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout);
    }

    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }
}
