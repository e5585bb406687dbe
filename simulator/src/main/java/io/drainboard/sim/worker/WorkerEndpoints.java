package io.drainboard.sim.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.drainboard.sim.http.Exchanges;
import io.drainboard.sim.http.RequestGate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Every task's worker HTTP server, served on the simulator's port under {@code /workers/<taskId>/…}
 * because the tasks' private IPs are not reachable (a profile maps a task to
 * {@code http://127.0.0.1:PORT/workers/{taskId}} or {@code …/workers/{taskIp}}). Routes, as the Python agent's health server has them
 * (docs/livekit-facts.md#worker-endpoint; livekit-agents worker.py L641–673):
 * <ul>
 * <li>{@code GET /} → 200 {@code OK}, also while draining;</li>
 * <li>{@code GET /worker} → {@code MessageToJson(WorkerInfo, preserving_proto_field_name=True)}: fields in
 * proto order, indented by 2, zero values omitted ({@code active_jobs} with no jobs), floats as
 * {@code 3.0};</li>
 * <li>{@code POST /drain} → the docs' worker-side drain route (docs/worker-snippets.md): 200 {@code {"draining": true}} and the worker stops taking jobs; 404 where
 * the service's workers do not serve it.</li>
 * <li>{@code POST /lean?seconds=N} → the docs' lean route (docs/worker-snippets.md): for N seconds (at most
 * {@value #MAX_LEAN_SECONDS}) the worker's load_fnc reports at least its lean floor, so LiveKit's
 * load-weighted pick sends it fewer new calls while it stays available (docs/livekit-facts.md#dispatch); N = 0 ends
 * it. 200 {@code {"leaning": true, "seconds": N}}; 400 for a bad N; 404 where the workers do not serve it.</li>
 * </ul>
 * A worker that is not up (container not started, or exited) does not answer: the connection closes
 * without a response, as a refused connection would fail.
 */
public final class WorkerEndpoints implements HttpHandler {
    public static final String PREFIX = "/workers/";
    /** What the simulated Python agents report as sdk_version. */
    public static final String SDK_VERSION = "1.7.0";
    /** livekit-agents worker.py WORKER_PROTOCOL_VERSION. */
    public static final int PROTOCOL_VERSION = 1;
    /** The snippet caps a lean at an hour: a lean must lapse on its own if the console that set it is gone. */
    public static final long MAX_LEAN_SECONDS = 3600;

    private final WorkerFleet fleet;
    private final RequestGate gate;

    public WorkerEndpoints(WorkerFleet fleet, RequestGate gate) {
        this.fleet = fleet;
        this.gate = gate;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String rest = ex.getRequestURI().getPath().substring(PREFIX.length());
            int slash = rest.indexOf('/');
            String taskId = slash < 0 ? rest : rest.substring(0, slash);
            String route = slash < 0 ? "/" : rest.substring(slash);
            String op = switch (route) {
                case "/" -> "Health";
                case "/worker" -> "GetWorker";
                case "/drain" -> "Drain";
                case "/lean" -> "Lean";
                default -> "NotFound";
            };
            switch (gate.admit("worker", op)) {
                case THROTTLE -> {
                    Exchanges.sendText(ex, 429, "Too Many Requests (injected fault)");
                    return;
                }
                case SERVER_ERROR -> {
                    Exchanges.sendText(ex, 503, "Service Unavailable (injected fault)");
                    return;
                }
                case RESET -> {
                    return;
                }
                default -> { }
            }
            Optional<WorkerFleet.Worker> w = fleet.worker(taskId);
            if (w.isEmpty()) {
                Exchanges.sendText(ex, 404, "Drainboard simulator: no task " + taskId + " (the URL template is "
                        + PREFIX + "{taskId}/worker with the task id, the last part of the task ARN)");
                return;
            }
            if (!w.get().up()) return; // nobody listens: the client sees the connection close
            String method = ex.getRequestMethod();
            switch (op) {
                case "Health" -> {
                    if (!"GET".equals(method)) notFound(ex);
                    else Exchanges.sendText(ex, 200, "OK");
                }
                case "GetWorker" -> {
                    if (!"GET".equals(method)) notFound(ex);
                    else Exchanges.send(ex, 200, "application/json",
                            workerInfoJson(w.get()).getBytes(StandardCharsets.UTF_8));
                }
                case "Drain" -> {
                    if (!w.get().drainRoute() || !"POST".equals(method)) {
                        notFound(ex);
                    } else {
                        // As the docs' snippet answers (docs/worker-snippets.md): drain() is one-way, so a
                        // repeated call, or one on a worker already draining after SIGTERM, changes nothing.
                        fleet.cordon(taskId);
                        Exchanges.send(ex, 200, "application/json; charset=utf-8",
                                "{\"draining\": true}".getBytes(StandardCharsets.UTF_8));
                    }
                }
                case "Lean" -> {
                    if (!w.get().leanRoute() || !"POST".equals(method)) {
                        notFound(ex);
                        return;
                    }
                    long seconds = leanSeconds(ex.getRequestURI().getRawQuery());
                    if (seconds < 0) {
                        Exchanges.sendText(ex, 400, "seconds must be a whole number from 0 to " + MAX_LEAN_SECONDS);
                        return;
                    }
                    fleet.lean(taskId, seconds);
                    Exchanges.send(ex, 200, "application/json; charset=utf-8", (seconds == 0 ? "{\"leaning\": false}"
                            : "{\"leaning\": true, \"seconds\": " + seconds + "}").getBytes(StandardCharsets.UTF_8));
                }
                default -> notFound(ex);
            }
        }
    }

    /** The {@code seconds} query parameter, or −1 when it is missing or out of range. */
    static long leanSeconds(String query) {
        if (query == null) return -1;
        for (String kv : query.split("&")) {
            if (!kv.startsWith("seconds=")) continue;
            try {
                long n = Long.parseLong(kv.substring("seconds=".length()));
                return n < 0 || n > MAX_LEAN_SECONDS ? -1 : n;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** aiohttp's answer for a route it does not have. */
    private static void notFound(HttpExchange ex) throws IOException {
        Exchanges.sendText(ex, 404, "404: Not Found");
    }

    /**
     * The body of {@code GET /worker}. WorkerInfo (livekit protocol livekit_agent_worker.proto):
     * worker_type, agent_name, active_jobs (float), sdk_version, worker_load (float), protocol_version.
     */
    static String workerInfoJson(WorkerFleet.Worker w) {
        StringBuilder sb = new StringBuilder("{\n");
        field(sb, "worker_type", quote("JT_ROOM"));
        if (w.agentName() != null && !w.agentName().isEmpty()) field(sb, "agent_name", quote(w.agentName()));
        if (w.activeJobs() != 0) field(sb, "active_jobs", floatText(w.activeJobs()));
        field(sb, "sdk_version", quote(SDK_VERSION));
        if (w.load() != 0) field(sb, "worker_load", floatText(w.load()));
        field(sb, "protocol_version", Integer.toString(PROTOCOL_VERSION));
        sb.setLength(sb.length() - 2); // the last ",\n"
        return sb.append("\n}").toString();
    }

    private static void field(StringBuilder sb, String name, String json) {
        sb.append("  \"").append(name).append("\": ").append(json).append(",\n");
    }

    /** A proto float as Python prints it: the shortest text that reads back as the same 32-bit float. */
    private static String floatText(double v) {
        return Float.toString((float) v).toLowerCase(Locale.ROOT);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
