package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.TaskSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.drainboard.drain.Fixtures.NOW;
import static io.drainboard.drain.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order in which a rollout and a scale-in take tasks, and the words that say why, at the edges the mutation run
 * found unpinned; and what "nothing to do" means for a guard decision (docs/benchmarks.md, test strength).
 */
class DrainRankingEdgesTest {
    private static final CutRisk RISK = new CutRisk(LognormalSurvival.ofMedianAndP99(240, 1500));

    @Test
    void idleTasksComeFirstFewerCallsBreakATieAndTheArnBreaksTheRest() {
        TaskSnapshot busy = task("b-busy", 3, Protection.OFF);
        TaskSnapshot one = task("c-one", 1, Protection.OFF);
        TaskSnapshot idleB = task("z-idle", 0, Protection.OFF);
        TaskSnapshot idleA = task("a-idle", 0, Protection.OFF);
        List<IdleSoonest.Pick> ranked = IdleSoonest.rank(List.of(busy, one, idleB, idleA), NOW, RISK);
        assertEquals(List.of("a-idle", "z-idle", "c-one", "b-busy"), ranked.stream().map(p -> p.task().id()).toList());
        assertEquals(0, ranked.get(0).forecast().median());
        assertTrue(ranked.get(3).forecast().median() > 0);
        assertEquals(ranked.get(2).forecast(), CallAges.forecast(one, NOW, RISK));
        assertTrue(IdleSoonest.rank(List.of(), NOW, RISK).isEmpty());
    }

    @Test
    void whyATaskComesWhereItDoesInTheOperatorsWords() {
        List<IdleSoonest.Pick> ranked = IdleSoonest.rank(List.of(task("idle", 0, Protection.OFF),
                task("one", 1, Protection.OFF), task("two", 2, Protection.OFF)), NOW, RISK);
        assertEquals("idle now", ranked.get(0).why());
        IdleSoonest.Pick one = ranked.get(1);
        assertEquals("1 call, predicted idle in " + IdleSoonest.minutes(one.forecast().p10()) + "–"
                + IdleSoonest.minutes(one.forecast().p90()) + " (the soonest)", one.why());
        assertTrue(ranked.get(2).why().startsWith("2 calls, predicted idle in "), ranked.get(2).why());
    }

    @Test
    void aGuardDecisionIsNothingOnlyWhenItNeitherProtectsNorReleases() {
        Map<String, Instant> clocks = Map.of("t", NOW);
        assertTrue(new GuardPolicy.Decision(List.of(), List.of(), clocks).nothing());
        assertFalse(new GuardPolicy.Decision(List.of("t"), List.of(), clocks).nothing());
        assertFalse(new GuardPolicy.Decision(List.of(), List.of("t"), clocks).nothing());
        assertTrue(new InstanceGuardPolicy.Decision(Map.of(), Map.of(), clocks).nothing());
        assertFalse(new InstanceGuardPolicy.Decision(Map.of("asg", List.of("i-1")), Map.of(), clocks).nothing());
        assertFalse(new InstanceGuardPolicy.Decision(Map.of(), Map.of("asg", List.of("i-1")), clocks).nothing());
    }

    @Test
    void theNativeDeployEstimateIsShownInWholeCalls() {
        assertEquals(3, new NativeDeployRisk.Estimate(2.6, 4, 0, 120).rounded());
        assertEquals(2, new NativeDeployRisk.Estimate(2.4, 4, 0, 120).rounded());
        assertEquals(0, new NativeDeployRisk.Estimate(0.2, 1, 0, 120).rounded());
    }
}
