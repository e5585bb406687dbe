package io.drainboard.drain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The {@code http} cordon (DESIGN.md §3): POST to the worker's drain route, which calls the agent's
 * {@code server.drain()} — the worker stops taking jobs but does not exit. The route's URL comes from a
 * template with {@code {taskId}} (and {@code {taskArn}}), e.g. http://{ip}:8081/drain over a VPN.
 */
public final class HttpCordon implements Cordoner {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String urlTemplate;
    private final java.util.function.Function<String, java.util.Optional<String>> privateIpOf;

    public HttpCordon(String urlTemplate) {
        this(urlTemplate, arn -> java.util.Optional.empty());
    }

    /** @param privateIpOf the task's private IP by ARN, for templates with {@code {taskIp}} */
    public HttpCordon(String urlTemplate, java.util.function.Function<String, java.util.Optional<String>> privateIpOf) {
        this.urlTemplate = urlTemplate;
        this.privateIpOf = privateIpOf;
    }

    URI urlFor(String taskArn) {
        String id = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        String url = urlTemplate.replace("{taskId}", id).replace("{taskArn}", taskArn);
        if (url.contains("{taskIp}")) {
            url = url.replace("{taskIp}", privateIpOf.apply(taskArn).orElseThrow(() -> new IllegalStateException(
                    "the task's private IP is not known yet; the drain route needs it")));
        }
        return URI.create(url);
    }

    @Override
    public String cordon(String cluster, String taskArn) {
        URI url;
        try {
            url = urlFor(taskArn);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) return null;
            if (r.statusCode() == 404) {
                return "the worker has no drain route at " + url + " (HTTP 404); add the drain snippet from "
                        + "docs/worker-snippets.md to the worker, or use another cordon method";
            }
            return "the drain route at " + url + " answered HTTP " + r.statusCode();
        } catch (IOException e) {
            return "cannot reach the worker's drain route at " + url + " (" + e.getMessage()
                    + "); is the VPN up and the route's port open to this machine?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while calling the drain route";
        }
    }
}
