package io.drainboard.calls;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls per task from one source at one instant. A failed read carries its error and no counts, so
 * the view can say "unknown" instead of showing 0 calls (docs/architecture.md, calls: stale is never zero).
 *
 * @param byTask       the live calls per task, for sources that see each call (LiveKit)
 * @param unattributed live calls whose agent did not name its task (the worker snippet is missing)
 * @param counts       per-task counts from sources that see only numbers (worker endpoint, CloudWatch)
 * @param complete     true when a task the reading does not mention has no calls (LiveKit lists every
 *                     room); false when it means "no answer for that task" (per-task sources)
 */
public record CallsReading(String source, Instant observedAt, Map<String, List<ActiveCall>> byTask,
                           int unattributed, Optional<String> error, Map<String, TaskCount> counts,
                           boolean complete) {

    public CallsReading {
        byTask = Map.copyOf(byTask);
        counts = Map.copyOf(counts);
    }

    /** A reading from a source that sees every call. */
    public CallsReading(String source, Instant observedAt, Map<String, List<ActiveCall>> byTask, int unattributed,
                        Optional<String> error) {
        this(source, observedAt, byTask, unattributed, error, Map.of(), true);
    }

    public static CallsReading failed(String source, Instant at, String error) {
        return new CallsReading(source, at, Map.of(), 0, Optional.of(error));
    }

    public static CallsReading disabled(Instant at) {
        return new CallsReading("none", at, Map.of(), 0, Optional.of("no call source configured"));
    }

    /** Per-task counts; a task left out had no answer. */
    public static CallsReading counts(String source, Instant at, Map<String, TaskCount> counts) {
        return new CallsReading(source, at, Map.of(), 0, Optional.empty(), counts, false);
    }

    public boolean ok() {
        return error.isEmpty();
    }
}
