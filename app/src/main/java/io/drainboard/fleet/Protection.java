package io.drainboard.fleet;

import java.time.Instant;
import java.util.Optional;

/** Task scale-in protection as GetTaskProtection reports it; UNKNOWN when it could not be read. */
public record Protection(State state, Optional<Instant> expiresAt) {
    public enum State { ON, OFF, UNKNOWN }

    public static final Protection OFF = new Protection(State.OFF, Optional.empty());
    public static final Protection UNKNOWN = new Protection(State.UNKNOWN, Optional.empty());

    public static Protection until(Instant expiry) {
        return new Protection(State.ON, Optional.of(expiry));
    }
}
