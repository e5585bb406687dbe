package io.drainboard.stops;

import java.util.ArrayList;
import java.util.List;

/**
 * An operation's outcome in words, from what was observed on each task when it stopped (never from what the
 * operation meant to do): "3 tasks replaced; 0 calls on any task when it stopped" only when that was seen for
 * every task; otherwise each stop that likely cut calls, each stop something else made, and the tasks whose
 * calls were unknown. The rollout, the safe drain, the safe scale-in and the instance drain all report
 * through it, so the headless output, the wizard, the activity feed, the audit log, the journal and the
 * notification say the same thing.
 */
public record StopsSummary(List<StopLine> stops) {
    public StopsSummary {
        stops = List.copyOf(stops);
    }

    public static StopsSummary of(List<TaskOutcome> outcomes, boolean old) {
        return new StopsSummary(outcomes.stream().map(o -> o.line(old)).toList());
    }

    /** Every stop was seen with its calls known, and none likely cut a call. */
    public boolean clean() {
        return stops.stream().allMatch(StopLine::clean);
    }

    /** The calls likely cut, summed over the stops. */
    public int likelyCut() {
        return stops.stream().mapToInt(StopLine::likelyCut).sum();
    }

    /** Stops of the tasks the operation set out to replace or remove, as observed. */
    public long oldStopped() {
        return stops.stream().filter(StopLine::old).count();
    }

    /** What is known, one item per problem: likely cuts, stops made by something else, unknown calls. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (StopLine s : stops) s.problem().ifPresent(out::add);
        List<String> unknown = stops.stream().filter(StopLine::callsUnknown).map(StopLine::taskId).toList();
        if (!unknown.isEmpty()) {
            out.add("calls unknown on " + unknown.size() + (unknown.size() == 1 ? " task" : " tasks") + " when it stopped ("
                    + String.join(", ", unknown) + ")");
        }
        return out;
    }

    /**
     * The outcome after {@code head} ("3 tasks replaced"): "…; 0 calls on any task when it stopped" when clean,
     * else "…; NOT CLEAN: task 26bdf47d stopped by SIGKILL (exit 137) with 2 calls (likely cut); …".
     */
    public String words(String head) {
        List<String> p = problems();
        if (clean()) {
            String base = head + (stops.isEmpty() ? "; no task stopped" : "; 0 calls on any task when it stopped");
            return p.isEmpty() ? base : base + "; " + String.join("; ", p);
        }
        return head + "; NOT CLEAN: " + String.join("; ", p);
    }
}
