package io.drainboard.sim.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One data channel as the client sees it: the Session Manager service (token check, channel_closed) and
 * the SSM agent behind it (handshake, command, output), following amazon-ssm-agent
 * agent/session/datachannel/datachannel.go (cited per method). Synchronized: the websocket worker and the
 * timers both drive it.
 */
final class AgentSession {
    /** Reported in the handshake (HandshakeRequestPayload.AgentVersion); any recent agent release. */
    static final String AGENT_VERSION = "3.3.1802.0";
    /** datachannel.go handshakeTimeout. */
    static final long HANDSHAKE_TIMEOUT_MS = 15_000;
    /** datachannel.go PrepareToCloseChannel waits this long for the client to acknowledge everything. */
    static final long CLOSE_WAIT_MS = 2_000;
    /** session config StreamDataPayloadSize: the agent reads the pty in chunks of this size. */
    static final int CHUNK = 1024;

    private final Expectation expectation;
    private final SessionLog log;
    private final WebSocket conn;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Runnable consumeToken;

    private boolean opened;
    private boolean lostOne;
    private boolean dropPending;
    private boolean closed;
    private long nextSequence;
    private final Set<Long> unacked = new HashSet<>();
    private long expectedInput;
    private final Map<Long, AgentMessage> earlyInputs = new TreeMap<>();
    private long handshakeStartedMillis;
    private boolean handshakeDone;
    private boolean finishing;
    private String closingOutput = "";
    private final StringBuilder typed = new StringBuilder();
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> closeTimer;

    AgentSession(Expectation expectation, SessionLog log, WebSocket conn, Clock clock,
                 ScheduledExecutorService timers, Runnable consumeToken) {
        this.expectation = expectation;
        this.log = log;
        this.conn = conn;
        this.clock = clock;
        this.timers = timers;
        this.consumeToken = consumeToken;
    }

    /** The first frame is the client's OpenDataChannel JSON (plugin streaming.go FinalizeDataChannelHandshake). */
    synchronized void onText(String text) {
        if (opened) {
            log.problem("text frame after the channel was opened");
            return;
        }
        Optional<JsonNode> parsed = AgentPayloads.parse(text);
        if (parsed.isEmpty()) {
            log.problem("OpenDataChannel is not JSON");
            reject("Invalid OpenDataChannel request");
            return;
        }
        JsonNode open = parsed.get();
        byte[] given = open.path("TokenValue").asText("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expectation.token().getBytes(StandardCharsets.UTF_8))) {
            reject("Invalid token");
            return;
        }
        opened = true;
        consumeToken.run();
        log.opened(new SessionLog.Opening(open.path("MessageSchemaVersion").asText(null),
                open.path("RequestId").asText(null), open.path("ClientId").asText(null),
                open.path("ClientVersion").asText(null)));
        if (!"1.0".equals(open.path("MessageSchemaVersion").asText())) {
            log.problem("MessageSchemaVersion is not 1.0");
        }
        if (expectation.behaviour() != AgentBehaviour.SILENT) {
            sendHandshakeRequest();
        }
    }

    /**
     * How the real service rejects a bad token is not documented; the simulator closes the websocket with
     * 1008 (policy violation) before anything else is sent.
     */
    private void reject(String reason) {
        log.ended(SessionLog.Ending.TOKEN_REJECTED);
        closed = true;
        conn.close(CloseFrame.POLICY_VALIDATION, reason);
    }

    synchronized void onBinary(byte[] frame) {
        if (!opened || closed) {
            log.problem("binary frame before the channel was opened or after it closed");
            return;
        }
        AgentMessage m;
        try {
            m = AgentMessage.parse(frame);
        } catch (IllegalArgumentException e) {
            log.problem("malformed frame: " + e.getMessage());
            return;
        }
        if (m.createdDate() == 0) {
            log.problem(m.messageType() + " has no CreatedDate");
        }
        switch (m.messageType()) {
            case AgentMessage.INPUT_STREAM_DATA -> onInput(m);
            case AgentMessage.ACKNOWLEDGE -> onAcknowledge(m);
            default -> log.problem("unexpected message type from the client: " + m.messageType());
        }
    }

    /**
     * datachannel.go handleStreamDataMessage: the expected message is acknowledged and processed, then any
     * buffered successors; a later one is acknowledged and buffered; an earlier one is dropped.
     */
    private void onInput(AgentMessage m) {
        log.input(new SessionLog.Input(m.sequenceNumber(), m.flags(), m.payloadType(), m.text()));
        if (expectation.behaviour() == AgentBehaviour.LOSE_FIRST_INPUT && !lostOne) {
            lostOne = true;   // as if it never arrived: no acknowledge, no processing
            return;
        }
        if (m.sequenceNumber() == expectedInput) {
            acknowledge(m);
            expectedInput++;
            process(m);
            for (AgentMessage next; (next = earlyInputs.remove(expectedInput)) != null; expectedInput++) {
                process(next);
            }
        } else if (m.sequenceNumber() > expectedInput) {
            acknowledge(m);
            earlyInputs.put(m.sequenceNumber(), m);
        }
    }

