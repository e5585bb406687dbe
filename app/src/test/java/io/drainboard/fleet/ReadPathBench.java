package io.drainboard.fleet;

import io.drainboard.aws.Backoff;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.model.ClusterState;
import io.livekit.server.RoomServiceClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read path on the {@code large} fleet (10,000 tasks, 100 services, 5 clusters) with 50 ms added to
 * every simulated AWS request: requests against the APIs' minimum, wall time against the critical-path
 * lower bound at the same concurrency, and the AWS CLI reading the same fleet in the same run.
 * Tagged {@code bench} (excluded from the normal run) and runnable as a main class; the command is in
 * docs/benchmarks.md ({@code -Dbench.cli=skip} leaves out the minutes-long CLI baseline).
 */
@Tag("bench")
public class ReadPathBench {
    private static final Duration LATENCY = Duration.ofMillis(50);
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);
    /** Steady-state refreshes measured after the full one (same reader); the median is reported. */
    private static final int STEADY_RUNS = Integer.getInteger("bench.steadyRuns", 5);
    private static final int WARM_UPS = Integer.getInteger("bench.warmUps", 3);
    /** With {@code -Dbench.jfr=FILE}: which stretch JFR records, {@code steady} (default) or {@code full}. */
    private static final String JFR_STAGE = System.getProperty("bench.jfrStage", "steady");

    public static void main(String[] args) throws Exception {
        io.drainboard.BenchData.isolate();
        new ReadPathBench().largeFleet();
        System.exit(0); // the SDK's and LiveKit's pools keep non-daemon threads
    }

    @Test
    void largeFleet() throws Exception {
        Simulator sim = Simulator.start(Simulator.Options.virtual("large"));
        try {
            run(sim);
        } finally {
            sim.close();
        }
    }

    private void run(Simulator sim) throws Exception {
        sim.faults().set("*", new Faults.Rule(0, 0, 0, LATENCY));
        Map<String, Long> minimum = MinimumReads.of(sim);
        long minTotal = MinimumReads.total(minimum);
        boolean liveKitDelayed = liveKitDelayed(sim);
        long delayed = liveKitDelayed ? minTotal : minimum.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("livekit:")).mapToLong(Map.Entry::getValue).sum();
        long chain = criticalPath(sim);
        double lowerBoundMs = Math.max(Math.ceil(delayed / (double) CONCURRENCY), chain) * LATENCY.toMillis();

        // Throw-away readers first, so the measured one runs on a JIT-compiled JVM (but with cold caches),
        // as a console does after its first few refreshes.
        Refresh cold = fullRefresh(sim, false);
        for (int i = 1; i < WARM_UPS; i++) fullRefresh(sim, false);
        Refresh full = fullRefresh(sim, true);
        double cliMs = cli(sim);

        StringBuilder out = new StringBuilder();
        out.append(String.format("fleet: %d tasks, %d services, %d clusters, %d live calls; +%d ms per request; %d in flight%n",
                count(sim, "tasks"), count(sim, "services"), count(sim, "clusters"), sim.model().read(m -> m.calls().size()),
                LATENCY.toMillis(), CONCURRENCY));
        out.append(String.format("requests, full refresh: %d (minimum %d) = %.3f x minimum%n", full.requests, minTotal,
                full.requests / (double) minTotal));
        out.append("  by operation: ").append(full.byOperation).append('\n');
        out.append("  minimum:      ").append(minimum).append('\n');
        out.append(String.format("requests, steady-state refresh: %d (%.2f x the full refresh)%n", full.steadyRequests,
                full.steadyRequests / (double) full.requests));
        out.append("  by operation: ").append(full.steadyByOperation).append('\n');
        out.append(String.format("wall, full refresh: %.0f ms; lower bound %.0f ms (max(ceil(%d delayed requests / %d), "
                        + "critical path %d) x %d ms; LiveKit %s) = %.2f x lower bound%n", full.wallMs, lowerBoundMs, delayed,
                CONCURRENCY, chain, LATENCY.toMillis(), liveKitDelayed ? "delayed too" : "not delayed by the fault",
                full.wallMs / lowerBoundMs));
        out.append(String.format("CPU during the full refresh (one process): %s on %d cores; "
                + "load average at the end %.1f%n", full.cpu, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        double steadyBoundMs = Math.max(Math.ceil(full.steadyRequests / (double) CONCURRENCY), STEADY_CHAIN)
                * LATENCY.toMillis();
        out.append(String.format("wall, steady-state refresh: median %.0f ms of %d %s; lower bound %.0f ms "
                        + "(max(ceil(%d / %d), chain %d) x %d ms) = %.2f x lower bound%n", median(full.steadyWalls),
                full.steadyWalls.size(), full.steadyWalls.stream().map(w -> String.format("%.0f", w)).toList(), steadyBoundMs,
                full.steadyRequests, CONCURRENCY, STEADY_CHAIN, LATENCY.toMillis(), median(full.steadyWalls) / steadyBoundMs));
        out.append(String.format("CPU per steady-state refresh: %s on %d cores; bound by CPU alone %.0f ms (CPU / cores)%n",
                steadyCpu, Runtime.getRuntime().availableProcessors(),
                steadyCpu.totalMs() / Runtime.getRuntime().availableProcessors()));
        out.append(String.format("wall, first refresh on a cold JVM: %.0f ms = %.2f x lower bound; its CPU %s, bound by CPU alone "
                + "%.0f ms (the measured one is the %d%s, each with a fresh reader)%n", cold.wallMs, cold.wallMs / lowerBoundMs, cold.cpu,
                cold.cpu.totalMs() / Runtime.getRuntime().availableProcessors(), WARM_UPS + 1, "th"));
        if (cliMs > 0) {
            out.append(String.format("AWS CLI loop (list-services, then list-tasks + describe-tasks per service): %.0f ms, "
                    + "%d requests = %.1f x slower than the console's full refresh%n", cliMs, cliRequests, cliMs / full.wallMs));
        } else {
            out.append("AWS CLI loop: skipped (aws not on PATH, or -Dbench.cli=skip)\n");
        }
        System.out.print(out);
        Path report = Path.of("target", "bench", "read-path.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out.toString());

        assertTrue(full.requests <= 1.05 * minTotal, "requests " + full.requests + " > 1.05 x " + minTotal);
        assertTrue(full.wallMs <= 1.5 * lowerBoundMs, "wall " + full.wallMs + " > 1.5 x " + lowerBoundMs);
        if (cliMs > 0) assertTrue(cliMs >= 10 * full.wallMs, "CLI " + cliMs + " vs " + full.wallMs);
    }

    private record Refresh(double wallMs, long requests, Map<String, Long> byOperation, List<Double> steadyWalls,
                           long steadyRequests, Map<String, Long> steadyByOperation, CpuSplit.Cpu cpu) {
    }

    /**
     * The steady state's chain when tasks are listed per service: cluster discovery, ListServices, one page of a
     * service's tasks, then the GetTaskProtection (or DescribeTasks) that page fills.
     */
    private static final long STEADY_CHAIN = 4;

    /** CPU of the process per steady-state refresh (console and simulator): what no amount of concurrency hides. */
    private static CpuSplit.Cpu steadyCpu;

    static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return s.isEmpty() ? 0 : s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static Refresh fullRefresh(Simulator sim, boolean steady) {
        try (SimFleetOnSim f = new SimFleetOnSim(sim)) {
            sim.requests().reset();
            CpuSplit split = CpuSplit.start(steady && JFR_STAGE.equals("full"));
            long t0 = System.nanoTime();
            FleetSnapshot s = f.fleet.read();
            double wall = (System.nanoTime() - t0) / 1e6;
            CpuSplit.Cpu cpu = split.stop();
            assertEquals(List.of(), s.errors());
            assertEquals(10_000, s.tasks().count());
            long requests = sim.requests().total();
            Map<String, Long> by = sim.requests().snapshot();
            if (!steady) return new Refresh(wall, requests, by, List.of(), 0, Map.of(), cpu);
            List<Double> walls = new ArrayList<>();
            long steadyRequests = 0;
            Map<String, Long> steadyBy = Map.of();
            CpuSplit steadySplit = CpuSplit.start(JFR_STAGE.equals("steady"));
            for (int i = 0; i < STEADY_RUNS; i++) {
                sim.requests().reset();
                long t1 = System.nanoTime();
                FleetSnapshot next = f.fleet.read();
                walls.add((System.nanoTime() - t1) / 1e6);
                assertEquals(10_000, next.tasks().count());
                steadyRequests = sim.requests().total();
                steadyBy = sim.requests().snapshot();
            }
            steadyCpu = steadySplit.stop().per(STEADY_RUNS);
            return new Refresh(wall, requests, by, walls, steadyRequests, steadyBy, cpu);
        }
    }

    /** A reader over a simulator it does not own (the bench closes the simulator itself). */
    private static final class SimFleetOnSim implements AutoCloseable {
        final SimFleet fleet;

        SimFleetOnSim(Simulator sim) {
            fleet = SimFleet.liveKit(sim, sim.liveKitApiSecret(), CONCURRENCY, Backoff.DEFAULT, ReadSettings.DEFAULT);
        }

        @Override
        public void close() {
            fleet.closeKeepingSimulator();
        }
    }

    /**
     * The longest chain of requests that must follow one another, in requests: cluster discovery, then
     * in each cluster either the ListTasks pages and the DescribeTasks of the last page, or ListServices,
     * DescribeServices and the task definition it names.
     */
    private static long criticalPath(Simulator sim) {
        return 1 + sim.model().read(m -> {
            long longest = 0;
            for (ClusterState c : m.clusters()) {
                long running = c.tasks().values().stream().filter(t -> "RUNNING".equals(t.desiredStatus())).count();
                long tasksChain = Math.max(1, (running + 99) / 100) + 1;
                long servicesChain = Math.max(1, (c.services().size() + 99) / 100) + 1 + 1;
                longest = Math.max(longest, Math.max(tasksChain, servicesChain));
            }
            return longest;
        });
    }

    /** Whether the latency fault applies to LiveKit requests too (it does only if the simulator gates Twirp). */
    private static boolean liveKitDelayed(Simulator sim) throws Exception {
        RoomServiceClient rooms = RoomServiceClient.createClient(sim.endpoint().toString(), sim.liveKitApiKey(),
                sim.liveKitApiSecret());
        rooms.listRooms().execute();
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) rooms.listRooms().execute();
        return (System.nanoTime() - t0) / 3e6 >= LATENCY.toMillis() * 0.9;
    }

    private long cliRequests;

    /** The same fleet read with the AWS CLI as a shell loop, timed from outside. */
    private double cli(Simulator sim) throws Exception {
        if (!onPath("aws") || "skip".equals(System.getProperty("bench.cli"))) return -1;
        Path home = Files.createTempDirectory("bench-aws");
        Path config = Files.writeString(home.resolve("config"), "[default]\nregion = " + sim.region() + "\n");
        Path credentials = Files.writeString(home.resolve("credentials"), "");
        List<String> clusters = sim.model().read(m -> m.clusters().stream().map(ClusterState::name).toList());
        String script = "set -e\nE=" + sim.endpoint() + "\n"
                + "for c in " + String.join(" ", clusters) + "; do\n"
                + "  for s in $(aws ecs list-services --endpoint-url $E --cluster $c --query serviceArns --output text); do\n"
                + "    aws ecs list-tasks --endpoint-url $E --cluster $c --service-name $s --query taskArns --output text"
                + " | tr '\\t' '\\n' | xargs -n 100 aws ecs describe-tasks --endpoint-url $E --cluster $c --output json --tasks > /dev/null\n"
                + "  done\n"
                + "done\n";
        Files.writeString(home.resolve("loop.sh"), script);
        ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("loop.sh").toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDBENCH");
        env.put("AWS_SECRET_ACCESS_KEY", "bench-secret");
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_PROFILE");
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_PAGER", "");
        sim.requests().reset();
        long t0 = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), "CLI loop timed out");
        double ms = (System.nanoTime() - t0) / 1e6;
        assertEquals(0, p.exitValue(), output);
        cliRequests = sim.requests().total();
        assertEquals(100, sim.requests().count("ecs", "DescribeTasks"), "the CLI read every task");
        return ms;
    }

    private static long count(Simulator sim, String what) {
        return sim.model().read(m -> switch (what) {
            case "tasks" -> m.clusters().stream().mapToLong(c -> c.tasks().size()).sum();
            case "services" -> m.clusters().stream().mapToLong(c -> c.services().size()).sum();
            default -> (long) m.clusters().size();
        });
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        return dirs.stream().anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
