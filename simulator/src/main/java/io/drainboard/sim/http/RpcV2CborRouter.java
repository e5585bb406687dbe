package io.drainboard.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Smithy RPC v2 CBOR dispatch (https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html):
 * {@code POST /service/<ServiceName>/operation/<Operation>} with {@code smithy-protocol: rpc-v2-cbor} and
 * {@code Content-Type: application/cbor}. Responses carry the same {@code smithy-protocol} header; errors
 * are a CBOR map with {@code __type} (the error shape id) and {@code message}. For query-compatible
 * services the old awsQuery code also travels in {@code x-amzn-query-error: Code;Sender} (Smithy
 * {@code @awsQueryCompatible}, https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#aws-protocols-awsquerycompatible-trait).
 */
public final class RpcV2CborRouter implements HttpHandler {
    static final String PROTOCOL = "rpc-v2-cbor";
    private final Map<String, CborService> services = new ConcurrentHashMap<>();
    private final RequestGate gate;

    public RpcV2CborRouter(RequestGate gate) {
        this.gate = gate;
    }

    public void register(CborService service) {
        services.put(service.serviceName(), service);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String[] parts = ex.getRequestURI().getPath().split("/");
            // "", "service", <Service>, "operation", <Operation>
            CborService service = parts.length == 5 && "operation".equals(parts[3]) ? services.get(parts[2]) : null;
            if (service == null || !"POST".equals(ex.getRequestMethod())) {
                Exchanges.sendText(ex, 404, "Drainboard simulator: no RPC v2 CBOR operation at " + ex.getRequestURI());
                return;
            }
            String operation = parts[4];
            String ns = service.errorNamespace();
            if (!PROTOCOL.equals(ex.getRequestHeaders().getFirst("smithy-protocol"))) {
                error(ex, ns, new AwsException("InvalidRequest", 400,
                        "missing header smithy-protocol: " + PROTOCOL));
                return;
            }
            switch (gate.admit(service.name(), operation)) {
                case THROTTLE -> {
                    error(ex, ns, new AwsException("ThrottlingException", "Throttling", 400, "Rate exceeded"));
                    return;
                }
                case SERVER_ERROR -> {
                    error(ex, ns, new AwsException("InternalServiceFault", "InternalServiceError", 500,
                            "Service unavailable (injected fault)"));
                    return;
                }
                case RESET -> {
                    ex.close();
                    return;
                }
                default -> { }
            }
            Object response;
            try {
                JsonNode request = Cbor.read(ex.getRequestBody().readAllBytes());
                response = service.handle(operation, request);
            } catch (AwsException e) {
                error(ex, ns, e);
                return;
            } catch (IOException e) {
                error(ex, ns, new AwsException("SerializationException", 400, "request body is not CBOR: " + e.getMessage()));
                return;
            } catch (RuntimeException e) {
                error(ex, ns, new AwsException("InternalServiceFault", "InternalServiceError", 500, e.toString()));
                return;
            }
            headers(ex);
            Exchanges.send(ex, 200, "application/cbor", Cbor.write(response));
        }
    }

    private static void headers(HttpExchange ex) {
        ex.getResponseHeaders().set("smithy-protocol", PROTOCOL);
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    }

    private static void error(HttpExchange ex, String ns, AwsException e) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", ns + "#" + e.type());
        body.put("message", e.getMessage());
        headers(ex);
        ex.getResponseHeaders().set("x-amzn-query-error",
                e.queryCode() + ";" + (e.status() >= 500 ? "Receiver" : "Sender"));
        Exchanges.send(ex, e.status(), "application/cbor", Cbor.write(body));
    }
}
