package io.drainboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.drainboard.sim.ec2autoscaling.AutoScalingGroups;
import io.drainboard.sim.ec2autoscaling.LifecycleHook;
import io.drainboard.sim.http.Exchanges;
import io.drainboard.sim.http.Faults;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Not AWS: ground truth, fault and throttling control, clock control, request counts and the ASG scale-in
 * trigger, as JSON, for tests, benchmarks and curious humans. Every route is listed in docs/simulator.md.
 * Bad input gets a 400 that says what to send instead.
 */
public final class AdminHandler implements HttpHandler {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A week of virtual time per request: each minute on the way is run. */
    static final double MAX_ADVANCE_SECONDS = 7 * 86_400;
    /** Nearly three virtual hours per wall-clock second; far past what any test or demo uses. */
    static final double MAX_SPEED = 10_000;
    static final long MAX_LATENCY_MILLIS = 60_000;
    private final Simulator sim;

    public AdminHandler(Simulator sim) {
        this.sim = sim;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            String method = ex.getRequestMethod();
            try {
                Object body = route(method, path, q, ex);
                if (body == null) {
                    Exchanges.sendText(ex, 404, "unknown admin route " + method + " " + path
                            + "; see docs/simulator.md for the list");
                } else {
                    json(ex, 200, body);
                }
            } catch (BadRequest e) {
                json(ex, 400, Map.of("error", e.getMessage()));
            } catch (RuntimeException e) { // a model rule refused: say so rather than drop the connection
                json(ex, 500, Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
    }

    private Object route(String method, String path, Map<String, String> q, HttpExchange ex) throws IOException {
        return switch (method + " " + path) {
            case "GET /admin/ground-truth" -> GroundTruthView.of(sim, "true".equals(q.get("tasks")));
            case "GET /admin/requests" -> "region".equals(q.get("by")) ? sim.requests().snapshotByScope()
                    : sim.requests().snapshot();
            case "DELETE /admin/requests" -> {
                sim.requests().reset();
                yield Map.of("reset", true);
            }
            case "GET /admin/faults" -> faults();
            case "POST /admin/faults" -> setFaults(JSON.readTree(ex.getRequestBody()));
            case "DELETE /admin/faults" -> {
                sim.faults().clear();
                yield Map.of("cleared", true);
            }
            case "GET /admin/throttling" -> throttling();
            case "POST /admin/throttling" -> {
                sim.throttling().setEnabled(bool(q, "enabled"));
                yield throttling();
            }
            case "GET /admin/clock" -> clock();
            case "POST /admin/clock/advance" -> {
                // Each virtual minute on the way is run, so the step is bounded; time never runs backwards.
                sim.advance(Duration.ofMillis(Math.round(number(q, "seconds", 0, MAX_ADVANCE_SECONDS,
                        "seconds of virtual time to move forward") * 1000)));
                yield clock();
            }
            case "POST /admin/clock/speed" -> {
                setSpeed(speedFactor(q));
                yield clock();
            }
            case "POST /admin/clock/pause" -> {
                setSpeed(0);
                yield clock();
            }
            case "POST /admin/asg/scale-in" -> scaleIn(fleet(q), required(q, "group"));
            case "POST /admin/asg/lifecycle-hook" -> {
                String group = required(q, "group");
                LifecycleHook hook = new LifecycleHook(required(q, "name"), LifecycleHook.TERMINATING,
                        Duration.ofSeconds((long) (q.containsKey("heartbeatSeconds") ? number(q, "heartbeatSeconds", 30,
                                7200, "whole seconds, as PutLifecycleHook's HeartbeatTimeout")
                                : LifecycleHook.DEFAULT_HEARTBEAT.toSeconds())),
                        q.getOrDefault("defaultResult", "ABANDON"));
                try {
                    fleet(q).autoScalingGroups().putLifecycleHook(group, hook);
                } catch (RuntimeException e) {
                    throw new BadRequest(e.getMessage());
                }
                yield Map.of("group", group, "name", hook.name(), "transition", hook.transition(),
                        "heartbeatSeconds", hook.heartbeatTimeout().toSeconds(),
                        "globalTimeoutSeconds", hook.globalTimeout().toSeconds(), "defaultResult", hook.defaultResult());
            }
            case "POST /admin/reset" -> reset();
            case "POST /admin/spot/interrupt" -> spotInterrupt(q);
            case "POST /admin/asg/capacity-provider" -> {
                String group = required(q, "group");
                try {
                    if (q.containsKey("name") || q.containsKey("targetCapacity") || q.containsKey("managedScaling")) {
                        fleet(q).autoScalingGroups().setCapacityProvider(group, q.getOrDefault("name", group.replaceAll("-asg$", "") + "-cp"),
                                !"false".equals(q.get("managedScaling")), Integer.parseInt(q.getOrDefault("targetCapacity", "100")),
                                bool(q, "managedTerminationProtection"), bool(q, "managedDraining"));
                    } else {
                        fleet(q).autoScalingGroups().setCapacityProvider(group, bool(q, "managedTerminationProtection"),
                                bool(q, "managedDraining"));
                    }
                } catch (RuntimeException e) {
                    throw new BadRequest(e.getMessage() + "; groups are named <cluster>-asg");
                }
                yield Map.of("group", group, "managedTerminationProtection", q.get("managedTerminationProtection"),
                        "managedDraining", q.get("managedDraining"));
            }
            case "GET /admin/scaling/activities" -> fleet(q).scalableTargets().activities().stream()
                    .map(a -> Map.of("at", a.at().toString(), "resourceId", a.resourceId(), "from", a.from(), "to", a.to(),
                            "cause", a.cause())).toList();
            default -> null;
        };
    }

    /**
     * Back to the scenario's fleet, as LocalStack's reset does: the standalone simulator restarts on the same port
     * just after answering (a client polls GET /admin/clock until it answers again). An embedded one has no hook.
     */
    private Object reset() {
        Runnable hook = sim.resetHook().orElseThrow(() -> new BadRequest("reset is for the standalone simulator "
                + "(java -jar drainboard-simulator.jar); an embedded one is started afresh by its owner (Simulator.start)"));
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(200); // let this answer leave before the port closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hook.run();
        }, "sim-reset");
        t.start();
        return Map.of("reset", "restarting with the scenario's fleet on the same port; poll GET /admin/clock until it answers");
    }

