package io.drainboard.sim.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.drainboard.sim.http.Exchanges;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.http.RequestGate;
import io.drainboard.sim.model.ProtectionResult;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The ECS agent's task scale-in protection endpoint, {@code $ECS_AGENT_URI/task-protection/v1/state}, one per task
 * (Developer Guide "Task scale-in protection endpoint"; agent source
 * https://github.com/aws/amazon-ecs-agent/blob/master/ecs-agent/tmds/handlers/taskprotection/v1/handlers/handlers.go).
 * The simulator's {@code ECS_AGENT_URI} for a task is {@code http://127.0.0.1:PORT/api/<taskId>}
 * ({@code Simulator.agentUri}); the agent's is {@code /api/<endpoint container id>}.
 * <ul>
 *   <li>{@code PUT} {@code {"ProtectionEnabled": true, "ExpiresInMinutes": 60}} → the agent calls UpdateTaskProtection
 *       for the task (same rules and limits: 1–2880 minutes, default 120, DEPLOYMENT_BLOCKED, TASK_NOT_VALID); field
 *       names match case-insensitively and unknown fields are refused, as Go's decoder with DisallowUnknownFields does.</li>
 *   <li>{@code GET} → GetTaskProtection for the task.</li>
 *   <li>200 {@code {"protection":{"ExpirationDate","ProtectionEnabled","TaskArn"}}} (ExpirationDate null when not
 *       protected); a failure is 200 {@code {"failure":{"Arn","Detail","Reason"}}}; an error is
 *       {@code {"requestID","error":{"Arn","Code","Message"}}} with ECS's status (400 for ThrottlingException
 *       "Rate exceeded" and InvalidParameterException), 504 RequestCanceled when the agent's call to ECS timed out
 *       (fault key {@code agent:<Op>}), 500 ServerException when ECS could not be reached; a body the agent cannot
 *       decode or without ProtectionEnabled is 400 InvalidParameterException; an unknown task 404
 *       ResourceNotFoundException.</li>
 * </ul>
 * The agent's call to ECS lands in the task's own account and region: it is logged, faulted and throttled there
 * as {@code ecs:UpdateTaskProtection} / {@code ecs:GetTaskProtection} (the task-protection bucket it shares with
 * every other caller).
 */
public final class TaskProtectionEndpoint implements HttpHandler {
    public static final String PREFIX = "/api/";
    static final String SUFFIX = "/task-protection/v1/state";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The task's fleet as the endpoint needs it. */
    public interface Agents {
        Optional<Agent> agent(String taskId);
    }

    /** One task's agent: its ARN, the gate of its account and region, and the protection calls it forwards. */
    public interface Agent {
        String taskArn();

        RequestGate gate();

        /** UpdateTaskProtection for this one task; IllegalArgumentException for an expiry ECS refuses. */
        ProtectionResult update(boolean enabled, Integer expiresInMinutes);

        ProtectionResult get();
    }

    private final Agents agents;
    private final RequestGate agentGate;

