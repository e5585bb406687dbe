package io.drainboard.rollout;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a service's rollout lock: a tag on the service, {@code drainboard:rollout-lock}, whose value
 * names the operator, their host, the lock's expiry and the rollout. A lock past its expiry is stale: its
 * console stopped renewing it, and another may take it over. Tag values allow letters, digits, spaces and
 * {@code _ . : / = + - @} (ECS API Reference "Tag"), so the fields are space-separated key=value pairs.
 */
public record LockHolder(String owner, String host, Instant until, String lockId, String rollout) {
    public static final String TAG = "drainboard:rollout-lock";

    public boolean live(Instant now) {
        return until.isAfter(now);
    }

    public String tagValue() {
        String v = "owner=" + clean(owner) + " host=" + clean(host) + " until=" + until + " id=" + clean(lockId)
                + " rollout=" + clean(rollout);
        return v.length() > 256 ? v.substring(0, 256) : v;
    }

    /** "alice@laptop until 03:40:00Z (rollout …)" */
    public String describe() {
        return owner + "@" + host + " until " + until + " (rollout " + rollout + ")";
    }

    public static Optional<LockHolder> parse(String value) {
        if (value == null) return Optional.empty();
        Map<String, String> f = new HashMap<>();
        for (String part : value.trim().split(" +")) {
            int eq = part.indexOf('=');
            if (eq > 0) f.put(part.substring(0, eq), part.substring(eq + 1));
        }
        try {
            return Optional.of(new LockHolder(f.getOrDefault("owner", "?"), f.getOrDefault("host", "?"),
                    Instant.parse(f.get("until")), f.getOrDefault("id", "?"), f.getOrDefault("rollout", "?")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public static Optional<LockHolder> of(Map<String, String> tags) {
        return parse(tags.get(TAG));
    }

    private static String clean(String s) {
        return s == null || s.isEmpty() ? "?" : s.replaceAll("[^A-Za-z0-9_.:/+\\-@]", "_");
    }
}
