package io.drainboard.sim.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON payloads the agent and the service send, with the field names of amazon-ssm-agent
 * agent/session/contracts (HandshakeRequestPayload, HandshakeCompletePayload, AcknowledgeContent) and the
 * plugin's ChannelClosed (session-manager-plugin src/message/clientmessage.go).
 */
final class AgentPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentPayloads() {
    }

    /**
     * datachannel.go PerformHandshake / sessionplugin.go: a SessionType action naming the plugin and its
     * properties (ShellProperties {linux: {commands, runAsElevated}}), plus KMSEncryption when asked.
     * ECS Exec starts InteractiveCommands with the command; an empty command means a Standard_Stream shell.
     */
    static byte[] handshakeRequest(String agentVersion, Optional<String> command, Optional<String> kmsKeyId) {
        ObjectNode request = JSON.createObjectNode();
        request.put("AgentVersion", agentVersion);
        ArrayNode actions = request.putArray("RequestedClientActions");
        ObjectNode sessionType = actions.addObject();
        sessionType.put("ActionType", "SessionType");
        ObjectNode params = sessionType.putObject("ActionParameters");
        params.put("SessionType", command.isPresent() ? "InteractiveCommands" : "Standard_Stream");
        ObjectNode linux = params.putObject("Properties").putObject("linux");
        linux.put("commands", command.orElse(""));
        linux.put("runAsElevated", true);
        kmsKeyId.ifPresent(key -> {
            ObjectNode kms = actions.addObject();
            kms.put("ActionType", "KMSEncryption");
            kms.putObject("ActionParameters").put("KMSKeyId", key);
        });
        return bytes(request);
    }

    /** HandshakeCompletePayload: HandshakeTimeToComplete is a Go time.Duration, in nanoseconds. */
    static byte[] handshakeComplete(long tookMillis) {
        ObjectNode complete = JSON.createObjectNode();
        complete.put("HandshakeTimeToComplete", tookMillis * 1_000_000L);
        complete.put("CustomerMessage", "");
        return bytes(complete);
    }

    /** AcknowledgeContent for a received message. */
    static byte[] acknowledgement(AgentMessage received) {
        ObjectNode content = JSON.createObjectNode();
        content.put("AcknowledgedMessageType", received.messageType());
        content.put("AcknowledgedMessageId", received.messageId().toString());
        content.put("AcknowledgedMessageSequenceNumber", received.sequenceNumber());
        content.put("IsSequentialMessage", true);
        return bytes(content);
    }

    /** ChannelClosed {MessageId, CreatedDate (a string), DestinationId, SessionId, MessageType, SchemaVersion, Output}. */
    static byte[] channelClosed(UUID id, long createdMillis, String sessionId, String output) {
        ObjectNode body = JSON.createObjectNode();
        body.put("MessageId", id.toString());
        body.put("CreatedDate", Long.toString(createdMillis));
        body.put("DestinationId", sessionId);
        body.put("SessionId", sessionId);
        body.put("MessageType", AgentMessage.CHANNEL_CLOSED);
        body.put("SchemaVersion", 1);
        body.put("Output", output);
        return bytes(body);
    }

    /** @return empty when the text is not JSON */
    static Optional<JsonNode> parse(String text) {
        try {
            return Optional.of(JSON.readTree(text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