    /** @param agentGate the agent's own faults ({@code agent:<Op>}); no scope, no throttling of its own */
    public TaskProtectionEndpoint(Agents agents, RequestGate agentGate) {
        this.agents = agents;
        this.agentGate = agentGate;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String rest = path.substring(PREFIX.length());
            if (!rest.endsWith(SUFFIX) || rest.indexOf('/') != rest.length() - SUFFIX.length()) {
                Exchanges.sendText(ex, 404, "404 page not found");
                return;
            }
            String endpointId = rest.substring(0, rest.length() - SUFFIX.length());
            String method = ex.getRequestMethod();
            boolean put = "PUT".equals(method);
            if (!put && !"GET".equals(method)) {
                Exchanges.sendText(ex, 405, "");
                return;
            }
            String op = put ? "UpdateTaskProtection" : "GetTaskProtection";
            byte[] body = ex.getRequestBody().readAllBytes();
            Boolean enabled = null;
            Integer minutes = null;
            if (put) {
                Map.Entry<Boolean, Integer> parsed;
                try {
                    parsed = parse(body);
                } catch (IllegalArgumentException e) {
                    error(ex, 400, null, "", "InvalidParameterException", "UpdateTaskProtection: failed to decode request");
                    return;
                }
                enabled = parsed.getKey();
                minutes = parsed.getValue();
            }
            Optional<Agent> agent = agents.agent(endpointId);
            if (agent.isEmpty()) {
                error(ex, 404, null, "", "ResourceNotFoundException", "Failed to find a task for the request");
                return;
            }
            String arn = agent.get().taskArn();
            if (put && enabled == null) {
                error(ex, 400, null, arn, "InvalidParameterException", "Invalid request: does not contain 'ProtectionEnabled' field");
                return;
            }
            switch (agentGate.admit("agent", op)) {
                case RESET -> {
                    return; // the agent itself does not answer
                }
                case THROTTLE, SERVER_ERROR -> {
                    error(ex, 504, null, arn, "RequestCanceled", "Timed out calling ECS Task Protection API");
                    return;
                }
                default -> { }
            }
            String requestId = UUID.randomUUID().toString();
            Faults.Outcome ecs = agent.get().gate().admit("ecs", op);
            switch (ecs) {
                case THROTTLE -> {
                    error(ex, 400, requestId, arn, "ThrottlingException", "Rate exceeded");
                    return;
                }
                case SERVER_ERROR -> {
                    error(ex, 500, requestId, arn, "ServerException", "Service Unavailable");
                    return;
                }
                case RESET -> {
                    error(ex, 500, null, arn, "ServerException", "operation error ECS: " + op
                            + ", exceeded maximum number of attempts, 3, connection reset by peer");
                    return;
                }
                default -> { }
            }
            ProtectionResult r;
            try {
                r = put ? agent.get().update(enabled, minutes) : agent.get().get();
            } catch (IllegalArgumentException e) {
                error(ex, 400, requestId, arn, "InvalidParameterException", e.getMessage());
                return;
            }
            ObjectNode out = JSON.createObjectNode();
            if (r.failed()) {
                ObjectNode f = out.putObject("failure");
                f.put("Arn", r.taskArn());
                if (r.failureDetail() == null) f.putNull("Detail");
                else f.put("Detail", r.failureDetail());
                f.put("Reason", r.failureReason());
            } else {
                ObjectNode p = out.putObject("protection");
                if (r.expirationDate() == null) p.putNull("ExpirationDate");
                else p.put("ExpirationDate", r.expirationDate().toString());
                p.put("ProtectionEnabled", r.protectionEnabled());
                p.put("TaskArn", r.taskArn());
            }
            send(ex, 200, out);
        }
    }

    /**
     * The request as Go's {@code json.Decoder} with DisallowUnknownFields reads it into
     * {@code {ProtectionEnabled *bool; ExpiresInMinutes *int64}}: names match case-insensitively, null leaves a field
     * unset, a wrong type or an unknown field is an error.
     */
    static Map.Entry<Boolean, Integer> parse(byte[] body) {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (n == null || n.isMissingNode() || !n.isObject()) throw new IllegalArgumentException("not an object");
        Boolean enabled = null;
        Integer minutes = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "protectionenabled" -> {
                    if (v.isNull()) continue;
                    if (!v.isBoolean()) throw new IllegalArgumentException("ProtectionEnabled");
                    enabled = v.booleanValue();
                }
                case "expiresinminutes" -> {
                    if (v.isNull()) continue;
                    if (!v.isIntegralNumber() || !v.canConvertToInt()) throw new IllegalArgumentException("ExpiresInMinutes");
                    minutes = v.intValue();
                }
                default -> throw new IllegalArgumentException("unknown field " + e.getKey());
            }
        }
        return new java.util.AbstractMap.SimpleImmutableEntry<>(enabled, minutes);
    }

    private static void error(HttpExchange ex, int status, String requestId, String arn, String code, String message)
            throws IOException {
        ObjectNode out = JSON.createObjectNode();
        if (requestId != null) out.put("requestID", requestId);
        ObjectNode e = out.putObject("error");
        if (!arn.isEmpty()) e.put("Arn", arn);
        e.put("Code", code);
        e.put("Message", message);
        send(ex, status, out);
    }

    private static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
        Exchanges.send(ex, status, "application/json", JSON.writeValueAsBytes(body));
    }
}
