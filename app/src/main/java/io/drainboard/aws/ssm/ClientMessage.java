package io.drainboard.aws.ssm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.UUID;

/**
 * One binary frame of the Session Manager data channel, laid out as the session-manager-plugin does
 * (aws/session-manager-plugin src/message/clientmessage.go, the ClientMessage_*Offset constants; serialised
 * by SerializeClientMessage and read by DeserializeClientMessage in src/message/messageparser.go). All
 * integers are big-endian. {@code HeaderLength} counts the bytes before PayloadLength (116), so the payload
 * starts at HeaderLength + 4.
 */
record ClientMessage(String messageType, int schemaVersion, long createdDate, long sequenceNumber, long flags,
                     UUID messageId, int payloadType, byte[] payload) {

    // Message types: clientmessage.go, const block at the top.
    static final String INPUT_STREAM = "input_stream_data";
    static final String OUTPUT_STREAM = "output_stream_data";
    static final String ACKNOWLEDGE = "acknowledge";
    static final String CHANNEL_CLOSED = "channel_closed";
    static final String START_PUBLICATION = "start_publication";
    static final String PAUSE_PUBLICATION = "pause_publication";

    // PayloadType values: clientmessage.go, "const ( Output PayloadType = 1 ... ExitCode = 12 )".
    static final int OUTPUT = 1;
    static final int ERROR = 2;
    static final int SIZE = 3;
    static final int HANDSHAKE_REQUEST = 5;
    static final int HANDSHAKE_RESPONSE = 6;
    static final int HANDSHAKE_COMPLETE = 7;
    static final int ENC_CHALLENGE_REQUEST = 8;
    static final int STD_ERR = 11;
    static final int EXIT_CODE = 12;

    static final int TYPE_OFFSET = 4;
    static final int TYPE_LENGTH = 32;
    static final int SCHEMA_OFFSET = 36;
    static final int CREATED_OFFSET = 40;
    static final int SEQUENCE_OFFSET = 48;
    static final int FLAGS_OFFSET = 56;
    static final int ID_OFFSET = 64;
    static final int DIGEST_OFFSET = 80;
    static final int PAYLOAD_TYPE_OFFSET = 112;
    static final int HEADER_LENGTH = 116;
    static final int PAYLOAD_OFFSET = 120;

    ClientMessage {
        payload = payload == null ? new byte[0] : payload;
    }

    /** Serialises as SerializeClientMessage does: type space-padded, SHA-256 digest of the payload. */
    byte[] encode() {
        byte[] type = messageType.getBytes(StandardCharsets.UTF_8);
        if (type.length > TYPE_LENGTH) {
            throw new IllegalArgumentException("message type longer than 32 bytes: " + messageType);
        }
        ByteBuffer b = ByteBuffer.allocate(PAYLOAD_OFFSET + payload.length);
        b.putInt(HEADER_LENGTH);
        byte[] paddedType = new byte[TYPE_LENGTH];
        Arrays.fill(paddedType, (byte) ' ');   // putString wipes the field with spaces first
        System.arraycopy(type, 0, paddedType, 0, type.length);
        b.put(paddedType);
        b.putInt(schemaVersion);
        b.putLong(createdDate);
        b.putLong(sequenceNumber);
        b.putLong(flags);
        // putUuid: least significant half first, then the most significant half (the plugin's quirk).
        b.putLong(messageId.getLeastSignificantBits());
        b.putLong(messageId.getMostSignificantBits());
        b.put(sha256(payload));
        b.putInt(payloadType);
        b.putInt(payload.length);
        b.put(payload);
        return b.array();
    }

    /**
     * Parses and validates one frame as DeserializeClientMessage + Validate do; the payload is every byte
     * after HeaderLength + 4, as in the plugin.
     *
     * @throws IllegalArgumentException when the frame is truncated or fails validation
     */
    static ClientMessage decode(byte[] frame) {
        if (frame.length < PAYLOAD_OFFSET) {
            throw new IllegalArgumentException("data channel frame of " + frame.length + " bytes is shorter than the "
                    + PAYLOAD_OFFSET + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        int headerLength = b.getInt(0);
        String type = trimType(Arrays.copyOfRange(frame, TYPE_OFFSET, TYPE_OFFSET + TYPE_LENGTH));
        long least = b.getLong(ID_OFFSET);
        long most = b.getLong(ID_OFFSET + 8);
        byte[] digest = Arrays.copyOfRange(frame, DIGEST_OFFSET, DIGEST_OFFSET + 32);
        int payloadLength = b.getInt(HEADER_LENGTH);
        int start = headerLength + 4;
        if (headerLength <= 0 || start > frame.length) {
            throw new IllegalArgumentException("data channel frame has a bad header length " + headerLength);
        }
        byte[] payload = Arrays.copyOfRange(frame, start, frame.length);
        ClientMessage m = new ClientMessage(type, b.getInt(SCHEMA_OFFSET), b.getLong(CREATED_OFFSET),
                b.getLong(SEQUENCE_OFFSET), b.getLong(FLAGS_OFFSET), new UUID(most, least),
                b.getInt(PAYLOAD_TYPE_OFFSET), payload);
        m.validate(payloadLength, digest);
        return m;
    }

    /** messageparser.go Validate: publication messages skip it; others need a type, a date and a good digest. */
    private void validate(int payloadLength, byte[] digest) {
        if (START_PUBLICATION.equals(messageType) || PAUSE_PUBLICATION.equals(messageType)) {
            return;
        }
        if (messageType.isEmpty()) {
            throw new IllegalArgumentException("data channel frame has no message type");
        }
        if (createdDate == 0) {
            throw new IllegalArgumentException("data channel frame has no CreatedDate");
        }
        if (payloadLength != 0 && !MessageDigest.isEqual(sha256(payload), digest)) {
            throw new IllegalArgumentException("data channel frame " + messageType + " #" + sequenceNumber
                    + " has a payload that does not match its SHA-256 digest");
        }
    }

    /** getString: strip NULs, then surrounding spaces. */
    private static String trimType(byte[] raw) {
        int from = 0;
        int to = raw.length;
        while (from < to && raw[from] == 0) {
            from++;
        }
        while (to > from && raw[to - 1] == 0) {
            to--;
        }
        return new String(raw, from, to - from, StandardCharsets.UTF_8).trim();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return messageType + "#" + sequenceNumber + " payloadType=" + payloadType + " (" + payload.length + " B)";
    }
}
