package io.drainboard.ui.model;

import io.drainboard.fleet.TaskCalls;

import java.time.Instant;
import java.util.List;

/**
 * Live calls on a task, when each began, and the scale of its calls bar.
 *
 * @param capacity      what a full bar means (the busiest any task of the service has been)
 * @param capacityBasis where {@code capacity} comes from, in the operator's words
 */
public record CallLoad(TaskCalls calls, List<Instant> starts, int capacity, String capacityBasis) {
    public CallLoad {
        starts = List.copyOf(starts);
    }

    public boolean known() {
        return calls.known();
    }

    public int count() {
        return calls.known() ? calls.count() : -1;
    }
}
