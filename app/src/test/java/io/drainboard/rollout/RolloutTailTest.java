package io.drainboard.rollout;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rollout's end on the benchmark's service (rollout-bench: 20 Fargate tasks at 70 % load, calls median 4 min /
 * p99 25 min, strict rules, 0–5 s read lag), ground truth and RolloutBench's lower bound of the same run. Seed 3 at
 * maxParallel 2 is the run where, with the spares at 30 % of the service, an old task waiting its turn took a call
 * at 785 s that ran to 1,407 s: 1.30 × the bound (docs/benchmarks.md, "The rollout's tail"). With the default
 * spares at half the service the replacements have room for the new calls while the old tasks wait.
 */
class RolloutTailTest {
    @Test
    void theDefaultSparesKeepALeanedRolloutWithinOnePointTwoTimesItsBound() throws Exception {
        RolloutBench.Result r = RolloutBench.seeded("rollout-bench", 3, 2, -1);
        assertEquals(0, r.cut(), "no call cut (ground truth)");
        double ratio = r.duration().toSeconds() / (double) r.lowerBound().toSeconds();
        assertTrue(ratio <= 1.2, "took " + r.duration() + " against a bound of " + r.lowerBound() + ": " + ratio);
    }
}
