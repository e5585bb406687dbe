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

    public HttpCordon(String urlTemplate) {
        this.urlTemplate = urlTemplate;
    }

    URI urlFor(String taskArn) {
        String id = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        return URI.create(urlTemplate.replace("{taskId}", id).replace("{taskArn}", taskArn));
    }

    @Override
    public String cordon(String cluster, String taskArn) {
        URI url = urlFor(taskArn);
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