    /** A Spot interruption: {@code task=ARN} (Fargate Spot) or {@code instance=i-…} (an EC2 Spot instance). */
    private Object spotInterrupt(Map<String, String> q) {
        String task = q.get("task");
        String instance = q.get("instance");
        if ((task == null) == (instance == null)) throw new BadRequest("give task=<Fargate task ARN> or instance=<EC2 instance id>");
        return fleet(q).model().read(m -> {
            if (task != null) {
                var t = m.task(task).orElseThrow(() -> new BadRequest("no task " + task));
                try {
                    m.interruptSpotTask(t);
                } catch (IllegalArgumentException e) {
                    throw new BadRequest(e.getMessage());
                }
                return Map.of("task", task, "stopCode", "SpotInterruption");
            }
            var ci = m.containerInstanceByEc2Id(instance).orElseThrow(() -> new BadRequest("no container instance " + instance));
            m.interruptSpotInstance(ci);
            return Map.of("instance", instance, "terminatedIn", "120s", "draining", ci.spotInstanceDraining());
        });
    }

    private Object setFaults(JsonNode body) {
        if (body == null || !(body.isObject() || body.isArray())) {
            throw new BadRequest("send a JSON object {\"key\":\"ecs:DescribeTasks\",\"throttleRate\":0.5,"
                    + "\"serverErrorRate\":0,\"resetRate\":0,\"latencyMs\":0} or an array of them");
        }
        Map<String, Faults.Rule> set = new LinkedHashMap<>();
        for (JsonNode n : body.isArray() ? body : JSON.createArrayNode().add(body)) {
            String key = n.path("key").asText("");
            if (key.isEmpty() || !(key.equals("*") || key.contains(":"))) {
                throw new BadRequest("each fault needs \"key\": \"service:Operation\", \"service:*\" or \"*\""
                        + " (services: ecs, application-autoscaling, autoscaling, cloudwatch, worker)");
            }
            Faults.Rule rule = new Faults.Rule(rate(n, "throttleRate"), rate(n, "serverErrorRate"), rate(n, "resetRate"),
                    Duration.ofMillis(latencyMillis(n)));
            if (rule.throttleRate() + rule.serverErrorRate() + rule.resetRate() > 1) {
                throw new BadRequest("throttleRate + serverErrorRate + resetRate must not exceed 1 for " + key);
            }
            set.put(key, rule);
        }
        set.forEach(sim.faults()::set);
        return faults();
    }

