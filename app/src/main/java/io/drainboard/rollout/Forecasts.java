package io.drainboard.rollout;

import io.drainboard.calls.ActiveCall;
import io.drainboard.drain.CutRisk;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** When a task is predicted to be idle if it is cordoned now (DESIGN.md §5), from the ages of its calls. */
final class Forecasts {
    private Forecasts() {
    }

    /** Per-call ages when the call source gives each call (LiveKit); else every call as old as the oldest. */
    static List<Double> ages(TaskSnapshot t, Instant now) {
        List<Double> out = new ArrayList<>();
        if (!t.calls().calls().isEmpty()) {
            for (ActiveCall c : t.calls().calls()) out.add(age(c.startedAt(), now));
            return out;
        }
        double oldest = t.calls().oldestStart().map(s -> age(s, now)).orElse(0.0);
        for (int i = 0; i < t.calls().count(); i++) out.add(oldest);
        return out;
    }

    static CutRisk.IdleForecast of(TaskSnapshot t, Instant now, CutRisk risk) {
        return risk.forecast(ages(t, now));
    }

    private static double age(Instant start, Instant now) {
        return Math.max(0, (now.toEpochMilli() - start.toEpochMilli()) / 1000.0);
    }
}
