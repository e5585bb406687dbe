package io.drainboard.scaling;

import java.time.Duration;
import java.util.Optional;

/**
 * What the operator tells the check that AWS does not know: sessions one task holds, the worker's drain_timeout,
 * and how far back history is searched for the peak. Left out, the capacity is assumed (and the findings say so)
 * and drain_timeout is the LiveKit agents' default.
 */
public record CheckSettings(Optional<Integer> capacityPerTask, Optional<Duration> drainTimeout, Duration historySpan) {
    /** Sessions per worker the seeds recommend setting conservatively: 3–5; the middle when not told. */
    public static final int ASSUMED_CAPACITY = 4;
    /** Python agents ≥ 1.6.5 and JS agents drain for up to 3600 s (docs/drain.md). */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(3600);

    public static final CheckSettings DEFAULT = new CheckSettings(Optional.empty(), Optional.empty(), Duration.ofDays(7));

    public int capacity() {
        return capacityPerTask.orElse(ASSUMED_CAPACITY);
    }

    public String capacityBasis() {
        return capacityPerTask.map(n -> "given").orElse("assumed " + ASSUMED_CAPACITY + "; give --capacity");
    }
}
