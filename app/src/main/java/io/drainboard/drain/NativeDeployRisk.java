package io.drainboard.drain;

import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The live figure "a native deploy now would cut ≈ N calls" (DESIGN.md §5): a native ECS deploy SIGTERMs
 * every live task and SIGKILLs it {@code stopTimeout} later, so the expected cut is the sum, over the
 * calls on every live task, of P(the call outlives stopTimeout) = S(a + w) / S(a). Used by the rollout
 * preflight (with the target revision's stopTimeout) and by the service pane (with the service's own).
 */
public final class NativeDeployRisk {
    /**
     * @param calls      expected calls cut
     * @param busyTasks  live tasks with at least one call
     * @param unknownTasks live tasks whose calls are not known (left out of the sum: unknown is not zero)
     */
    public record Estimate(double calls, int busyTasks, int unknownTasks, int stopTimeoutSeconds) {
        public long rounded() {
            return Math.round(calls);
        }
    }

    private final CutRisk risk;

    public NativeDeployRisk(CutRisk risk) {
        this.risk = risk;
    }

    public NativeDeployRisk(CallSurvival survival) {
        this(new CutRisk(survival));
    }

    /** What a native deploy started {@code now} would cut, every live task being killed after {@code stopTimeoutSeconds}. */
    public Estimate of(ServiceSnapshot service, Instant now, int stopTimeoutSeconds) {
        double cut = 0;
        int busy = 0;
        int unknown = 0;
        for (TaskSnapshot t : service.tasks()) {
            if (!live(t)) continue;
            if (!t.calls().known()) {
                unknown++;
                continue;
            }
            List<Double> ages = ages(t, now);
            if (ages.isEmpty()) continue;
            busy++;
            cut += risk.expectedCut(ages, stopTimeoutSeconds);
        }
        return new Estimate(cut, busy, unknown, stopTimeoutSeconds);
    }

    /** A task ECS would still stop: not stopped, and not already on its way out. */
    static boolean live(TaskSnapshot t) {
        return !"STOPPED".equals(t.lastStatus()) && !t.stopping();
    }

    /** Per-call ages in seconds when the call source gives each call (LiveKit); else every call as old as the oldest. */
    public static List<Double> ages(TaskSnapshot t, Instant now) {
        List<Double> out = new ArrayList<>();
        if (!t.calls().calls().isEmpty()) {
            t.calls().calls().forEach(c -> out.add(age(c.startedAt(), now)));
            return out;
        }
        double oldest = t.calls().oldestStart().map(s -> age(s, now)).orElse(0.0);
        for (int i = 0; i < t.calls().count(); i++) out.add(oldest);
        return out;
    }

    private static double age(Instant start, Instant now) {
        return Math.max(0, (now.toEpochMilli() - start.toEpochMilli()) / 1000.0);
    }
}
