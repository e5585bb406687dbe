package io.drainboard.drain;

import io.drainboard.calls.ActiveCall;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The ages of a task's live calls, what the risk model (docs/drain.md, Risk model) takes as input. */
public final class CallAges {
    private CallAges() {
    }

    /**
     * Per-call ages in seconds when the call source gives each call (LiveKit); else every call taken as old
     * as the oldest (pessimistic: an older call is predicted to last longer under a heavy tail).
     */
    public static List<Double> of(TaskSnapshot t, Instant now) {
        List<Double> out = new ArrayList<>();
        if (!t.calls().calls().isEmpty()) {
            for (ActiveCall c : t.calls().calls()) out.add(age(c.startedAt(), now));
            return out;
        }
        double oldest = t.calls().oldestStart().map(s -> age(s, now)).orElse(0.0);
        for (int i = 0; i < t.calls().count(); i++) out.add(oldest);
        return out;
    }

    /** When the task is predicted to be idle if it is cordoned now. */
    public static CutRisk.IdleForecast forecast(TaskSnapshot t, Instant now, CutRisk risk) {
        return risk.forecast(of(t, now));
    }

    private static double age(Instant start, Instant now) {
        return Math.max(0, (now.toEpochMilli() - start.toEpochMilli()) / 1000.0);
    }
}
