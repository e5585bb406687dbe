package io.drainboard.sim.http;

import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulator throughput: DescribeTasks of 100 tasks on a 10,000-task cluster through the real EcsClient,
 * from N client threads on loopback, against a baseline measured in the same run: the same client and
 * request answered by a trivial handler on the same server that replays a recorded DescribeTasks(100)
 * response (so SDK and HTTP costs are identical and only the simulator's own work differs). Bounded in
 * requests and time. Excluded from the normal run (tag "bench"); run it as docs/benchmarks.md says.
 */
@Tag("bench")
public class SimulatorThroughputBench {
    static final int THREADS = Integer.getInteger("bench.threads", 4);
    static final int REQUESTS = Integer.getInteger("bench.requests", 10_000);
    static final double TARGET_PER_SECOND = 2_000;

    public static void main(String[] args) throws Exception {
        new SimulatorThroughputBench().describeTasksThroughput();
    }

    @Test
    void describeTasksThroughput() throws Exception {
        try (Simulator sim = Simulator.start(Simulator.Options.virtual(SimClients.testScenario("ecs-large")))) {
            List<String> arns;
            try (EcsClient ecs = client(sim.endpoint())) {
                arns = ecs.listTasks(b -> b.cluster("huge").serviceName("b")).taskArns();
            }
            String request = "{\"cluster\":\"huge\",\"tasks\":[\"" + String.join("\",\"", arns) + "\"]}";
            byte[] recorded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.endpoint() + "/"))
                            .header("Content-Type", "application/x-amz-json-1.1")
                            .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeTasks")
                            .POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            sim.addRoute("/bench-echo/", ex -> {
                ex.getRequestBody().readAllBytes();
                Exchanges.send(ex, 200, "application/x-amz-json-1.1", recorded);
            });
            URI echo = URI.create(sim.endpoint() + "/bench-echo");
            System.out.printf("DescribeTasks(100) on 10,000 tasks, %d client threads, %d requests, response %d bytes%n",
                    THREADS, REQUESTS, recorded.length);
            run("warm-up baseline", echo, arns, REQUESTS / 4);
            run("warm-up simulator", sim.endpoint(), arns, REQUESTS / 4);
            double base = run("baseline (recorded response)", echo, arns, REQUESTS);
            double simRate = run("simulator", sim.endpoint(), arns, REQUESTS);
            System.out.printf("SDK: simulator / baseline = %.2f; target >= %.0f req/s: %s%n", simRate / base,
                    TARGET_PER_SECOND, simRate >= TARGET_PER_SECOND ? "met" : "NOT met");
            // The same requests without the SDK (no signing, no parsing): what the server alone sustains.
            double rawBase = raw("raw HTTP, recorded response", echo.resolve("/bench-echo/"), request, REQUESTS);
            double rawSim = raw("raw HTTP, simulator", sim.endpoint().resolve("/"), request, REQUESTS);
            System.out.printf("raw: simulator / baseline = %.2f%n", rawSim / rawBase);
        }
    }

    private static double run(String label, URI endpoint, List<String> arns, int requests) throws Exception {
        AtomicInteger left = new AtomicInteger(requests);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (EcsClient ecs = client(endpoint)) {
            long t0 = System.nanoTime();
            List<Future<?>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                fs.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        if (ecs.describeTasks(b -> b.cluster("huge").tasks(arns)).tasks().size() != 100) {
                            throw new IllegalStateException("expected 100 tasks");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get(5, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate = requests / seconds;
            System.out.printf("  %-30s %8.0f req/s  (%.2f s)%n", label, rate, seconds);
            return rate;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double raw(String label, URI uri, String body, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest r = HttpRequest.newBuilder(uri).header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeTasks")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        AtomicInteger left = new AtomicInteger(requests);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                fs.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                            throw new IllegalStateException("not 200");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get(5, TimeUnit.MINUTES);
            double rate = requests / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("  %-30s %8.0f req/s%n", label, rate);
            return rate;
        } finally {
            pool.shutdownNow();
        }
    }

    private static EcsClient client(URI endpoint) {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        return EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(http).build();
    }
}
