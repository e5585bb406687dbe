package io.drainboard.aws.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sequencing, acknowledgement and retransmission of the client end, frame by frame, in virtual time. */
class DataChannelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock();
    private final DataChannel channel = new DataChannel(clock, "1.2.694.0", Optional.empty());

    private static byte[] agent(long seq, int payloadType, String payload) {
        return new ClientMessage("output_stream_data", 1, 1_000, seq, seq == 0 ? 1 : 0, UUID.randomUUID(), payloadType,
                payload.getBytes(StandardCharsets.UTF_8)).encode();
    }

    private static byte[] ackOf(long seq) {
        return new ClientMessage("acknowledge", 1, 1_000, 0, 3, UUID.randomUUID(), 0,
                ("{\"AcknowledgedMessageType\":\"input_stream_data\",\"AcknowledgedMessageId\":\"x\","
                        + "\"AcknowledgedMessageSequenceNumber\":" + seq + ",\"IsSequentialMessage\":true}")
                        .getBytes(StandardCharsets.UTF_8)).encode();
    }

    private static JsonNode json(ClientMessage m) throws Exception {
        return JSON.readTree(m.payload());
    }

    private static final String HANDSHAKE = "{\"AgentVersion\":\"3.3.0.0\",\"RequestedClientActions\":[{\"ActionType\":"
            + "\"SessionType\",\"ActionParameters\":{\"SessionType\":\"InteractiveCommands\",\"Properties\":{}}}]}";

    @Test
    void answersTheHandshakeAfterAcknowledgingIt() throws Exception {
        byte[] request = agent(0, ClientMessage.HANDSHAKE_REQUEST, HANDSHAKE);
        List<byte[]> out = channel.receive(request);

        assertEquals(2, out.size());
        ClientMessage ack = ClientMessage.decode(out.get(0));
        assertEquals("acknowledge", ack.messageType());
        assertEquals(3, ack.flags());
        assertEquals(ClientMessage.decode(request).messageId().toString(), json(ack).path("AcknowledgedMessageId").asText());
        assertEquals("output_stream_data", json(ack).path("AcknowledgedMessageType").asText());
        assertEquals(0, json(ack).path("AcknowledgedMessageSequenceNumber").asLong());
        assertTrue(json(ack).path("IsSequentialMessage").asBoolean());

        ClientMessage response = ClientMessage.decode(out.get(1));
        assertEquals("input_stream_data", response.messageType());
        assertEquals(ClientMessage.HANDSHAKE_RESPONSE, response.payloadType());
        assertEquals(0, response.sequenceNumber());
        JsonNode action = json(response).path("ProcessedClientActions").get(0);
        assertEquals("SessionType", action.path("ActionType").asText());
        assertEquals(Handshake.SUCCESS, action.path("ActionStatus").asInt());
        assertEquals("3.3.0.0", channel.agentVersion());
    }

    @Test
    void buffersOutputThatArrivesEarlyAndDropsResends() {
        channel.receive(agent(0, ClientMessage.HANDSHAKE_REQUEST, HANDSHAKE));
        channel.receive(agent(1, ClientMessage.HANDSHAKE_COMPLETE, "{\"HandshakeTimeToComplete\":1,\"CustomerMessage\":\"\"}"));

        assertEquals(1, channel.receive(agent(3, ClientMessage.OUTPUT, "world")).size(), "acknowledged on arrival");
        assertEquals("", channel.output(), "held until sequence 2 arrives");
        assertEquals(1, channel.receive(agent(2, ClientMessage.OUTPUT, "hello ")).size());
        assertEquals("hello world", channel.output());
        assertEquals(0, channel.receive(agent(2, ClientMessage.OUTPUT, "hello ")).size(), "a resend is not acknowledged");
        assertEquals("hello world", channel.output());
    }

    @Test
    void resendsTheHandshakeResponseUntilItIsAcknowledged() {
        channel.receive(agent(0, ClientMessage.HANDSHAKE_REQUEST, HANDSHAKE));
        assertEquals(List.of(), channel.resendsDue(), "not before the retransmission timeout");
        clock.advance(Duration.ofMillis(250));
        List<byte[]> resent = channel.resendsDue();
        assertEquals(1, resent.size());
        assertEquals(ClientMessage.HANDSHAKE_RESPONSE, ClientMessage.decode(resent.get(0)).payloadType());

        channel.receive(ackOf(0));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(), channel.resendsDue());
        assertEquals(0, channel.unacknowledgedInputs());
    }

    @Test
    void recordsTheExitCodeAndTheClosingMessage() {
        channel.receive(agent(0, ClientMessage.EXIT_CODE, "EXIT_CODE: 143"));
        assertEquals(143, channel.exitCode().orElseThrow());
        assertFalse(channel.closedWith().isPresent());
        channel.receive(new ClientMessage("channel_closed", 1, 1_000, 0, 0, UUID.randomUUID(), 0,
                "{\"SessionId\":\"s\",\"Output\":\"bye\"}".getBytes(StandardCharsets.UTF_8)).encode());
        assertEquals("bye", channel.closedWith().orElseThrow());
    }

    @Test
    void declinesKmsEncryption() throws Exception {
        List<byte[]> out = channel.receive(agent(0, ClientMessage.HANDSHAKE_REQUEST, "{\"AgentVersion\":\"3\","
                + "\"RequestedClientActions\":[{\"ActionType\":\"KMSEncryption\",\"ActionParameters\":{\"KMSKeyId\":\"k\"}}]}"));
        JsonNode action = json(ClientMessage.decode(out.get(1))).path("ProcessedClientActions").get(0);
        assertEquals(Handshake.FAILED, action.path("ActionStatus").asInt());
        assertTrue(channel.refusal().orElseThrow().contains("KMS"));
    }
}
