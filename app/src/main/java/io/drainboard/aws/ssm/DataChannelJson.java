package io.drainboard.aws.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The JSON documents the data channel carries, with the field names the plugin's Go structs marshal to. */
final class DataChannelJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** config.go MessageSchemaVersion. */
    static final String MESSAGE_SCHEMA_VERSION = "1.0";

    private DataChannelJson() {
    }

    /**
     * The first (text) frame after the websocket opens: streaming.go FinalizeDataChannelHandshake builds
     * service.OpenDataChannelInput {MessageSchemaVersion, RequestId, TokenValue, ClientId, ClientVersion}.
     */
    static String openDataChannel(String token, String clientId, String clientVersion) {
        ObjectNode o = JSON.createObjectNode();
        o.put("MessageSchemaVersion", MESSAGE_SCHEMA_VERSION);
        o.put("RequestId", UUID.randomUUID().toString());
        o.put("TokenValue", token);
        o.put("ClientId", clientId);
        o.put("ClientVersion", clientVersion);
        return o.toString();
    }

    /**
     * clientmessage.go AcknowledgeContent; streaming.go SendAcknowledgeMessage fills it from the received
     * message with IsSequentialMessage true. The id is the canonical hyphenated UUID string.
     */
    static byte[] acknowledgement(ClientMessage received) {
        ObjectNode o = JSON.createObjectNode();
        o.put("AcknowledgedMessageType", received.messageType());
        o.put("AcknowledgedMessageId", received.messageId().toString());
        o.put("AcknowledgedMessageSequenceNumber", received.sequenceNumber());
        o.put("IsSequentialMessage", true);
        return bytes(o);
    }

    /** The sequence number an acknowledge message confirms (AcknowledgeContent.SequenceNumber). */
    static long acknowledgedSequence(byte[] payload) {
        JsonNode n = parse(payload, "acknowledge");
        if (!n.hasNonNull("AcknowledgedMessageSequenceNumber")) {
            throw new IllegalArgumentException("acknowledge without AcknowledgedMessageSequenceNumber");
        }
        return n.get("AcknowledgedMessageSequenceNumber").asLong();
    }

    /** clientmessage.go ChannelClosed.Output: the service's reason, empty on a normal end. */
    static String channelClosedOutput(byte[] payload) {
        return parse(payload, "channel_closed").path("Output").asText("");
    }

    /** handshakemessage.go HandshakeCompletePayload.CustomerMessage. */
    static String customerMessage(byte[] payload) {
        return parse(payload, "HandshakeComplete").path("CustomerMessage").asText("");
    }

    /** handshakemessage.go HandshakeRequestPayload, as the pieces the client acts on. */
    record HandshakeRequest(String agentVersion, JsonNode requestedActions) {
    }

    static HandshakeRequest handshakeRequest(byte[] payload) {
        JsonNode n = parse(payload, "HandshakeRequest");
        return new HandshakeRequest(n.path("AgentVersion").asText(""), n.path("RequestedClientActions"));
    }

    /** handshakemessage.go HandshakeResponsePayload {ClientVersion, ProcessedClientActions, Errors}. */
    static byte[] handshakeResponse(String clientVersion, ArrayNode processedActions, ArrayNode errors) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ClientVersion", clientVersion);
        o.set("ProcessedClientActions", processedActions);
        if (errors.isEmpty()) {
            o.putNull("Errors");   // Go marshals the nil slice the plugin leaves when nothing failed
        } else {
            o.set("Errors", errors);
        }
        return bytes(o);
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    /** handshakemessage.go ProcessedClientAction {ActionType, ActionStatus, ActionResult, Error}. */
    static ObjectNode processedAction(String type, int status, String error) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ActionType", type);
        o.put("ActionStatus", status);
        o.putNull("ActionResult");
        o.put("Error", error);
        return o;
    }

    private static JsonNode parse(byte[] payload, String what) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " payload is not JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(ObjectNode o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }
}
