package io.drainboard.drain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Which guard service leads a service: a tag {@code drainboard:guard} on the service =
 * {@code id=<guard> host=<host> until=<lease end> at=<heartbeat> lag=<seconds>}. The leader writes it, confirms it
 * on the next pass (ECS has no conditional write: of two replicas writing at once the one whose tag stands leads)
 * and renews it while it runs; a replica that stops renewing loses the lease when {@code until} passes, and a
 * standby takes over. {@code at} is the leader's last pass (its heartbeat), {@code lag} how old the fleet reading
 * was that the pass acted on. The console shows it per service and stands its own guard mode down while a lease is
 * live. Tag values allow letters, digits, spaces and {@code _ . : / = + - @} (API Reference "Tag").
 */
public record GuardLease(String id, String host, Instant until, Instant at, Duration lag) {
    public static final String TAG = "drainboard:guard";

    public boolean live(Instant now) {
        return until.isAfter(now);
    }

    public String tagValue() {
        return "id=" + TagFields.clean(id) + " host=" + TagFields.clean(host) + " until=" + until + " at=" + at
                + " lag=" + Math.max(0, lag.toSeconds());
    }

    /** "guard-7f3a on ip-10-0-1-5, heartbeat 12 s ago, lag 5 s" */
    public String describe(Instant now) {
        return id + " on " + host + ", heartbeat " + Math.max(0, Duration.between(at, now).toSeconds()) + " s ago, lag "
                + lag.toSeconds() + " s" + (live(now) ? "" : " (lease lapsed " + Duration.between(until, now).toSeconds()
                + " s ago)");
    }

    public static Optional<GuardLease> of(Map<String, String> tags) {
        String v = tags.get(TAG);
        if (v == null) return Optional.empty();
        Map<String, String> f = TagFields.parse(v);
        try {
            Instant until = Instant.parse(f.get("until"));
            Instant at = f.containsKey("at") ? Instant.parse(f.get("at")) : until;
            return Optional.of(new GuardLease(f.getOrDefault("id", "?"), f.getOrDefault("host", "?"), until, at,
                    Duration.ofSeconds(Long.parseLong(f.getOrDefault("lag", "0")))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
