package io.drainboard.rollout;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hundred seeded chaos runs ({@link ChaosRun}); tag {@code bench}, minutes long. Prints one line per run
 * and the totals. Run: docs/benchmarks.md ("Guided rollout").
 */
@Tag("bench")
public class RolloutChaosBench {
    public static void main(String[] args) {
        io.drainboard.BenchData.isolate();
        int code = 0;
        try {
            new RolloutChaosBench().hundredSeeds();
        } catch (Throwable t) {
            t.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    @Test
    void hundredSeeds() throws Exception {
        int seeds = Integer.getInteger("bench.seeds", 100);
        List<String> failures = new ArrayList<>();
        int completed = 0, stopped = 0, kills = 0, bursts = 0;
        long cut = 0, started = System.nanoTime();
        for (long seed = 1; seed <= seeds; seed++) {
            ChaosRun.Outcome o = ChaosRun.run(seed);
            System.out.printf("seed %3d %-11s k=%d %-9s cut=%d bursts=%d kills=%d virtual=%s %s%n", o.seed(), o.cordon(),
                    o.maxParallel(), o.phase(), o.cut(), o.faultBursts(), o.kills(), o.took(), o.ok() ? "" : o.problems());
            if (!o.ok()) failures.add("seed " + seed + ": " + o.problems());
            if (o.phase() == RolloutPhase.COMPLETED) completed++;
            if (o.phase() == RolloutPhase.STOPPED) stopped++;
            kills += o.kills();
            bursts += o.faultBursts();
            cut += o.cut();
        }
        System.out.printf("%d runs in %.0f s: %d completed, %d stopped with a reason, %d calls cut, %d fault bursts,"
                + " %d console kills%n", seeds, (System.nanoTime() - started) / 1e9, completed, stopped, cut, bursts, kills);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
