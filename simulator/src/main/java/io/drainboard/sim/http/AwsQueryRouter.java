package io.drainboard.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * awsQuery dispatch: {@code POST /} with a form-encoded body {@code Action=<Op>&Version=<v>&…}; answers
 * {@code <OpResponse xmlns=…><OpResult>…</OpResult><ResponseMetadata><RequestId>…} and errors
 * {@code <ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…}
 * with HTTP 400 (Receiver and 500 for server faults). Source: Smithy "AWS query protocol",
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html (Response and Operation error serialization).
 * Services are told apart by {@code Version}, as every query service has its own.
 */
public final class AwsQueryRouter implements HttpHandler {
    private final Map<String, AwsQueryService> byVersion = new ConcurrentHashMap<>();
    private final RequestGate gate;
    private final HttpHandler fallback;

    public AwsQueryRouter(RequestGate gate, HttpHandler fallback) {
        this.gate = gate;
        this.fallback = fallback;
    }

    public void register(AwsQueryService service) {
        byVersion.put(service.version(), service);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (!"POST".equals(ex.getRequestMethod()) || type == null
                || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            fallback.handle(ex);
            return;
        }
        try (ex) {
            QueryParams params = QueryParams.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String action = params.get("Action");
            AwsQueryService service = params.get("Version") == null ? null : byVersion.get(params.get("Version"));
            String ns = service == null ? "" : service.xmlNamespace();
            if (service == null || action == null || action.isEmpty()) {
                error(ex, ns, new AwsException(action == null ? "MissingAction" : "InvalidAction", 400,
                        "Could not find operation " + action + " for version " + params.get("Version")));
                return;
            }
            switch (gate.admit(service.name(), action)) {
                case THROTTLE -> {
                    error(ex, ns, new AwsException("Throttling", 400, "Rate exceeded"));
                    return;
                }
                case SERVER_ERROR -> {
                    error(ex, ns, new AwsException("InternalFailure", 500, "Service unavailable (injected fault)"));
                    return;
                }
                case RESET -> {
                    ex.close();
                    return;
                }
                default -> { }
            }
            String result;
            try {
                result = service.handle(action, params);
            } catch (AwsException e) {
                error(ex, ns, e);
                return;
            } catch (RuntimeException e) {
                error(ex, ns, new AwsException("InternalFailure", 500, e.toString()));
                return;
            }
            String requestId = UUID.randomUUID().toString();
            Xml xml = new Xml().raw("<" + action + "Response xmlns=\"" + ns + "\">");
            if (result.isEmpty()) xml.empty(action + "Result");
            else xml.open(action + "Result").raw(result).close(action + "Result");
            xml.open("ResponseMetadata").leaf("RequestId", requestId).close("ResponseMetadata").close(action + "Response");
            ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
            Exchanges.send(ex, 200, "text/xml", xml.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void error(HttpExchange ex, String ns, AwsException e) throws IOException {
        String requestId = UUID.randomUUID().toString();
        Xml xml = new Xml().raw(ns.isEmpty() ? "<ErrorResponse>" : "<ErrorResponse xmlns=\"" + ns + "\">")
                .open("Error").leaf("Type", e.status() >= 500 ? "Receiver" : "Sender").leaf("Code", e.type())
                .leaf("Message", e.getMessage()).close("Error").leaf("RequestId", requestId).close("ErrorResponse");
        ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
        Exchanges.send(ex, e.status(), "text/xml", xml.toString().getBytes(StandardCharsets.UTF_8));
    }
}
