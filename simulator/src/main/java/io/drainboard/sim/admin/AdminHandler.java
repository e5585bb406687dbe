package io.drainboard.sim.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Exchanges;
import io.drainboard.sim.model.GroundTruth;

import java.io.IOException;
import java.time.Duration;

/**
 * Not AWS: ground truth, clock control and request counts for tests, benchmarks and curious humans.
 * {@code GET /admin/ground-truth}, {@code GET /admin/requests}, {@code POST /admin/clock/advance?seconds=N}.
 */
public final class AdminHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Simulator sim;

    public AdminHandler(Simulator sim) {
        this.sim = sim;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getQuery();
        switch (path) {
            case "/admin/ground-truth" -> {
                GroundTruth g = sim.groundTruth();
                ObjectNode o = JSON.createObjectNode();
                o.put("callsStarted", g.callsStarted());
                o.put("callsEndedNormally", g.callsEndedNormally());
                o.put("callsCut", g.callsCut());
                o.put("callsUnserved", g.callsUnserved());
                o.put("callsActive", g.callsActive());
                o.put("now", sim.clock().instant().toString());
                json(ex, o);
            }
            case "/admin/requests" -> json(ex, JSON.valueToTree(sim.requests().snapshot()));
            case "/admin/clock/advance" -> {
                long seconds = query != null && query.startsWith("seconds=") ? Long.parseLong(query.substring(8)) : 0;
                sim.clock().advance(Duration.ofSeconds(seconds));
                sim.model().sync();
                ObjectNode o = JSON.createObjectNode();
                o.put("now", sim.clock().instant().toString());
                json(ex, o);
            }
            default -> Exchanges.sendText(ex, 404, "unknown admin path " + path);
        }
    }

    private static void json(HttpExchange ex, Object node) throws IOException {
        Exchanges.send(ex, 200, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
    }
}
