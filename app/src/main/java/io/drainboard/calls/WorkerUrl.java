package io.drainboard.calls;

import java.net.URI;
import java.util.Optional;

/**
 * Where a task's worker endpoint is: a template with {@code {privateIp}}, {@code {taskId}},
 * {@code {taskArn}} (URL-encoded), {@code {cluster}} and {@code {service}}. On AWS the default
 * {@code http://{privateIp}:8081/worker} (the agents' health server port, docs/livekit-facts.md#worker-endpoint) needs a
 * route to the task network; the simulator serves {@code /workers/{taskId}/worker}.
 */
public record WorkerUrl(String template) {
    public static final WorkerUrl DEFAULT = new WorkerUrl("http://{privateIp}:8081/worker");

    public WorkerUrl {
        if (!template.startsWith("http://") && !template.startsWith("https://")) {
            throw new IllegalArgumentException("worker URL template must start with http:// or https://, was " + template);
        }
    }

    /** A profile's {@code calls.workerUrl}, which names the task's address {@code {taskIp}}. */
    public static WorkerUrl fromProfile(String template) {
        return new WorkerUrl(template.replace("{taskIp}", "{privateIp}"));
    }

    /** The simulator's per-task worker endpoint. */
    public static WorkerUrl simulator(URI endpoint) {
        return new WorkerUrl(endpoint.toString().replaceAll("/$", "") + "/workers/{taskId}/worker");
    }

    /** The task's URL, empty when the template needs an IP the task does not have yet. */
    public Optional<URI> of(TaskAddress t) {
        if (template.contains("{privateIp}") && t.privateIp().isEmpty()) return Optional.empty();
        String s = template.replace("{privateIp}", t.privateIp().orElse(""))
                .replace("{taskId}", t.id())
                .replace("{taskArn}", java.net.URLEncoder.encode(t.arn(), java.nio.charset.StandardCharsets.UTF_8))
                .replace("{cluster}", t.cluster())
                .replace("{service}", t.service());
        return Optional.of(URI.create(s));
    }
}
