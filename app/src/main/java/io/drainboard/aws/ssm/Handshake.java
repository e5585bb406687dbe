package io.drainboard.aws.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.Optional;
import java.util.Set;

/**
 * The client's answer to the agent's HandshakeRequest, action by action, following streaming.go
 * handleHandshakeRequest and ProcessSessionTypeHandshakeAction. Drainboard cannot do KMS session
 * encryption (that needs KMS GenerateDataKey and the AES-GCM framing in src/encryption), so it declines
 * that action: the agent then cancels the session (amazon-ssm-agent datachannel.go handleHandshakeResponse).
 */
final class Handshake {
    // handshakemessage.go ActionStatus.
    static final int SUCCESS = 1;
    static final int FAILED = 2;
    static final int UNSUPPORTED = 3;

    /** config.go plugin names that streaming.go accepts as a shell-like session. */
    private static final Set<String> COMMAND_SESSIONS = Set.of("Standard_Stream", "InteractiveCommands",
            "NonInteractiveCommands");

    /** What to send back, and why the session cannot go on when the client had to decline an action. */
    record Answer(String agentVersion, byte[] responsePayload, Optional<String> refusal) {
    }

    private Handshake() {
    }

    static Answer answer(byte[] requestPayload, String clientVersion) {
        DataChannelJson.HandshakeRequest request = DataChannelJson.handshakeRequest(requestPayload);
        ArrayNode processed = DataChannelJson.array();
        ArrayNode errors = DataChannelJson.array();
        Optional<String> refusal = Optional.empty();
        for (JsonNode action : request.requestedActions()) {
            String type = action.path("ActionType").asText("");
            switch (type) {
                case "SessionType" -> {
                    String session = action.path("ActionParameters").path("SessionType").asText("");
                    if (COMMAND_SESSIONS.contains(session)) {
                        processed.add(DataChannelJson.processedAction(type, SUCCESS, ""));
                    } else {
                        String error = "Failed to process action SessionType: Drainboard runs commands and cannot"
                                + " open a session of type " + session;
                        processed.add(DataChannelJson.processedAction(type, FAILED, error));
                        errors.add(error);
                        refusal = Optional.of("the SSM agent offered a '" + session + "' session; Drainboard only runs"
                                + " commands (InteractiveCommands)");
                    }
                }
                case "KMSEncryption" -> {
                    String error = "Failed to process action KMSEncryption: Drainboard does not support KMS-encrypted"
                            + " sessions";
                    processed.add(DataChannelJson.processedAction(type, FAILED, error));
                    errors.add(error);
                    refusal = Optional.of("this cluster encrypts ECS Exec sessions with a KMS key"
                            + " (executeCommandConfiguration.kmsKeyId), which Drainboard cannot do; use the 'http' or"
                            + " 'none' cordon method for this service, or remove the KMS key from the cluster's"
                            + " ECS Exec configuration");
                }
                default -> {
                    // The plugin reports unknown actions as unsupported and lists them in Errors.
                    String error = "Unsupported action " + type;
                    processed.add(DataChannelJson.processedAction(type, UNSUPPORTED, error));
                    errors.add(error);
                }
            }
        }
        return new Answer(request.agentVersion(),
                DataChannelJson.handshakeResponse(clientVersion, processed, errors), refusal);
    }
}
