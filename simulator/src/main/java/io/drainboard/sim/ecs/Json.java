package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;

/** Small builders for ECS JSON responses. */
final class Json {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return F.objectNode();
    }

    static ArrayNode array() {
        return F.arrayNode();
    }

    /**
     * awsJson1_1 writes timestamps as epoch seconds in a JSON number (Smithy "AWS JSON 1.1 protocol",
     * timestamp format epoch-seconds). Written as an exact decimal with millisecond fraction
     * (e.g. 1700000000.123) so every client parses back the very millisecond; a double's text can
     * round (…122.9999) on older JDKs. Null → field omitted, as ECS omits unset timestamps.
     */
    static void time(ObjectNode o, String field, Instant t) {
        if (t != null) o.set(field, DecimalNode.valueOf(BigDecimal.valueOf(t.toEpochMilli(), 3)));
    }

    /** ECS omits members that are not set rather than sending null. */
    static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) o.put(field, value);
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode a = array();
        for (String v : values) a.add(v);
        return a;
    }

    /** The {name, value} pair ECS uses for attributes, settings, statistics and attachment details. */
    static ObjectNode nameValue(String name, String value) {
        ObjectNode o = object();
        o.put("name", name);
        o.put("value", value);
        return o;
    }

    /** A Failure with its detail (API Reference "Failure": arn, reason, detail). */
    static ObjectNode failure(String arn, String reason, String detail) {
        ObjectNode o = object();
        o.put("arn", arn);
        o.put("reason", reason);
        putIfSet(o, "detail", detail);
        return o;
    }

    /** Tags as ECS lists them: [{"key": …, "value": …}]. */
    static ArrayNode tags(java.util.Map<String, String> tags) {
        ArrayNode a = array();
        tags.forEach((k, v) -> {
            ObjectNode t = a.addObject();
            t.put("key", k);
            t.put("value", v);
        });
        return a;
    }

    /** {"arn": …, "reason": "MISSING"}: what Describe* operations return for resources they cannot find. */
    static ObjectNode missing(String arn) {
        ObjectNode o = object();
        o.put("arn", arn);
        o.put("reason", "MISSING");
        return o;
    }
}
