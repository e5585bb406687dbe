package io.drainboard.guard;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fifty seeded chaos runs ({@link GuardChaosRun}) of the autoscaler's scale-in and a native deploy, each seed once with
 * the guard off (the baseline) and once with two guard replicas being killed and restarted; tag {@code bench}, minutes
 * long. Prints one line per run and the totals. Run: docs/benchmarks.md ("Guard service").
 */
@Tag("bench")
public class GuardChaosBench {
    public static void main(String[] args) {
        io.drainboard.BenchData.isolate();
        int code = 0;
        try {
            new GuardChaosBench().fiftySeeds();
        } catch (Throwable t) {
            t.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    @Test
    void fiftySeeds() throws Exception {
        int seeds = Integer.getInteger("bench.seeds", 50);
        long from = Long.getLong("bench.from", 1); // shards: -Dbench.from=26 -Dbench.seeds=25 in a second process
        String trace = System.getProperty("bench.trace"); // a file prefix: the guarded run's trace per seed
        Path dir = Files.createTempDirectory("guard-chaos");
        List<String> failures = new ArrayList<>();
        long cutOff = 0, cutOn = 0, runsCutOff = 0, started = System.nanoTime();
        List<Long> offCuts = new ArrayList<>();
        int kills = 0, restarts = 0;
        for (long seed = from; seed < from + seeds; seed++) {
            // -Dbench.off=false skips the baseline: guard off touches no guard code, and its runs repeat exactly per seed.
            GuardChaosRun.Outcome off = Boolean.parseBoolean(System.getProperty("bench.off", "true"))
                    ? GuardChaosRun.run(seed, false, dir) : new GuardChaosRun.Outcome(seed, false, -1, 0, 0, 0, 0, 0, 0);
            GuardChaosRun.Outcome on;
            if (trace == null) {
                on = GuardChaosRun.run(seed, true, dir);
            } else {
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(trace + "-" + seed + ".log")))) {
                    on = GuardChaosRun.run(seed, true, dir, w::println);
                }
            }
            System.out.printf("seed %3d  off: cut %3d  desired %d old %d new %d  |  on: cut %d  kills %d restarts %d desired %d"
                    + " old %d new %d StopTask %d%n", seed, off.cut(), off.desiredAtEnd(), off.oldTasksLeft(), off.newTasks(),
                    on.cut(), on.kills(), on.restarts(), on.desiredAtEnd(), on.oldTasksLeft(), on.newTasks(), on.stopTasks());
            if (off.cut() >= 0) {
                cutOff += off.cut();
                offCuts.add(off.cut());
            }
            cutOn += on.cut();
            if (off.cut() > 0) runsCutOff++;
            kills += on.kills();
            restarts += on.restarts();
            if (on.cut() > 0 || on.stopTasks() > 0) failures.add("seed " + seed + ": " + on);
        }
        List<Long> sorted = offCuts.isEmpty() ? List.of(-1L) : offCuts.stream().sorted().toList();
        System.out.printf("%d seeds in %.0f s: guard off cut %d calls (%d of %d runs cut some; per run min %d, median %d,"
                        + " mean %.1f, max %d); guard on (two replicas, %d kills, %d restarts) cut %d%n", seeds,
                (System.nanoTime() - started) / 1e9, cutOff, runsCutOff, seeds, sorted.get(0), sorted.get(sorted.size() / 2),
                cutOff / (double) seeds, sorted.get(sorted.size() - 1), kills, restarts, cutOn);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
