package io.drainboard.drain;

import io.drainboard.fleet.InstanceSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.TaskSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.drainboard.drain.Fixtures.NOW;
import static io.drainboard.drain.Fixtures.service;
import static io.drainboard.drain.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The figures behind "will this call survive": the call-length model, the observed curve, what a native deploy
 * would cut, the warnings on protection, and instance guard's choices, at their edges (docs/benchmarks.md, test
 * strength). A wrong figure here is a task stopped too early or a warning that never shows.
 */
class CallRiskEdgesTest {
    private static final LognormalSurvival PRIOR = LognormalSurvival.ofMedianAndP99(240, 1500);

    @Test
    void theNormalCurveIsRightOnBothSidesOfZero() {
        assertEquals(0.5, Normal.cdf(0), 1e-7);
        assertEquals(0.841345, Normal.cdf(1), 1e-6);
        assertEquals(0.158655, Normal.cdf(-1), 1e-6);
        assertEquals(1.959964, Normal.inverseCdf(0.975), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> Normal.inverseCdf(0));
        assertThrows(IllegalArgumentException.class, () -> Normal.inverseCdf(1));
    }

    @Test
    void theCallLengthPriorReproducesItsMedianAndP99AndRefusesNonsense() {
        assertEquals(240, PRIOR.quantile(0.5), 1e-3);
        assertEquals(1500, PRIOR.quantile(0.99), 1e-2);
        assertThrows(IllegalArgumentException.class, () -> LognormalSurvival.ofMedianAndP99(0, 100));
        assertThrows(IllegalArgumentException.class, () -> LognormalSurvival.ofMedianAndP99(240, 240));
        assertThrows(IllegalArgumentException.class, () -> LognormalSurvival.ofMedianAndP99(240, 100));
        assertThrows(IllegalArgumentException.class, () -> new LognormalSurvival(1, 0));
        assertDoesNotThrow(() -> LognormalSurvival.ofMedianAndP99(Double.MIN_VALUE, 1));
    }

    @Test
    void aCallOfNoOrNegativeAgeHasSurvivedForCertainNeverNaN() {
        assertEquals(1, PRIOR.survival(0));
        assertEquals(1, PRIOR.survival(-5), "a start time a little ahead of the console's clock");
    }

    @Test
    void callsThatCannotEndBeforeTheCapAreForecastAtTheCap() {
        CutRisk risk = new CutRisk(PRIOR);
        assertEquals(0, risk.idleBy(List.of(), 0.9, 600));
        assertEquals(60, risk.idleBy(List.of(30.0, 30.0), 0.9, 60), "the 90th percentile is well past a minute");
        double p90 = risk.idleBy(List.of(30.0), 0.9, 7 * 24 * 3600);
        assertEquals(0.9, risk.allEndWithin(List.of(30.0), p90), 1e-6);
    }

    @Test
    void aNativeDeployRiskLeavesOutTasksAlreadyOnTheirWayOut() {
        NativeDeployRisk risk = new NativeDeployRisk(PRIOR);
        TaskSnapshot busy = task("busy", 2, Protection.OFF);
        TaskSnapshot leaving = new TaskSnapshot(busy.arn() + "-leaving", "leaving", "c", "svc", busy.taskDefinitionArn(),
                "svc", 1, "FARGATE", "us-east-1a", "RUNNING", "STOPPED", "HEALTHY", busy.startedAt(), Optional.of(NOW),
                Protection.OFF, busy.calls(), busy.stopTimeout());
        TaskSnapshot gone = new TaskSnapshot(busy.arn() + "-gone", "gone", "c", "svc", busy.taskDefinitionArn(),
                "svc", 1, "FARGATE", "us-east-1a", "STOPPED", "STOPPED", "UNKNOWN", busy.startedAt(), Optional.of(NOW),
                Protection.OFF, busy.calls(), busy.stopTimeout());
        NativeDeployRisk.Estimate alone = risk.of(service(busy), NOW, 30);
        NativeDeployRisk.Estimate all = risk.of(service(busy, leaving, gone), NOW, 30);
        assertEquals(1, all.busyTasks());
        assertEquals(alone.calls(), all.calls(), 1e-12);
        assertTrue(NativeDeployRisk.live(busy));
    }

    @Test
    void aDrainBudgetBelowOneIsRefusedAndOneIsAccepted() {
        CutRisk risk = new CutRisk(PRIOR);
        assertThrows(IllegalArgumentException.class, () -> DrainRules.fixed(risk, 0));
        assertEquals(1, DrainRules.fixed(risk, 1).budget("c", "svc"));
        assertEquals(risk, DrainRules.fixed(risk, 1).risk("c", "svc"));
    }

