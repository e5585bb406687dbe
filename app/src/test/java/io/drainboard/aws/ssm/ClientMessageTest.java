package io.drainboard.aws.ssm;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The frame layout, checked byte by byte against session-manager-plugin src/message/clientmessage.go. */
class ClientMessageTest {
    private static final UUID ID = UUID.fromString("dd01e56b-ff48-483e-a508-b5f073f31b16");
    private static final byte[] PAYLOAD = "payload".getBytes(StandardCharsets.UTF_8);

    @Test
    void encodesEveryFieldAtThePluginsOffset() {
        byte[] b = new ClientMessage("input_stream_data", 1, 1503434274948L, 2, 0, ID, 6, PAYLOAD).encode();
        ByteBuffer in = ByteBuffer.wrap(b);
        assertEquals(120 + PAYLOAD.length, b.length);
        assertEquals(116, in.getInt(0));
        assertEquals("input_stream_data               ", new String(b, 4, 32, StandardCharsets.US_ASCII));
        assertEquals(1, in.getInt(36));
        assertEquals(1503434274948L, in.getLong(40));
        assertEquals(2, in.getLong(48));
        assertEquals(0, in.getLong(56));
        assertEquals(0xa508b5f073f31b16L, in.getLong(64), "least significant half first (putUuid)");
        assertEquals(0xdd01e56bff48483eL, in.getLong(72));
        assertArrayEquals(ClientMessage.sha256(PAYLOAD), Arrays.copyOfRange(b, 80, 112));
        assertEquals(6, in.getInt(112));
        assertEquals(PAYLOAD.length, in.getInt(116));
        assertArrayEquals(PAYLOAD, Arrays.copyOfRange(b, 120, b.length));
    }

    @Test
    void decodesAHandBuiltFrameWithANulPaddedType() {
        ByteBuffer b = ByteBuffer.allocate(120 + PAYLOAD.length);
        b.putInt(116).put(Arrays.copyOf("output_stream_data".getBytes(StandardCharsets.US_ASCII), 32));
        b.putInt(1).putLong(99).putLong(7).putLong(1);
        b.putLong(ID.getLeastSignificantBits()).putLong(ID.getMostSignificantBits());
        b.put(ClientMessage.sha256(PAYLOAD)).putInt(1).putInt(PAYLOAD.length).put(PAYLOAD);

        ClientMessage m = ClientMessage.decode(b.array());
        assertEquals("output_stream_data", m.messageType());
        assertEquals(7, m.sequenceNumber());
        assertEquals(1, m.flags());
        assertEquals(ID, m.messageId());
        assertEquals(1, m.payloadType());
        assertArrayEquals(PAYLOAD, m.payload());
    }

    @Test
    void rejectsWhatValidateRejects() {
        byte[] good = new ClientMessage("output_stream_data", 1, 99, 0, 0, ID, 1, PAYLOAD).encode();
        byte[] tampered = good.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> ClientMessage.decode(tampered));
        byte[] undated = new ClientMessage("output_stream_data", 1, 0, 0, 0, ID, 1, PAYLOAD).encode();
        assertThrows(IllegalArgumentException.class, () -> ClientMessage.decode(undated));
        assertThrows(IllegalArgumentException.class, () -> ClientMessage.decode(Arrays.copyOf(good, 60)));
    }
}
