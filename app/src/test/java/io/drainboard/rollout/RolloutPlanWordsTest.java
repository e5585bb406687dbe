package io.drainboard.rollout;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The dry run's words for each old task and for the predicted duration: what an operator reads before saying yes.
 * A task whose calls could not be read is never shown as idle (docs/rollout.md, "Dry run").
 */
class RolloutPlanWordsTest {
    @Test
    void eachTaskLineSaysItsCallsTheOldestAndWhenItWouldBeIdle() {
        assertEquals(" 1. 4f77e8  2 call(s), oldest 12 m, idle in 3 m–9 m",
                new RolloutPlan.Drain(1, "4f77e8", 2, 720, 180, 540).line());
        assertEquals(" 2. 9b48ed  0 call(s), idle in <1 m–<1 m", new RolloutPlan.Drain(2, "9b48ed", 0, 0, 0, 0).line(),
                "an idle task has no oldest call");
        assertEquals("12. e202a8  calls unknown, idle time unknown",
                new RolloutPlan.Drain(12, "e202a8", 0, 0, 0, 0, false).line(), "unknown is never 0 calls");
    }

    @Test
    void thePredictedDurationIsARange() {
        assertEquals("20 m–1 h 15 m", plan(Duration.ofMinutes(20), Duration.ofMinutes(75)).durationWords());
        assertEquals("<1 m–2 m", plan(Duration.ofSeconds(20), Duration.ofSeconds(100)).durationWords());
    }

    private static RolloutPlan plan(Duration low, Duration high) {
        return new RolloutPlan("voice/agent", "agent:1", "agent:2", 1, 140, 8, List.of(), low, high, 0, List.of(), List.of());
    }
}
