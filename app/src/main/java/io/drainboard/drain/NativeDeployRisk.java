package io.drainboard.drain;

import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.List;

/**
 * The live figure "a native deploy now would cut ≈ N calls" (docs/drain.md, Risk model): a native ECS deploy SIGTERMs
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
            List<Double> ages = CallAges.of(t, now);
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
}
