package io.drainboard.fleet;

import io.drainboard.calls.CallsReading;

import java.time.Instant;
import java.util.Optional;

/**
 * How the call source answered one refresh, as a whole: its name, when, its error if it failed, and how many live
 * calls named no task. The calls per task are not here: each task carries its own ({@link TaskSnapshot#calls()},
 * joined by {@code CallsJoin}), so nothing above the read path can read around that join.
 */
public record CallsStatus(String source, Instant observedAt, Optional<String> error, int unattributed) {

    public static CallsStatus of(CallsReading r) {
        return new CallsStatus(r.source(), r.observedAt(), r.error(), r.unattributed());
    }

    public static CallsStatus ok(String source, Instant at) {
        return new CallsStatus(source, at, Optional.empty(), 0);
    }

    public static CallsStatus failed(String source, Instant at, String error) {
        return new CallsStatus(source, at, Optional.of(error), 0);
    }

    public boolean ok() {
        return error.isEmpty();
    }
}
