package io.drainboard.drain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

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

    /** What the lean route answered. */
    public enum LeanAnswer { OK, NO_ROUTE, FAILED }

    /** The outcome of one lean request, with the reason in the operator's words when it did not take. */
    public record Lean(LeanAnswer answer, String message) {
    }

    /**
     * The lean route sits next to the drain route (docs/worker-snippets.md): the drain URL with its last
     * {@code /drain} replaced by {@code /lean}. Empty when the drain URL has no {@code /drain} to replace.
     */
    Optional<URI> leanUrlFor(String taskArn, long seconds) {
        URI drain = urlFor(taskArn);
        String path = drain.getRawPath();
        if (path == null || !path.endsWith("/drain")) return Optional.empty();
        return Optional.of(URI.create(drain.getScheme() + "://" + drain.getRawAuthority()
                + path.substring(0, path.length() - "/drain".length()) + "/lean?seconds=" + seconds));
    }

    /**
     * Asks the worker to report a raised load for {@code ttl} (zero ends it), so LiveKit's load-weighted pick
     * sends its new calls elsewhere while it stays available (livekit.md §1.4 load_fnc, §2). The worker lets
     * the lean lapse on its own after ttl, so a console that dies leaves nothing behind for long.
     */
    public Lean lean(String taskArn, java.time.Duration ttl) {
        Optional<URI> url;
        try {
            url = leanUrlFor(taskArn, ttl.toSeconds());
        } catch (RuntimeException e) {
            return new Lean(LeanAnswer.FAILED, e.getMessage());
        }
        if (url.isEmpty()) {
            return new Lean(LeanAnswer.NO_ROUTE, "the drain route URL does not end in /drain, so there is no lean route"
                    + " next to it");
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.get()).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) return new Lean(LeanAnswer.OK, "");
            if (r.statusCode() == 404) {
                return new Lean(LeanAnswer.NO_ROUTE, "the worker has no lean route at " + url.get() + " (HTTP 404); the"
                        + " lean snippet in docs/worker-snippets.md adds it");
            }
            return new Lean(LeanAnswer.FAILED, "the lean route at " + url.get() + " answered HTTP " + r.statusCode());
        } catch (IOException e) {
            return new Lean(LeanAnswer.FAILED, "cannot reach the worker's lean route at " + url.get() + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Lean(LeanAnswer.FAILED, "interrupted while calling the lean route");
        }
    }

    @Override
    public String cordon(String cluster, String service, String taskArn) {
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
