package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.sim.http.AwsException;

import java.util.ArrayList;
import java.util.List;

/** Reads request members the way ECS validates them. */
final class Params {
    private Params() {
    }

    /** A string member, or null when absent or JSON null. */
    static String string(JsonNode request, String field) {
        JsonNode n = request.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isValueNode()) throw serialization();
        return n.asText();
    }

    /** A string list member; empty when absent. */
    static List<String> strings(JsonNode request, String field) {
        JsonNode n = request.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (!n.isArray()) throw serialization();
        for (JsonNode e : n) out.add(e.asText());
        return out;
    }

    /** An integer member, or null when absent. */
    static Integer integer(JsonNode request, String field) {
        JsonNode n = request.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.canConvertToInt() || !n.isIntegralNumber()) throw serialization();
        return n.asInt();
    }

    /** A boolean member, or null when absent. */
    static Boolean bool(JsonNode request, String field) {
        JsonNode n = request.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isBoolean()) throw serialization();
        return n.asBoolean();
    }

    /** A string member that must be there. */
    static String required(JsonNode request, String field, String messageWhenMissing) {
        String v = string(request, field);
        if (v == null || v.isEmpty()) throw AwsException.invalidParameter(messageWhenMissing);
        return v;
    }

    /** {"key": …, "value": …} pairs (API Reference "Tag"), in order. */
    static java.util.Map<String, String> tags(JsonNode request, String field) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        JsonNode n = request.get(field);
        if (n == null || n.isNull()) return out;
        if (!n.isArray()) throw serialization();
        for (JsonNode t : n) {
            JsonNode k = t.get("key");
            JsonNode v = t.get("value");
            out.put(k == null ? null : k.asText(), v == null || v.isNull() ? "" : v.asText());
        }
        return out;
    }

    /** Whether the {@code include} list asks for {@code value} (e.g. TAGS). */
    static boolean includes(JsonNode request, String value) {
        return strings(request, "include").contains(value);
    }

    /**
     * The page size. ECS API Reference, every List* page: "This value can be between 1 and 100"; when
     * omitted the operation's own default applies (ListServices 10, the others 100).
     */
    static int maxResults(JsonNode request, int defaultValue) {
        JsonNode n = request.get("maxResults");
        if (n == null || n.isNull()) return defaultValue;
        if (!n.canConvertToInt()) throw serialization();
        int v = n.asInt();
        if (v < 1 || v > 100) {
            throw AwsException.invalidParameter("maxResults must be a number between 1 and 100, was " + v + ".");
        }
        return v;
    }

    /** A list argument over its per-call limit; the message is the one ECS returns (e.g. "taskIds can have at most 100 items."). */
    static void limit(List<String> values, int max, String what) {
        if (values.size() > max) throw AwsException.invalidParameter(what + " can have at most " + max + " items.");
    }

    private static AwsException serialization() {
        return new AwsException("SerializationException", "Unexpected JSON type for a request member.");
    }
}
