package io.drainboard.rollout;

import io.drainboard.drain.CutRisk;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which outgoing task to drain next: the one predicted idle soonest (median of when its last call ends,
 * DESIGN.md §5), fewer calls first on a tie. A task whose calls are unknown is never picked: the console
 * does not act blind.
 */
final class Picker {
    record Pick(TaskSnapshot task, CutRisk.IdleForecast forecast) {
        String why() {
            int n = task.calls().count();
            return n == 0 ? "idle now" : n + (n == 1 ? " call" : " calls") + ", predicted idle in "
                    + Progress.minutes(forecast.p10()) + "–" + Progress.minutes(forecast.p90()) + " (the soonest)";
        }
    }

    private Picker() {
    }

    static Optional<Pick> next(List<TaskSnapshot> candidates, Instant now, CutRisk risk) {
        return candidates.stream().filter(t -> t.calls().known())
                .map(t -> new Pick(t, Forecasts.of(t, now, risk)))
                .min(Comparator.comparingDouble((Pick p) -> p.forecast().median())
                        .thenComparingInt(p -> p.task().calls().count())
                        .thenComparing(p -> p.task().arn()));
    }
}
