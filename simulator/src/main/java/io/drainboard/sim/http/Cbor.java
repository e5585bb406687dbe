package io.drainboard.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * CBOR for Smithy RPC v2: requests read as a Jackson tree (a timestamp arrives as its tag-1 number of
 * epoch seconds), responses written from plain maps, lists and scalars, with {@link Instant} as tag 1
 * (epoch-based date/time, RFC 8949 §3.4.2) as the protocol requires
 * (https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html, "Shape serialization").
 */
public final class Cbor {
    private static final CBORMapper MAPPER = new CBORMapper();
    private static final CBORFactory FACTORY = MAPPER.getFactory();

    private Cbor() {
    }

    public static JsonNode read(byte[] body) throws IOException {
        if (body.length == 0) return MAPPER.createObjectNode();
        JsonNode n = MAPPER.readTree(body);
        return n == null || n.isMissingNode() ? MAPPER.createObjectNode() : n;
    }

    public static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (CBORGenerator g = (CBORGenerator) FACTORY.createGenerator(out)) {
            writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeValue(CBORGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() == null) continue;
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray(l, l.size());
            for (Object o : l) writeValue(g, o);
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Instant t) {
            g.writeTag(1);
            if (t.getNano() == 0) g.writeNumber(t.getEpochSecond());
            else g.writeNumber(t.getEpochSecond() + t.getNano() / 1e9);
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass() + " as CBOR");
        }
    }
}
