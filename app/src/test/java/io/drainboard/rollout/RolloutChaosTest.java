package io.drainboard.rollout;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten seeded chaos runs (see {@link ChaosRun}) in the normal test run; {@code RolloutChaosBench} runs a hundred.
 * Seeds alternate the cordon (http, exec-signal); each run also meets a second engine (same or other data directory)
 * and a read-only resume and abort.
 */
class RolloutChaosTest {
    @Test
    void tenSeededFaultSchedulesCutNoCallAndEndSafely() throws Exception {
        List<String> failures = new ArrayList<>();
        java.util.Set<String> secondEngines = new java.util.TreeSet<>();
        for (long seed = 1; seed <= 10; seed++) {
            ChaosRun.Outcome o = ChaosRun.run(seed);
            if (Boolean.getBoolean("rollout.debug")) System.out.println(o);
            if (!o.ok()) failures.add("seed " + seed + ": " + o.problems() + " (" + o + ")");
            secondEngines.add(o.secondEngine() + ", " + o.cordon());
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        // Each run met a second engine (and a read-only resume and abort): both data directories, both cordons.
        assertTrue(secondEngines.containsAll(List.of("same data directory, HTTP", "same data directory, EXEC_SIGNAL",
                "other data directory, HTTP", "other data directory, EXEC_SIGNAL")), secondEngines.toString());
    }
}