    @Test
    void aForecastUnderHalfAMinuteReadsAsUnderAMinute() {
        assertEquals("<1 m", IdleSoonest.minutes(10));
        assertEquals("1 m", IdleSoonest.minutes(60));
        assertEquals("5 m", IdleSoonest.minutes(300));
    }

    private static InstanceSnapshot instance(String id, int calls, boolean callsKnown, boolean on, String lifecycle,
                                             String status, Optional<String> group, Optional<Integer> desired) {
        return new InstanceSnapshot("arn:" + id, id, "voice", "us-east-1a", "c6i.xlarge", status, true, 2, List.of(),
                calls, callsKnown, group, Optional.of(on), Optional.of(lifecycle), List.of(), desired);
    }

    private static InstanceSnapshot serving(String id, int calls, boolean on, int desired) {
        return instance(id, calls, true, on, "InService", "ACTIVE", Optional.of("asg"), Optional.of(desired));
    }

    @Test
    void instanceGuardProtectsBusyOrUnknownInstancesAndLeavesOthersAlone() {
        InstanceGuardPolicy p = new InstanceGuardPolicy(Duration.ofMinutes(2));
        var d = p.decide(List.of(
                serving("i-busy", 2, false, 9),
                instance("i-unknown", 0, false, false, "InService", "ACTIVE", Optional.of("asg"), Optional.of(9)),
                serving("i-busy-on", 2, true, 9),
                instance("i-noasg", 2, true, false, "InService", "ACTIVE", Optional.empty(), Optional.empty()),
                instance("i-leaving", 2, true, false, "Terminating:Wait", "ACTIVE", Optional.of("asg"), Optional.of(9)),
                instance("i-draining", 2, true, false, "InService", "DRAINING", Optional.of("asg"), Optional.of(9))),
                Map.of(), NOW, arn -> false);
        assertEquals(Map.of("asg", List.of("i-busy", "i-unknown")), d.protect());
        assertTrue(d.release().isEmpty());
    }

    @Test
    void instanceGuardReleasesOnlyTheSurplusAndOnlyWhenItKnowsTheGroupsTarget() {
        InstanceGuardPolicy p = new InstanceGuardPolicy(Duration.ofMinutes(2));
        Map<String, Instant> longIdle = Map.of("i-a", NOW.minusSeconds(600), "i-b", NOW.minusSeconds(120));
        var atTarget = p.decide(List.of(serving("i-a", 0, true, 2), serving("i-b", 0, true, 2)), longIdle, NOW,
                arn -> false);
        assertTrue(atTarget.nothing(), "two in service for two desired: nothing is surplus");
        var oneOver = p.decide(List.of(serving("i-a", 0, true, 1), serving("i-b", 0, true, 1)), longIdle, NOW,
                arn -> false);
        assertEquals(Map.of("asg", List.of("i-a")), oneOver.release(), "i-b reached the hysteresis exactly; i-a is older");
        var unknownTarget = p.decide(List.of(
                instance("i-a", 0, true, true, "InService", "ACTIVE", Optional.of("asg"), Optional.empty()),
                instance("i-b", 0, true, true, "InService", "ACTIVE", Optional.of("asg"), Optional.empty())),
                longIdle, NOW, arn -> false);
        assertTrue(unknownTarget.release().isEmpty());
        var idleUnprotected = p.decide(List.of(serving("i-a", 0, false, 2)), longIdle, NOW, arn -> false);
        assertEquals(Map.of("asg", List.of("i-a")), idleUnprotected.protect());
        var busyOnly = p.decide(List.of(serving("i-a", 1, true, 2)), Map.of(), NOW, arn -> false);
        assertTrue(busyOnly.nothing());
    }

    @Test
    void instanceGuardWaitsOutTheHysteresisBeforeOfferingAnInstance() {
        InstanceGuardPolicy p = new InstanceGuardPolicy(Duration.ofMinutes(2));
        var d = p.decide(List.of(serving("i-a", 0, true, 0)), Map.of("i-a", NOW.minusSeconds(119)), NOW, arn -> false);
        assertTrue(d.release().isEmpty());
        var e = p.decide(List.of(serving("i-a", 0, true, 0)), Map.of("i-a", NOW.minusSeconds(120)), NOW, arn -> false);
        assertEquals(Map.of("asg", List.of("i-a")), e.release());
    }
}
