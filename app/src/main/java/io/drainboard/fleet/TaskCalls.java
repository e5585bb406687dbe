package io.drainboard.fleet;

import java.time.Instant;
import java.util.Optional;

/**
 * Live calls on one task, with where the number came from and when. {@code known == false} means the
 * source failed: the view shows "?" with the error, never 0.
 */
public record TaskCalls(boolean known, int count, Optional<Instant> oldestStart, String source,
                        Instant observedAt, Optional<String> error) {
    public static TaskCalls unknown(String source, Instant at, String error) {
        return new TaskCalls(false, 0, Optional.empty(), source, at, Optional.of(error));
    }
}
