package io.drainboard.calls;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls per task from one source at one instant. A failed read carries its error and no counts, so
 * the view can say "unknown" instead of showing 0 calls (DESIGN.md §4: stale is never zero).
 *
 * @param unattributed live calls whose agent did not name its task (the worker snippet is missing)
 */
public record CallsReading(String source, Instant observedAt, Map<String, List<ActiveCall>> byTask,
                           int unattributed, Optional<String> error) {

    public CallsReading {
        byTask = Map.copyOf(byTask);
    }

    public static CallsReading failed(String source, Instant at, String error) {
        return new CallsReading(source, at, Map.of(), 0, Optional.of(error));
    }

    public static CallsReading disabled(Instant at) {
        return new CallsReading("none", at, Map.of(), 0, Optional.of("no call source configured"));
    }

    public boolean ok() {
        return error.isEmpty();
    }

    public List<ActiveCall> callsOn(String taskArn) {
        return byTask.getOrDefault(taskArn, List.of());
    }
}
