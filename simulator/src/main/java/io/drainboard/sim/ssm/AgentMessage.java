package io.drainboard.sim.ssm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.UUID;

/**
 * One binary frame as the SSM agent and the Session Manager service exchange it with the client: the
 * agent's AgentMessage (amazon-ssm-agent agent/session/contracts/agentmessage.go), which has the same layout
 * as the plugin's ClientMessage (session-manager-plugin src/message/clientmessage.go): HeaderLength(4)
 * MessageType(32, space-padded) SchemaVersion(4) CreatedDate(8) SequenceNumber(8) Flags(8) MessageId(16)
 * PayloadDigest(32) PayloadType(4) PayloadLength(4) Payload, big-endian. This simulator keeps its own
 * codec, written apart from the console's, so a bug on one side is not mirrored on the other.
 */
record AgentMessage(String messageType, int schemaVersion, long createdDate, long sequenceNumber, long flags,
                    UUID messageId, int payloadType, byte[] payload) {

    static final String INPUT_STREAM_DATA = "input_stream_data";
    static final String OUTPUT_STREAM_DATA = "output_stream_data";
    static final String ACKNOWLEDGE = "acknowledge";
    static final String CHANNEL_CLOSED = "channel_closed";

    // PayloadType (agentmessage.go / clientmessage.go).
    static final int OUTPUT = 1;
    static final int SIZE = 3;
    static final int HANDSHAKE_REQUEST = 5;
    static final int HANDSHAKE_RESPONSE = 6;
    static final int HANDSHAKE_COMPLETE = 7;
    static final int FLAG = 10;
    static final int EXIT_CODE = 12;

    /** Bytes before PayloadLength: 4 + 32 + 4 + 8 + 8 + 8 + 16 + 32 + 4. */
    static final int HEADER_LENGTH = 116;

    AgentMessage {
        payload = payload == null ? new byte[0] : payload;
    }

    byte[] serialize() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + 4 + payload.length);
        out.putInt(HEADER_LENGTH);
        byte[] type = new byte[32];
        Arrays.fill(type, (byte) ' ');
        byte[] name = messageType.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, type, 0, name.length);
        out.put(type).putInt(schemaVersion).putLong(createdDate).putLong(sequenceNumber).putLong(flags);
        // The MessageId goes out low half first (agentmessage.go putUuid, like the plugin).
        out.putLong(messageId.getLeastSignificantBits()).putLong(messageId.getMostSignificantBits());
        out.put(digest(payload)).putInt(payloadType).putInt(payload.length).put(payload);
        return out.array();
    }

    /** @throws IllegalArgumentException for a short frame or one whose payload does not match its digest */
    static AgentMessage parse(byte[] raw) {
        if (raw.length < HEADER_LENGTH + 4) {
            throw new IllegalArgumentException("frame of " + raw.length + " bytes has no complete header");
        }
        ByteBuffer in = ByteBuffer.wrap(raw);
        int headerLength = in.getInt();
        byte[] type = new byte[32];
        in.get(type);
        int schema = in.getInt();
        long created = in.getLong();
        long seq = in.getLong();
        long flags = in.getLong();
        long low = in.getLong();
        long high = in.getLong();
        byte[] digest = new byte[32];
        in.get(digest);
        int payloadType = in.getInt();
        int payloadLength = in.getInt();
        if (headerLength + 4 + payloadLength != raw.length) {
            throw new IllegalArgumentException("frame length " + raw.length + " disagrees with HeaderLength "
                    + headerLength + " and PayloadLength " + payloadLength);
        }
        byte[] payload = Arrays.copyOfRange(raw, headerLength + 4, raw.length);
        if (payloadLength > 0 && !Arrays.equals(digest, digest(payload))) {
            throw new IllegalArgumentException("payload digest mismatch");
        }
        String name = new String(type, StandardCharsets.UTF_8).replace("\0", "").trim();
        return new AgentMessage(name, schema, created, seq, flags, new UUID(high, low), payloadType, payload);
    }

    static byte[] digest(byte[] payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
