package io.drainboard.aws.ssm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client end of one data channel, without I/O: it takes the frames the service sends and returns the
 * frames to send back. Sequencing, acknowledgement and retransmission follow the session-manager-plugin's
 * src/datachannel/streaming.go (cited per method). Synchronized: the websocket listener and the resend
 * timer both drive it.
 */
final class DataChannel {
    /** config.go IncomingMessageBufferCapacity. */
    private static final int EARLY_CAPACITY = 10_000;
    /** config.go DefaultRoundTripTime, DefaultTransmissionTimeout, ClockGranularity, MaxTransmissionTimeout. */
    private static final double INITIAL_RTT_MS = 100;
    private static final long INITIAL_RTO_MS = 200;
    private static final long CLOCK_GRANULARITY_MS = 10;
    private static final long MAX_RTO_MS = 1_000;
    /** amazon-ssm-agent shell.go sendExitCode writes "EXIT_CODE: <n>" as an ExitCode payload. */
    private static final Pattern EXIT_CODE = Pattern.compile("EXIT_CODE:\\s*(-?\\d+)");

    private record Outgoing(byte[] frame, long sequence, long sentAtMillis) {
    }

    private final Clock clock;
    private final String clientVersion;
    private Optional<String> typedInput;

    private long expectedSequence;
    private final Map<Long, ClientMessage> early = new TreeMap<>();
    private long nextSequence;
    private final Map<Long, Outgoing> unacked = new LinkedHashMap<>();
    private double rttMs = INITIAL_RTT_MS;
    private double rttVarMs;
    private long rtoMs = INITIAL_RTO_MS;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private OptionalInt exitCode = OptionalInt.empty();
    private String agentVersion = "";
    private String customerMessage = "";
    private boolean heardFromAgent;
    private boolean handshakeSeen;
    private boolean handshakeComplete;
    private Optional<String> closedWith = Optional.empty();
    private Optional<String> refusal = Optional.empty();

    DataChannel(Clock clock, String clientVersion, Optional<String> typedInput) {
        this.clock = clock;
        this.clientVersion = clientVersion;
        this.typedInput = typedInput;
    }

    /** Everything to send in answer to one frame from the service. */
    synchronized List<byte[]> receive(byte[] frame) {
        ClientMessage m = ClientMessage.decode(frame);
        List<byte[]> out = new ArrayList<>();
        // streaming.go OutputMessageHandler: dispatch on MessageType.
        switch (m.messageType()) {
            case ClientMessage.OUTPUT_STREAM -> onStreamData(m, out);
            case ClientMessage.ACKNOWLEDGE -> onAcknowledge(m);
            case ClientMessage.CHANNEL_CLOSED -> closedWith = Optional.of(DataChannelJson.channelClosedOutput(m.payload()));
            default -> { }   // start/pause_publication and unknown types: the plugin carries on
        }
        return out;
    }

    /**
     * streaming.go HandleOutputMessage: the expected message is processed and acknowledged, and any
     * buffered successors follow; a later one is acknowledged and buffered; an earlier one (a resend of
     * something already processed) is dropped without an acknowledgement.
     */
    private void onStreamData(ClientMessage m, List<byte[]> out) {
        heardFromAgent = true;
        if (m.sequenceNumber() == expectedSequence) {
            process(m, out, true);
            expectedSequence++;
            // ProcessIncomingMessageBufferItems: buffered messages were acknowledged when they arrived.
            for (ClientMessage next; (next = early.remove(expectedSequence)) != null; expectedSequence++) {
                process(next, out, false);
            }
        } else if (m.sequenceNumber() > expectedSequence && early.size() < EARLY_CAPACITY) {
            out.add(acknowledgement(m));
            early.put(m.sequenceNumber(), m);
        }
    }