    /** datachannel.go processStreamDataMessage: only the handshake response counts until the handshake is done. */
    private void process(AgentMessage m) {
        if (m.payloadType() == AgentMessage.HANDSHAKE_RESPONSE) {
            onHandshakeResponse(m);
        } else if (handshakeDone && !finishing && m.payloadType() == AgentMessage.OUTPUT) {
            onTyped(m.text());
        } else if (m.payloadType() == AgentMessage.FLAG && Arrays.equals(m.payload(), new byte[] {0, 0, 0, 2})) {
            finish("");   // PayloadTypeFlag TerminateSession
        }
    }

    /** datachannel.go PerformHandshake: ask for the session type (and KMS encryption when configured). */
    private void sendHandshakeRequest() {
        Optional<String> kms = expectation.behaviour() == AgentBehaviour.REQUEST_KMS_ENCRYPTION
                ? Optional.of("arn:aws:kms:us-east-1:000000000000:key/simulated") : Optional.empty();
        handshakeStartedMillis = clock.millis();
        sendStream(AgentMessage.HANDSHAKE_REQUEST,
                AgentPayloads.handshakeRequest(AGENT_VERSION, expectation.command(), kms));
        handshakeTimer = timers.schedule(() -> timedOutHandshake(), HANDSHAKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void timedOutHandshake() {
        if (!handshakeDone && !closed) {
            sendChannelClosed("Handshake timed out. Please ensure that you have the latest version of the session"
                    + " manager plugin.");
        }
    }

    /**
     * datachannel.go handleHandshakeResponse: any action the client did not complete cancels the session;
     * otherwise HandshakeComplete follows and the plugin starts (shell.go Execute).
     */
    private void onHandshakeResponse(AgentMessage m) {
        log.handshakeResponse(m.text());
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        Optional<JsonNode> parsed = AgentPayloads.parse(m.text());
        if (parsed.isEmpty()) {
            log.problem("HandshakeResponse is not JSON");
            sendChannelClosed("Encountered error while initiating handshake. Unmarshalling of HandshakeResponse"
                    + " message failed");
            return;
        }
        for (JsonNode action : parsed.get().path("ProcessedClientActions")) {
            if (action.path("ActionStatus").asInt() != 1) {
                sendChannelClosed("Encountered error while initiating handshake. " + action.path("ActionType").asText()
                        + " failed on client with status " + action.path("ActionStatus").asInt() + " error: "
                        + action.path("Error").asText());
                return;
            }
        }
        if (expectation.behaviour() == AgentBehaviour.REQUEST_KMS_ENCRYPTION) {
            log.problem("the client accepted KMS encryption but cannot answer the encryption challenge");
            sendChannelClosed("Encountered error while initiating handshake. Timed out waiting for encryption"
                    + " challenge.");
            return;
        }
        sendStream(AgentMessage.HANDSHAKE_COMPLETE,
                AgentPayloads.handshakeComplete(clock.millis() - handshakeStartedMillis));
        handshakeDone = true;
        expectation.command().ifPresent(this::run);
    }

    /** A shell session: the typed line runs when Enter arrives (the plugin sends "\r" for Enter). */
    private void onTyped(String text) {
        typed.append(text);
        int end = indexOfEnter(typed);
        if (end >= 0) {
            String line = typed.substring(0, end).strip();
            typed.setLength(0);
            run(line);
        }
    }

    private static int indexOfEnter(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\r' || s.charAt(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** shell.go: the command's output goes out in StreamDataPayloadSize chunks, then the session ends. */
    private void run(String command) {
        log.ran(command);
        CommandResult result;
        try {
            result = expectation.handler().run(command);
        } catch (RuntimeException e) {
            log.problem("command handler failed: " + e);
            result = CommandResult.output("sh: " + command + ": " + e.getMessage() + "\r\n");
        }
        if (expectation.behaviour() == AgentBehaviour.DROP_AFTER_COMMAND) {
            dropPending = true;   // once the client has everything sent so far, so the drop is all it sees next
            dropIfDue();
            return;
        }
        byte[] out = result.output().getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from < out.length; from += CHUNK) {
            sendStream(AgentMessage.OUTPUT, Arrays.copyOfRange(out, from, Math.min(out.length, from + CHUNK)));
        }
        result.exitCode().ifPresent(code ->
                sendStream(AgentMessage.EXIT_CODE, ("EXIT_CODE: " + code).getBytes(StandardCharsets.UTF_8)));
        finish("");
    }

    private void dropIfDue() {
        if (dropPending && unacked.isEmpty() && !closed) {
            closed = true;
            log.ended(SessionLog.Ending.DROPPED);
            drop();
        }
    }

    /**
     * Resets the TCP connection: no close frame, no FIN, as when a proxy on the way resets it.
     * A channel registered with a selector closes only when the selector next runs, so it is woken.
     */
    private void drop() {
        Selector selector = null;
        if (conn instanceof WebSocketImpl impl && impl.getChannel() instanceof SocketChannel socket) {
            try {
                socket.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException e) {
                log.problem("could not reset the connection: " + e.getMessage());
            }
            selector = impl.getSelectionKey() == null ? null : impl.getSelectionKey().selector();
        }
        conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, "connection dropped");
        if (selector != null) {
            selector.wakeup();
        }
    }

    /** Closes once the client has acknowledged everything, or after CLOSE_WAIT_MS regardless. */
    private void finish(String output) {
        if (finishing) {
            return;
        }
        finishing = true;
        closingOutput = output;
        if (unacked.isEmpty()) {
            sendChannelClosed(output);
        } else {
            closeTimer = timers.schedule(() -> closeAnyway(), CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void closeAnyway() {
        if (!closed) {
            log.problem("the client left " + unacked.size() + " stream message(s) unacknowledged");
            sendChannelClosed(closingOutput);
        }
    }

    /** The client's acknowledge names the agent message it confirms (AcknowledgeContent). */
    private void onAcknowledge(AgentMessage m) {
        Optional<JsonNode> parsed = AgentPayloads.parse(m.text());
        if (parsed.isEmpty()) {
            log.problem("acknowledge payload is not JSON");
            return;
        }
        JsonNode ack = parsed.get();
        long seq = ack.path("AcknowledgedMessageSequenceNumber").asLong(-1);
        log.acked(new SessionLog.Ack(ack.path("AcknowledgedMessageType").asText(),
                ack.path("AcknowledgedMessageId").asText(), seq, ack.path("IsSequentialMessage").asBoolean()));
        if (!unacked.remove(seq)) {
            log.problem("acknowledge for unknown or already acknowledged sequence number " + seq);
        }
        if (finishing && unacked.isEmpty()) {
            sendChannelClosed(closingOutput);
        }
        dropIfDue();
    }

    /** datachannel.go SendAcknowledgeMessage: schema 1, sequence 0, flags 3. */
    private void acknowledge(AgentMessage received) {
        send(new AgentMessage(AgentMessage.ACKNOWLEDGE, 1, clock.millis(), 0, 3, UUID.randomUUID(), 0,
                AgentPayloads.acknowledgement(received)));
    }

    /** datachannel.go SendStreamDataMessage: output_stream_data, SYN flag on sequence 0. */
    private void sendStream(int payloadType, byte[] payload) {
        long seq = nextSequence++;
        UUID id = UUID.randomUUID();
        send(new AgentMessage(AgentMessage.OUTPUT_STREAM_DATA, 1, clock.millis(), seq, seq == 0 ? 1 : 0, id,
                payloadType, payload));
        unacked.add(seq);
        log.sent(new SessionLog.Sent(seq, id, payloadType));
    }

    /**
     * The service ends the session with channel_closed (plugin clientmessage.go ChannelClosed). The plugin
     * stops on it and closes its end (session-manager-plugin datachannel.go HandleChannelClosedMessage calls
     * its stop handler), so the service leaves the close to the client and closes the websocket itself only
     * if the client has not after CLOSE_WAIT_MS. (Closing at once was the one difference from the plugin's order
     * when a CI run's JDK client saw the connection end, 1006, before channel_closed reached its listener.)
     */
    private void sendChannelClosed(String output) {
        if (closed) {
            return;
        }
        closed = true;
        if (closeTimer != null) {
            closeTimer.cancel(false);
        }
        UUID id = UUID.randomUUID();
        send(new AgentMessage(AgentMessage.CHANNEL_CLOSED, 1, clock.millis(), 0, 0, id, 0,
                AgentPayloads.channelClosed(id, clock.millis(), expectation.sessionId(), output)));
        log.ended(SessionLog.Ending.CHANNEL_CLOSED);
        try {
            timers.schedule(() -> conn.close(CloseFrame.NORMAL, ""), CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            conn.close(CloseFrame.NORMAL, "");   // the server is stopping
        }
    }

    /** The client may be gone (server stopping, client closed): then there is no one to send to. */
    private void send(AgentMessage m) {
        if (conn.isOpen()) {
            conn.send(m.serialize());
        }
    }

    synchronized void onClose() {
        closed = true;
        log.ended(SessionLog.Ending.CLIENT_WENT_AWAY);
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (closeTimer != null) {
            closeTimer.cancel(false);
        }
    }

}