    /** The account and region a route acts in: {@code region} (and {@code account}) if given, else the scenario's own. */
    private RegionalFleet fleet(Map<String, String> q) {
        if (!q.containsKey("region") && !q.containsKey("account")) return sim.home();
        return sim.fleet(q.getOrDefault("account", sim.account()), q.getOrDefault("region", sim.region()));
    }

    private Object scaleIn(RegionalFleet fleet, String group) {
        try {
            AutoScalingGroups.ScaleIn r = fleet.autoScalingGroups().scaleIn(group);
            return r;
        } catch (RuntimeException e) {
            throw new BadRequest(e.getMessage() + "; groups are named <cluster>-asg");
        }
    }

    private Object faults() {
        Map<String, Object> out = new LinkedHashMap<>();
        sim.faults().rules().forEach((k, r) -> out.put(k, Map.of("throttleRate", r.throttleRate(),
                "serverErrorRate", r.serverErrorRate(), "resetRate", r.resetRate(), "latencyMs", r.latency().toMillis())));
        return out;
    }

    /**
     * A finite factor above 0: Infinity jumped the clock centuries ahead and spun the minute loop, NaN froze it,
     * and 0 is what {@code POST /admin/clock/pause} is for.
     */
    private static double speedFactor(Map<String, String> q) {
        return number(q, "factor", Double.MIN_VALUE, MAX_SPEED, "times wall-clock speed, above 0; "
                + "POST /admin/clock/pause stops the clock");
    }

    private void setSpeed(double factor) {
        sim.sync();
        sim.clock().setFactor(factor);
        if (factor > 0) sim.runMinutesOnTheirOwn();
    }

    private Object clock() {
        ObjectNode o = JSON.createObjectNode();
        o.put("now", sim.clock().instant().toString());
        o.put("factor", sim.clock().factor());
        return o;
    }

    private Object throttling() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("enabled", sim.throttling().enabled());
        o.put("tokens", sim.throttling().tokens());
        return o;
    }

    private static double rate(JsonNode n, String field) {
        JsonNode f = n.path(field);
        if (f.isMissingNode() || f.isNull()) return 0;
        double v = f.isNumber() ? f.asDouble() : Double.NaN;
        if (!(v >= 0 && v <= 1)) throw new BadRequest(field + " must be a number between 0 and 1, was " + f);
        return v;
    }

    private static long latencyMillis(JsonNode n) {
        JsonNode f = n.path("latencyMs");
        if (f.isMissingNode() || f.isNull()) return 0;
        if (!f.canConvertToLong() || !f.isIntegralNumber() || f.asLong() < 0 || f.asLong() > MAX_LATENCY_MILLIS) {
            throw new BadRequest("latencyMs must be a whole number from 0 to " + MAX_LATENCY_MILLIS + ", was " + f);
        }
        return f.asLong();
    }

    private static String required(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) throw new BadRequest("missing query parameter " + name);
        return v;
    }

    /** A finite number in [min, max]; NaN, Infinity and anything outside get a 400 saying what to send. */
    private static double number(Map<String, String> q, String name, double min, double max, String meaning) {
        String v = required(q, name);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (!(d >= min && d <= max)) { // false for NaN too
            throw new BadRequest(name + " must be a number from " + shown(min) + " to " + shown(max) + " (" + meaning
                    + "), was " + (v.length() > 40 ? v.substring(0, 40) + "…" : v));
        }
        return d;
    }

    private static String shown(double d) {
        if (d == Double.MIN_VALUE) return "just above 0";
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static boolean bool(Map<String, String> q, String name) {
        String v = required(q, name);
        if (!v.equals("true") && !v.equals("false")) throw new BadRequest(name + " must be true or false, was " + v);
        return Boolean.parseBoolean(v);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        Exchanges.send(ex, status, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    }

    /** A client mistake: answered 400 with this message. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
