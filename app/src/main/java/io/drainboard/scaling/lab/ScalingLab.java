package io.drainboard.scaling.lab;

import java.util.ArrayList;
import java.util.List;

/** Replays one traffic shape against several policies, every policy meeting the same callers, with the lower bound. */
public final class ScalingLab {
    private ScalingLab() {
    }

    public record Comparison(TrafficShape shape, LabService service, int calls, LowerBound bound, List<LabResult> results) {
        public Comparison {
            results = List.copyOf(results);
        }

        public boolean anyCut() {
            return results.stream().anyMatch(r -> r.cut() > 0);
        }
    }

    public static Comparison compare(LabService svc, TrafficShape shape, List<LabPolicy> policies, long seed) {
        CallPlan plan = CallPlan.draw(shape, svc.medianCall(), svc.p99Call(), seed);
        LowerBound bound = LowerBound.of(plan, svc.capacity(), svc.leadMinutes());
        List<LabResult> out = new ArrayList<>();
        for (LabPolicy p : policies) out.add(LabRun.run(svc, p, plan, bound));
        return new Comparison(shape, svc, plan.calls(), bound, out);
    }
}
