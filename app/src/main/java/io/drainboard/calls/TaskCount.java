package io.drainboard.calls;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One task's live-call count from a source that reports counts, not calls (the worker endpoint, a
 * CloudWatch metric). An empty count means the source could not say: {@code error} tells why.
 *
 * @param observedAt when the number was true: the request time, or the metric datapoint's timestamp
 * @param load       the worker's own load figure (0–1) when the source gives one
 */
public record TaskCount(OptionalInt count, Instant observedAt, OptionalDouble load, Optional<String> error) {
    public static TaskCount of(int count, Instant at, OptionalDouble load) {
        return new TaskCount(OptionalInt.of(count), at, load, Optional.empty());
    }

    public static TaskCount failed(Instant at, String error) {
        return new TaskCount(OptionalInt.empty(), at, OptionalDouble.empty(), Optional.of(error));
    }
}
