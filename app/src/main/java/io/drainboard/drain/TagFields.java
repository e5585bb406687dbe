package io.drainboard.drain;

import java.util.HashMap;
import java.util.Map;

/**
 * The value of a tag Drainboard writes as space-separated {@code key=value} fields ({@link GuardLease},
 * {@link ProtectionMark}). Tag values allow letters, digits, spaces and {@code _ . : / = + - @} (ECS API Reference
 * "Tag"), so a field's value is cleaned to those characters before it is written.
 */
public final class TagFields {
    private TagFields() {
    }

    /** The fields of a tag value; a part without {@code =} is passed over. */
    public static Map<String, String> parse(String value) {
        Map<String, String> f = new HashMap<>();
        for (String part : value.trim().split(" +")) {
            int eq = part.indexOf('=');
            if (eq > 0) f.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return f;
    }

    /** A field value a tag takes: "?" for none, any other character than those a tag value allows as "_". */
    public static String clean(String s) {
        return s == null || s.isEmpty() ? "?" : s.replaceAll("[^A-Za-z0-9_.:/+\\-@]", "_");
    }
}
