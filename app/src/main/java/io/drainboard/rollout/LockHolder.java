package io.drainboard.rollout;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a service's rollout lock: a tag on the service, {@code drainboard:rollout-lock}, whose value
 * names the operator, their host, the lock's expiry, the rollout, and the one engine process that drives it
 * ({@code proc}, new for every engine, and its OS {@code pid}): two processes resuming the same rollout (same
 * rollout and lock id) are still told apart. A lock past its expiry is stale: its console stopped renewing
 * it, and another may take it over. Tag values allow letters, digits, spaces and {@code _ . : / = + - @}
 * (ECS API Reference "Tag"), so the fields are space-separated key=value pairs.
 *
 * @param proc the engine process's id ("?" in a tag written before engines were named)
 * @param pid  its OS process id on {@code host}; -1 when unknown
 */
public record LockHolder(String owner, String host, Instant until, String lockId, String rollout, String proc, long pid) {
    public static final String TAG = io.drainboard.fleet.ServiceSnapshot.ROLLOUT_LOCK_TAG;

    /** A holder written without a process (another console's tag, or an older one). */
    public LockHolder(String owner, String host, Instant until, String lockId, String rollout) {
        this(owner, host, until, lockId, rollout, "?", -1);
    }

    public boolean live(Instant now) {
        return until.isAfter(now);
    }

    public String tagValue() {
        String v = "owner=" + clean(owner) + " host=" + clean(host) + " until=" + until + " id=" + clean(lockId)
                + " proc=" + clean(proc) + " pid=" + pid + " rollout=" + clean(rollout);
        return v.length() > 256 ? v.substring(0, 256) : v;
    }

    /** "alice@laptop (process 4242) until 03:40:00Z (rollout …)" */
    public String describe() {
        return owner + "@" + host + (pid > 0 ? " (process " + pid + ")" : "") + " until " + until + " (rollout " + rollout + ")";
    }

    public static Optional<LockHolder> parse(String value) {
        if (value == null) return Optional.empty();
        Map<String, String> f = new HashMap<>();
        for (String part : value.trim().split(" +")) {
            int eq = part.indexOf('=');
            if (eq > 0) f.put(part.substring(0, eq), part.substring(eq + 1));
        }
        try {
            long pid;
            try {
                pid = Long.parseLong(f.getOrDefault("pid", "-1"));
            } catch (NumberFormatException e) {
                pid = -1;
            }
            return Optional.of(new LockHolder(f.getOrDefault("owner", "?"), f.getOrDefault("host", "?"),
                    Instant.parse(f.get("until")), f.getOrDefault("id", "?"), f.getOrDefault("rollout", "?"),
                    f.getOrDefault("proc", "?"), pid));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public static Optional<LockHolder> of(Map<String, String> tags) {
        return parse(tags.get(TAG));
    }

    static String clean(String s) {
        return s == null || s.isEmpty() ? "?" : s.replaceAll("[^A-Za-z0-9_.:/+\\-@]", "_");
    }
}
