package io.drainboard.sim.ssm;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The frame layout, checked field by field against the offsets in session-manager-plugin clientmessage.go. */
class AgentMessageTest {
    private static final UUID ID = UUID.fromString("dd01e56b-ff48-483e-a508-b5f073f31b16");
    private static final byte[] PAYLOAD = "payload".getBytes(StandardCharsets.UTF_8);

    @Test
    void fieldsSitAtThePluginsOffsets() {
        byte[] b = new AgentMessage("output_stream_data", 1, 1503434274948L, 2, 1, ID, 1, PAYLOAD).serialize();
        ByteBuffer in = ByteBuffer.wrap(b);
        assertEquals(116, in.getInt(0), "HeaderLength = ClientMessage_PayloadLengthOffset");
        assertEquals("output_stream_data              ", new String(b, 4, 32, StandardCharsets.UTF_8));
        assertEquals(1, in.getInt(36));
        assertEquals(1503434274948L, in.getLong(40));
        assertEquals(2, in.getLong(48));
        assertEquals(1, in.getLong(56));
        // putUuid: the UUID's low 8 bytes first, then its high 8 bytes.
        assertEquals(0xa508b5f073f31b16L, in.getLong(64));
        assertEquals(0xdd01e56bff48483eL, in.getLong(72));
        assertArrayEquals(AgentMessage.digest(PAYLOAD), Arrays.copyOfRange(b, 80, 112));
        assertEquals(1, in.getInt(112));
        assertEquals(PAYLOAD.length, in.getInt(116));
        assertEquals("payload", new String(b, 120, b.length - 120, StandardCharsets.UTF_8));
    }

    @Test
    void parsesWhatItSerialises() {
        AgentMessage m = AgentMessage.parse(new AgentMessage("acknowledge", 1, 7, 0, 3, ID, 0, PAYLOAD).serialize());
        assertEquals("acknowledge", m.messageType());
        assertEquals(ID, m.messageId());
        assertEquals(3, m.flags());
        assertEquals("payload", m.text());
    }

    @Test
    void rejectsATamperedPayloadAndATruncatedFrame() {
        byte[] b = new AgentMessage("input_stream_data", 1, 7, 0, 0, ID, 1, PAYLOAD).serialize();
        b[b.length - 1] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> AgentMessage.parse(b));
        assertThrows(IllegalArgumentException.class, () -> AgentMessage.parse(Arrays.copyOf(b, 100)));
    }
}
