package io.drainboard.fleet;

import io.drainboard.calls.ActiveCall;
import io.drainboard.calls.CallsReading;
import io.drainboard.calls.TaskCount;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One task's calls from a source's reading, never inventing a zero: a failed source, or a per-task
 * source with no answer for the task, gives "unknown" — or "stale" with the last answer when there was
 * one (docs/architecture.md, calls).
 */
final class CallsJoin {
    private CallsJoin() {
    }

    /**
     * @param previous  the task's calls in the last snapshot, if any
     * @param hasWorker false when the task's worker cannot be running (not yet started, or exited), so
     *                  a per-task source that did not ask it still knows it has no calls
     */
    static TaskCalls of(String arn, CallsReading r, TaskCalls previous, boolean hasWorker) {
        if (!r.ok()) return unknownOrStale(r.source(), r.observedAt(), r.error().orElse("source failed"), previous);
        List<ActiveCall> calls = r.byTask().get(arn);
        if (calls != null) {
            Optional<Instant> oldest = calls.stream().map(ActiveCall::startedAt).min(Comparator.naturalOrder());
            return new TaskCalls.Known(calls.size(), oldest, r.source(), r.observedAt(), calls);
        }
        TaskCount c = r.counts().get(arn);
        if (c != null) {
            if (c.count().isPresent() && c.error().isEmpty()) {
                return TaskCalls.Known.count(c.count().getAsInt(), r.source(), c.observedAt());
            }
            if (c.count().isPresent()) { // an answer, but old (a delayed metric)
                return new TaskCalls.Stale(TaskCalls.Known.count(c.count().getAsInt(), r.source(), c.observedAt()),
                        c.error().get());
            }
            return unknownOrStale(r.source(), c.observedAt(), c.error().orElse("no answer"), previous);
        }
        if (r.complete() || !hasWorker) return TaskCalls.Known.count(0, r.source(), r.observedAt());
        return unknownOrStale(r.source(), r.observedAt(), r.source() + " has no answer for this task", previous);
    }

    private static TaskCalls unknownOrStale(String source, Instant at, String error, TaskCalls previous) {
        if (previous instanceof TaskCalls.Known k && k.source().equals(source)) return new TaskCalls.Stale(k, error);
        if (previous instanceof TaskCalls.Stale s && s.source().equals(source)) return new TaskCalls.Stale(s.last(), error);
        return new TaskCalls.Unknown(source, at, error);
    }
}
