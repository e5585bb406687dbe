package io.drainboard.fleet;

import io.drainboard.calls.ActiveCall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Live calls on one task, with where the number came from and when: one of three kinds, never a zero invented
 * for a task nobody answered for (docs/architecture.md, calls).
 * <ul>
 *   <li>{@link Known}: the source's current answer;</li>
 *   <li>{@link Stale}: no current answer, but an earlier one (or a delayed metric) — the view says
 *       "3 calls, 2 min ago" and the engines treat the task as unknown;</li>
 *   <li>{@link Unknown}: no answer at all — the view shows "?" with the error, never 0.</li>
 * </ul>
 * Decide on the kind ({@link #known()}, or a {@code switch}) before reading {@link #count()} as a number of calls.
 */
public sealed interface TaskCalls permits TaskCalls.Known, TaskCalls.Stale, TaskCalls.Unknown {

    /** The source's current answer for the task. */
    record Known(int count, Optional<Instant> oldestStart, String source, Instant observedAt, List<ActiveCall> calls)
            implements TaskCalls {
        public Known {
            calls = List.copyOf(calls);
        }

        /** A count from a source that reports numbers only (worker endpoint, CloudWatch). */
        public static Known count(int count, String source, Instant at) {
            return new Known(count, Optional.empty(), source, at, List.of());
        }

        /** Each call from a source that sees them (LiveKit). */
        public static Known of(List<ActiveCall> calls, String source, Instant at) {
            return new Known(calls.size(), calls.stream().map(ActiveCall::startedAt).min(Instant::compareTo), source, at,
                    calls);
        }

        @Override
        public Optional<String> error() {
            return Optional.empty();
        }
    }

    /** The last answer, no longer current: the source failed (or its datapoint is old) with {@code why}. */
    record Stale(Known last, String why) implements TaskCalls {
        @Override
        public int count() {
            return last.count();
        }

        @Override
        public Optional<Instant> oldestStart() {
            return last.oldestStart();
        }

        @Override
        public String source() {
            return last.source();
        }

        @Override
        public Instant observedAt() {
            return last.observedAt();
        }

        @Override
        public List<ActiveCall> calls() {
            return last.calls();
        }

        @Override
        public Optional<String> error() {
            return Optional.of(why);
        }
    }

    /** No answer for the task: {@code observedAt} is when the source was asked. */
    record Unknown(String source, Instant observedAt, String why) implements TaskCalls {
        /** No calls can be told: 0 here is not a count ({@link #known()} is false). */
        @Override
        public int count() {
            return 0;
        }

        @Override
        public Optional<Instant> oldestStart() {
            return Optional.empty();
        }

        @Override
        public List<ActiveCall> calls() {
            return List.of();
        }

        @Override
        public Optional<String> error() {
            return Optional.of(why);
        }
    }

    /** The calls of the current answer, or of the last one when stale; 0 when unknown. */
    int count();

    Optional<Instant> oldestStart();

    String source();

    /** When the answer was observed (the source's time, not the refresh's). */
    Instant observedAt();

    /** Each call with its start (LiveKit only; sources that report numbers leave it empty). */
    List<ActiveCall> calls();

    /** Why there is no current answer (stale or unknown). */
    Optional<String> error();

    /** A current answer: the only kind an engine may act on as a number of calls. */
    default boolean known() {
        return this instanceof Known;
    }

    /** No current answer, but a last one. */
    default boolean stale() {
        return this instanceof Stale;
    }

    /** How old the number is at {@code now}. */
    default Duration age(Instant now) {
        return Duration.between(observedAt(), now);
    }

    /** Equal apart from when it was observed: what a snapshot diff compares. */
    default boolean sameAnswer(TaskCalls o) {
        if (this instanceof Known k) {
            return o instanceof Known ok && k.count() == ok.count() && k.oldestStart().equals(ok.oldestStart())
                    && k.source().equals(ok.source()) && k.calls().equals(ok.calls());
        }
        if (this instanceof Stale s) return o instanceof Stale os && s.last().sameAnswer(os.last()) && s.why().equals(os.why());
        Unknown u = (Unknown) this;
        return o instanceof Unknown ou && u.source().equals(ou.source()) && u.why().equals(ou.why());
    }
}
