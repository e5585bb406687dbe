package io.drainboard.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drainboard.aws.RequestScheduler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Calls per task from each worker's own health server: {@code GET :8081/worker} answers the agent's
 * {@code WorkerInfo} as JSON, whose {@code active_jobs} (a float) is the number of running jobs and is
 * left out when 0, and {@code worker_load} likewise (docs/livekit-facts.md#worker-endpoint, Python
 * {@code MessageToJson(..., preserving_proto_field_name=True)}; JS sends no worker_load). One request per
 * task, through the scheduler; a task that does not answer is unknown, never 0.
 */
public final class WorkerEndpointCallSource implements PerTaskCallSource {
    static final String SOURCE = "worker";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkerUrl url;
    private final Clock clock;
    private final RequestScheduler requests;
    private final HttpClient http;
    private final Duration timeout;

    public WorkerEndpointCallSource(WorkerUrl url, Clock clock, RequestScheduler requests, Duration timeout) {
        this.url = url;
        this.clock = clock;
        this.requests = requests;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public CallsReading read(List<TaskAddress> tasks) {
        Instant at = clock.instant();
        Map<String, CompletableFuture<TaskCount>> asked = new HashMap<>();
        Map<String, TaskCount> counts = new HashMap<>();
        for (TaskAddress t : tasks) {
            Optional<URI> uri = url.of(t);
            if (uri.isEmpty()) {
                counts.put(t.arn(), TaskCount.failed(at, "no private IP yet, so no worker endpoint to ask"));
                continue;
            }
            asked.put(t.arn(), requests.submit("worker:GET /worker", RequestScheduler.DESCRIBE_BULK,
                    () -> ask(uri.get()), WorkerEndpointCallSource::classify));
        }
        asked.forEach((arn, f) -> {
            try {
                counts.put(arn, f.join());
            } catch (CompletionException e) {
                counts.put(arn, TaskCount.failed(at, explain(e.getCause())));
            }
        });
        boolean anyAnswer = counts.values().stream().anyMatch(c -> c.count().isPresent());
        if (!tasks.isEmpty() && !anyAnswer) {
            String first = counts.values().stream().flatMap(c -> c.error().stream()).findFirst().orElse("no answer");
            return new CallsReading(SOURCE, at, Map.of(), 0, Optional.of("no worker endpoint answered (" + first
                    + ")"), counts, false);
        }
        return CallsReading.counts(SOURCE, at, counts);
    }

    private TaskCount ask(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new WorkerAnswer(r.statusCode(), "worker endpoint " + uri + " answered HTTP " + r.statusCode()
                    + (r.body().isBlank() ? "" : " (" + r.body().strip() + ")"));
        }
        return parse(r.body(), clock.instant());
    }

    /** Parses a WorkerInfo body; missing keys are 0 because protobuf's JSON leaves zero values out. */
    static TaskCount parse(String body, Instant at) throws IOException {
        JsonNode n = JSON.readTree(body);
        if (n == null || !n.isObject()) throw new IOException("worker endpoint did not answer a JSON object");
        int jobs = (int) Math.round(n.path("active_jobs").asDouble(0));
        OptionalDouble load = n.has("worker_load") ? OptionalDouble.of(n.get("worker_load").asDouble())
                : n.has("active_jobs") || n.has("worker_type") ? OptionalDouble.of(0) : OptionalDouble.empty();
        return TaskCount.of(jobs, at, load);
    }

    private static RequestScheduler.Verdict classify(Throwable t) {
        if (t instanceof WorkerAnswer a) {
            if (a.status == 429) return RequestScheduler.Verdict.THROTTLED;
            return a.status >= 500 ? RequestScheduler.Verdict.TRANSIENT : RequestScheduler.Verdict.FATAL;
        }
        return t instanceof IOException && !(t instanceof com.fasterxml.jackson.core.JsonProcessingException)
                ? RequestScheduler.Verdict.TRANSIENT : RequestScheduler.Verdict.FATAL;
    }

    private static String explain(Throwable t) {
        if (t instanceof WorkerAnswer) return t.getMessage();
        if (t instanceof java.net.http.HttpTimeoutException) return "worker endpoint timed out; is the task reachable (VPN, security group on 8081)?";
        if (t instanceof java.net.ConnectException) return "cannot connect to the worker endpoint; is the task reachable (VPN, security group on 8081)?";
        return "worker endpoint failed: " + t;
    }

    /** A non-200 answer from a worker. */
    private static final class WorkerAnswer extends IOException {
        final int status;

        WorkerAnswer(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
