package io.drainboard.rollout;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten seeded chaos runs (see {@link ChaosRun}) in the normal test run; {@code RolloutChaosBench} runs a hundred.
 * Seeds alternate the cordon (http, exec-signal).
 */
class RolloutChaosTest {
    @Test
    void tenSeededFaultSchedulesCutNoCallAndEndSafely() throws Exception {
        List<String> failures = new ArrayList<>();
        for (long seed = 1; seed <= 10; seed++) {
            ChaosRun.Outcome o = ChaosRun.run(seed);
            if (Boolean.getBoolean("rollout.debug")) System.out.println(o);
            if (!o.ok()) failures.add("seed " + seed + ": " + o.problems() + " (" + o + ")");
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
