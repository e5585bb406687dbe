package io.drainboard.drain;

import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Tasks ranked by when they are predicted to be idle (median of when the last call ends, docs/drain.md, Risk model),
 * fewer calls first on a tie: the order in which a rollout drains and a scale-in chooses tasks.
 */
public final class IdleSoonest {
    /** One ranked task with its forecast, and why it comes where it does, in the operator's words. */
    public record Pick(TaskSnapshot task, CutRisk.IdleForecast forecast) {
        public String why() {
            int n = task.calls().count();
            return n == 0 ? "idle now" : n + (n == 1 ? " call" : " calls") + ", predicted idle in "
                    + minutes(forecast.p10()) + "–" + minutes(forecast.p90()) + " (the soonest)";
        }
    }

    private IdleSoonest() {
    }

    /** Every given task, soonest idle first. Callers leave out tasks whose calls are unknown: no acting blind. */
    public static List<Pick> rank(List<TaskSnapshot> tasks, Instant now, CutRisk risk) {
        return tasks.stream().map(t -> new Pick(t, CallAges.forecast(t, now, risk)))
                .sorted(Comparator.comparingDouble((Pick p) -> p.forecast().median())
                        .thenComparingInt(p -> p.task().calls().count())
                        .thenComparing(p -> p.task().arn()))
                .toList();
    }

    public static String minutes(double seconds) {
        long m = Math.round(seconds / 60);
        return m < 1 ? "<1 m" : m + " m";
    }
}
