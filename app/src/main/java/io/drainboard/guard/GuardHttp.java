package io.drainboard.guard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * The guard service's own HTTP port: {@code GET /healthz} (200 {@code ok} while passes complete, 503 with the reason
 * otherwise: for the container health check and the load balancer) and {@code GET /metrics} (Prometheus). It serves
 * nothing that changes anything.
 */
final class GuardHttp implements AutoCloseable {
    private final HttpServer server;

    GuardHttp(int port, GuardStats stats, Clock clock, Duration healthyWithin) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " (" + e.getMessage() + "); pick another --port", e);
        }
        server.createContext("/healthz", ex -> {
            String why = stats.unhealthy(clock.instant(), healthyWithin);
            send(ex, why.isEmpty() ? 200 : 503, "text/plain; charset=utf-8", why.isEmpty() ? "ok\n" : why + "\n");
        });
        server.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", stats.prometheus()));
        server.createContext("/", ex -> send(ex, 404, "text/plain; charset=utf-8", "not found: GET /healthz or /metrics\n"));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, "HEAD".equals(ex.getRequestMethod()) ? -1 : b.length);
            if (!"HEAD".equals(ex.getRequestMethod())) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(b);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