    private void process(ClientMessage m, List<byte[]> out, boolean acknowledge) {
        boolean handshakeType = m.payloadType() == ClientMessage.HANDSHAKE_REQUEST
                || m.payloadType() == ClientMessage.HANDSHAKE_COMPLETE
                || m.payloadType() == ClientMessage.ENC_CHALLENGE_REQUEST;
        // Handshake messages are acknowledged before they are handled, output after (HandleOutputMessage).
        if (acknowledge && handshakeType) {
            out.add(acknowledgement(m));
        }
        switch (m.payloadType()) {
            case ClientMessage.HANDSHAKE_REQUEST -> {
                handshakeSeen = true;
                Handshake.Answer answer = Handshake.answer(m.payload(), clientVersion);
                agentVersion = answer.agentVersion();
                out.add(input(ClientMessage.HANDSHAKE_RESPONSE, answer.responsePayload()));
                answer.refusal().ifPresent(r -> refusal = Optional.of(r));
            }
            case ClientMessage.HANDSHAKE_COMPLETE -> {
                handshakeComplete = true;
                customerMessage = DataChannelJson.customerMessage(m.payload());
                typeInput(out);
            }
            case ClientMessage.ENC_CHALLENGE_REQUEST ->
                    refusal = Optional.of("the SSM agent asked for KMS session encryption, which Drainboard cannot do");
            case ClientMessage.OUTPUT, ClientMessage.STD_ERR, ClientMessage.ERROR -> {
                output.writeBytes(m.payload());
                if (!handshakeSeen) {
                    typeInput(out);   // agents that skip the handshake start with output (ProcessFirstMessage)
                }
            }
            case ClientMessage.EXIT_CODE -> {
                Matcher x = EXIT_CODE.matcher(new String(m.payload(), StandardCharsets.UTF_8));
                if (x.find()) {
                    exitCode = OptionalInt.of(Integer.parseInt(x.group(1)));
                }
            }
            default -> { }
        }
        if (acknowledge && !handshakeType) {
            out.add(acknowledgement(m));
        }
    }

    private void typeInput(List<byte[]> out) {
        typedInput.ifPresent(line -> out.add(input(ClientMessage.OUTPUT, line.getBytes(StandardCharsets.UTF_8))));
        typedInput = Optional.empty();
    }

    /**
     * streaming.go ProcessAcknowledgedMessage + CalculateRetransmissionTimeout: drop the acknowledged message
     * from the outgoing buffer and fold its round trip into the retransmission timeout (RFC 6298 style).
     */
    private void onAcknowledge(ClientMessage m) {
        Outgoing acked = unacked.remove(DataChannelJson.acknowledgedSequence(m.payload()));
        if (acked == null) {
            return;
        }
        double sample = Math.max(0, clock.millis() - acked.sentAtMillis());
        rttVarMs = 0.75 * rttVarMs + 0.25 * Math.abs(rttMs - sample);
        rttMs = 0.875 * rttMs + 0.125 * sample;
        rtoMs = Math.min(MAX_RTO_MS, (long) (rttMs + Math.max(CLOCK_GRANULARITY_MS, 4 * rttVarMs)));
    }

    /**
     * streaming.go ResendStreamDataMessageScheduler: every tick, the oldest unacknowledged input message is
     * sent again once it has waited longer than the retransmission timeout.
     */
    synchronized List<byte[]> resendsDue() {
        Iterator<Outgoing> oldest = unacked.values().iterator();
        if (!oldest.hasNext()) {
            return List.of();
        }
        Outgoing o = oldest.next();
        long now = clock.millis();
        if (now - o.sentAtMillis() <= rtoMs) {
            return List.of();
        }
        unacked.put(o.sequence(), new Outgoing(o.frame(), o.sequence(), now));
        return List.of(o.frame());
    }

    /** streaming.go SendInputDataMessage: input_stream_data, flags 0, the next input sequence number. */
    private byte[] input(int payloadType, byte[] payload) {
        long seq = nextSequence++;
        byte[] frame = new ClientMessage(ClientMessage.INPUT_STREAM, 1, clock.millis(), seq, 0, UUID.randomUUID(),
                payloadType, payload).encode();
        unacked.put(seq, new Outgoing(frame, seq, clock.millis()));
        return frame;
    }

    /** messageparser.go SerializeClientMessageWithAcknowledgeContent: schema 1, sequence 0, flags 3. */
    private byte[] acknowledgement(ClientMessage received) {
        return new ClientMessage(ClientMessage.ACKNOWLEDGE, 1, clock.millis(), 0, 3, UUID.randomUUID(), 0,
                DataChannelJson.acknowledgement(received)).encode();
    }

    synchronized boolean heardFromAgent() { return heardFromAgent; }

    synchronized boolean handshakeComplete() { return handshakeComplete; }

    synchronized Optional<String> closedWith() { return closedWith; }

    synchronized Optional<String> refusal() { return refusal; }

    synchronized OptionalInt exitCode() { return exitCode; }

    synchronized String agentVersion() { return agentVersion; }

    synchronized String customerMessage() { return customerMessage; }

    synchronized String output() { return output.toString(StandardCharsets.UTF_8); }

    synchronized int unacknowledgedInputs() { return unacked.size(); }
}
