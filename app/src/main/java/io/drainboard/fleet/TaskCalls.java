package io.drainboard.fleet;

import io.drainboard.calls.ActiveCall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Live calls on one task, with where the number came from and when. {@code known == false} means the
 * source has no current answer for this task: the view shows "?" with the error, never 0. When an
 * earlier refresh did have one, {@code stale} is true and {@code count}, {@code calls} and
 * {@code observedAt} are that last answer, so the view can say "3 calls, 2 min ago".
 *
 * @param calls each call with its start (LiveKit only; sources that report numbers leave it empty)
 */
public record TaskCalls(boolean known, int count, Optional<Instant> oldestStart, String source,
                        Instant observedAt, Optional<String> error, List<ActiveCall> calls, boolean stale) {

    public TaskCalls {
        calls = List.copyOf(calls);
    }

    public TaskCalls(boolean known, int count, Optional<Instant> oldestStart, String source, Instant observedAt,
                     Optional<String> error) {
        this(known, count, oldestStart, source, observedAt, error, List.of(), false);
    }

    public static TaskCalls unknown(String source, Instant at, String error) {
        return new TaskCalls(false, 0, Optional.empty(), source, at, Optional.of(error));
    }

    /** How old the number is at {@code now}. */
    public Duration age(Instant now) {
        return Duration.between(observedAt, now);
    }

    /** The same answer, no longer current: the source failed with {@code error}. */
    TaskCalls staleBecause(String error) {
        return new TaskCalls(false, count, oldestStart, source, observedAt, Optional.of(error), calls, true);
    }

    /** Equal apart from when it was observed: what a snapshot diff compares. */
    boolean sameAnswer(TaskCalls o) {
        return known == o.known && count == o.count && stale == o.stale && oldestStart.equals(o.oldestStart)
                && source.equals(o.source) && error.equals(o.error) && calls.equals(o.calls);
    }
}
