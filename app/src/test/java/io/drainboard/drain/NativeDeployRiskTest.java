package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-service "a native deploy now would cut ≈ N calls" figure (docs/drain.md, Risk model), by hand. */
class NativeDeployRiskTest {
    private static final CallSurvival CURVE = LognormalSurvival.ofMedianAndP99(240, 1800);

    @Test
    void sumsTheChanceEachCallOutlivesStopTimeoutOverEveryLiveTask() {
        // Fixtures' calls are all 300 s old: each outlives a further w s with S(300 + w) / S(300).
        ServiceSnapshot s = Fixtures.service(Fixtures.task("a", 3, Protection.OFF), Fixtures.task("b", 1, Protection.OFF),
                Fixtures.task("c", 0, Protection.OFF));
        NativeDeployRisk.Estimate e = new NativeDeployRisk(CURVE).of(s, Fixtures.NOW, 120);
        assertEquals(4 * CURVE.survivesFurther(300, 120), e.calls(), 1e-9);
        assertEquals(2, e.busyTasks());
        assertEquals(0, e.unknownTasks());
        assertEquals(120, e.stopTimeoutSeconds());
    }

    @Test
    void aLongerStopTimeoutCutsFewerAndUnknownCallsAreNotCountedAsZeroRisk() {
        ServiceSnapshot s = Fixtures.service(Fixtures.task("a", 2, Protection.OFF), Fixtures.task("u", -1, Protection.OFF));
        NativeDeployRisk r = new NativeDeployRisk(CURVE);
        NativeDeployRisk.Estimate fargate = r.of(s, Fixtures.NOW, 120);
        NativeDeployRisk.Estimate ec2 = r.of(s, Fixtures.NOW, 900);
        assertEquals(1, fargate.unknownTasks(), "the task with unknown calls is reported, not summed as 0");
        assertEquals(2 * CURVE.survivesFurther(300, 900), ec2.calls(), 1e-9);
        assertEquals(true, ec2.calls() < fargate.calls());
        assertEquals(List.of(300.0, 300.0), CallAges.of(s.tasks().get(0), Fixtures.NOW));
    }
}
