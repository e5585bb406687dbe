package io.drainboard.rollout;

import io.drainboard.drain.CutRisk;
import io.drainboard.drain.NativeDeployRisk;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;

/** When a task is predicted to be idle if it is cordoned now (DESIGN.md §5), from the ages of its calls. */
final class Forecasts {
    private Forecasts() {
    }

    static CutRisk.IdleForecast of(TaskSnapshot t, Instant now, CutRisk risk) {
        return risk.forecast(NativeDeployRisk.ages(t, now));
    }
}
