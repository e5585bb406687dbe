package io.drainboard.drain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The mark a guard service leaves on a task it protects: a tag {@code drainboard:protected-by} =
 * {@code by=guard id=<guard> host=<host> until=<expiry>}, written after each protection it grants, with the
 * expiry ECS answered (API Reference "TagResource"; tasks take tags like other ECS resources). ECS does not say
 * who protected a task; the mark does, as long as the task's expiry is still the one in the mark — a later grant
 * by anyone else (the worker renewing its own protection, an operator) resets the expiry, and the mark no longer
 * speaks for it. Tag values allow letters, digits, spaces and {@code _ . : / = + - @}.
 */
public record ProtectionMark(String by, String id, String host, Instant until) {
    public static final String TAG = "drainboard:protected-by";
    public static final String GUARD = "guard";
    /** ECS answers the expiry to the millisecond or so; a mark matches an expiry this close to it. */
    static final Duration MATCH = Duration.ofSeconds(2);

    public String tagValue() {
        return "by=" + TagFields.clean(by) + " id=" + TagFields.clean(id) + " host=" + TagFields.clean(host) + " until=" + until;
    }

    /** The mark speaks for this expiry: nobody granted protection since it was written. */
    public boolean covers(Instant expiry) {
        return Duration.between(until, expiry).abs().compareTo(MATCH) <= 0;
    }

    public static Optional<ProtectionMark> of(Map<String, String> tags) {
        String v = tags.get(TAG);
        if (v == null) return Optional.empty();
        Map<String, String> f = TagFields.parse(v);
        try {
            return Optional.of(new ProtectionMark(f.getOrDefault("by", "?"), f.getOrDefault("id", "?"),
                    f.getOrDefault("host", "?"), Instant.parse(f.get("until"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
