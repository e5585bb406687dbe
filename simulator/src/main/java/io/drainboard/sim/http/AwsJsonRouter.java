package io.drainboard.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * awsJson1_1 dispatch: {@code POST /} with {@code X-Amz-Target: <Prefix>.<Operation>}; responses and
 * errors as application/x-amz-json-1.1 (error: {@code __type} + {@code message}, HTTP 400, and the
 * {@code x-amzn-ErrorType} header the SDK also reads). Source: Smithy "AWS JSON 1.1 protocol"
 * specification, https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html.
 */
public final class AwsJsonRouter implements HttpHandler {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, AwsJsonService> services = new ConcurrentHashMap<>();
    private final RequestGate gate;
    private final HttpHandler fallback;

    /** @param fallback gets every request without an X-Amz-Target header (awsQuery shares the path "/") */
    public AwsJsonRouter(RequestGate gate, HttpHandler fallback) {
        this.gate = gate;
        this.fallback = fallback;
    }

    public void register(AwsJsonService service) {
        services.put(service.targetPrefix(), service);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null) {
            fallback.handle(ex);
            return;
        }
        try (ex) {
            int dot = target.lastIndexOf('.');
            AwsJsonService service = dot < 0 ? null : services.get(target.substring(0, dot));
            if (service == null || !"POST".equals(ex.getRequestMethod())) {
                error(ex, CONTENT_TYPE, new AwsException("UnknownOperationException", 400, "Unknown operation " + target
                        + (service == null ? ": no service answers this X-Amz-Target." : ": only POST is accepted.")));
                return;
            }
            String operation = target.substring(dot + 1);
            switch (gate.admit(service.name(), operation)) {
                case THROTTLE -> {
                    error(ex, service.contentType(), new AwsException("ThrottlingException", 400, "Rate exceeded"));
                    return;
                }
                case SERVER_ERROR -> {
                    error(ex, service.contentType(), new AwsException("ServerException", 500, "Service unavailable (injected fault)"));
                    return;
                }
                case RESET -> {
                    // Closing without a response makes the client see the connection drop mid-request.
                    ex.close();
                    return;
                }
                default -> { }
            }
            JsonNode response;
            try {
                response = service.handle(operation, readBody(ex.getRequestBody()));
            } catch (AwsException e) {
                error(ex, service.contentType(), e);
                return;
            } catch (RuntimeException e) {
                error(ex, service.contentType(), new AwsException("ServerException", 500, e.toString()));
                return;
            }
            ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            Exchanges.send(ex, 200, service.contentType(), JSON.writeValueAsBytes(response));
        }
    }

    private static JsonNode readBody(InputStream in) throws IOException {
        byte[] body = in.readAllBytes();
        if (body.length == 0) return JSON.createObjectNode();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AwsException("SerializationException", "Start of structure or map found where not expected.");
        }
    }

    private static void error(HttpExchange ex, String contentType, AwsException e) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", e.type());
        if (e.getMessage() != null) body.put("message", e.getMessage());
        ex.getResponseHeaders().set("x-amzn-ErrorType", e.type());
        if (!e.queryCode().equals(e.type())) {
            // awsQueryCompatible services (CloudWatch) also name the old awsQuery error code.
            ex.getResponseHeaders().set("x-amzn-query-error", e.queryCode() + ";" + (e.status() >= 500 ? "Receiver" : "Sender"));
        }
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        Exchanges.send(ex, e.status(), contentType, JSON.writeValueAsBytes(body));
    }
}
