package io.drainboard.sim.livekit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes on the wire for the two Twirp content types, mirroring the generated twirp v8.1.3 server
 * ([PROTO] livekit/livekit_room.twirp.go, e.g. serveListRoomsJSON / serveListRoomsProtobuf).
 * Stateless and thread-safe: JsonFormat printers and parsers are immutable.
 */
enum TwirpWire {
    PROTOBUF("application/protobuf"),
    JSON("application/json");

    /**
     * protojson.MarshalOptions{UseProtoNames: true, EmitUnpopulated: true}: LiveKit sets neither
     * jsonCamelCase nor jsonSkipDefaults (livekit_room.twirp.go L1497–1523, L1715).
     */
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
            .preservingProtoFieldNames()
            .alwaysPrintFieldsWithNoPresence()
            .omittingInsignificantWhitespace();
    /** protojson.UnmarshalOptions{DiscardUnknown: true} (L1668); accepts proto and camelCase names. */
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private final String contentType;

    TwirpWire(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /**
     * The generated server's content-type switch (livekit_room.twirp.go L1641–1643): media type
     * before any ';', trimmed, lower-cased.
     *
     * @return null for anything else (the caller answers bad_route)
     */
    static TwirpWire forContentType(String header) {
        String h = header == null ? "" : header;
        int semi = h.indexOf(';');
        String mediaType = (semi < 0 ? h : h.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case "application/json" -> JSON;
            case "application/protobuf" -> PROTOBUF;
            default -> null;
        };
    }

    @SuppressWarnings("unchecked")
    <T extends Message> T decode(byte[] body, T prototype) {
        try {
            if (this == PROTOBUF) {
                return (T) prototype.getParserForType().parseFrom(body);
            }
            String json = new String(body, StandardCharsets.UTF_8);
            if (json.isBlank()) {
                throw new InvalidProtocolBufferException("EOF"); // json.Decoder.Decode on an empty body
            }
            Message.Builder builder = prototype.newBuilderForType();
            PARSER.merge(json, builder);
            return (T) builder.build();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            // JsonFormat reports some syntax errors as unchecked exceptions; both are a bad body.
            throw new TwirpException(TwirpCode.MALFORMED, this == PROTOBUF
                    ? "the protobuf request could not be decoded"
                    : "the json request could not be decoded");
        }
    }

    byte[] encode(Message message) {
        if (this == PROTOBUF) {
            return message.toByteArray();
        }
        try {
            return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new TwirpException(TwirpCode.INTERNAL, "failed to marshal json response");
        }
    }

    /**
     * twirp's marshalErrorToJSON: {@code {"code","msg","meta"}}, meta omitted when empty, keys in
     * encoding/json order (sorted map keys).
     */
    static byte[] errorBody(TwirpException e) {
        StringBuilder sb = new StringBuilder(64);
        sb.append("{\"code\":").append(jsonString(e.code().wireName()))
                .append(",\"msg\":").append(jsonString(e.getMessage()));
        if (!e.meta().isEmpty()) {
            sb.append(",\"meta\":{");
            String sep = "";
            for (Map.Entry<String, String> m : new TreeMap<>(e.meta()).entrySet()) {
                sb.append(sep).append(jsonString(m.getKey())).append(':').append(jsonString(m.getValue()));
                sep = ",";
            }
            sb.append('}');
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal escaped like Go's encoding/json (which also escapes &lt;, &gt;, &amp;). */
    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Go's {@code %q} for the ASCII strings that show up in routing errors. */
    static String goQuote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
