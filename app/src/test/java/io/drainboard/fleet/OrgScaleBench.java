package io.drainboard.fleet;

import io.drainboard.aws.AwsClients;
import io.drainboard.aws.AwsTarget;
import io.drainboard.aws.Backoff;
import io.drainboard.aws.EcsGateway;
import io.drainboard.aws.EcsReads;
import io.drainboard.aws.RequestScheduler;
import io.drainboard.calls.LiveKitCallSource;
import io.drainboard.sim.RegionalFleet;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.model.ClusterState;
import io.livekit.server.RoomServiceClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Organisation scale: the bundled {@code org} fleet (50,000 Fargate tasks, 2 accounts x 3 regions, 24 clusters, 500
 * services), 50 ms added to every simulated request, the read path wired as {@code Console} wires a profile of
 * several accounts (one client per account and region, {@code maxConcurrency} 16 in flight for each, re-reads within
 * ECS's bucket at a 5 s refresh). Measured in one run: a full refresh's requests against the APIs' minimum and its
 * wall time against the lower bound at the same concurrency; steady-state refreshes (same reader, frozen clock); the
 * console's heap (the process's live heap after GC, less the simulator's alone, measured first); and, with the
 * simulator's ECS token buckets on, 12 refreshes 5 s of virtual time apart: requests ECS would have throttled.
 * Tagged {@code bench}; runnable as a main class (command in docs/benchmarks.md).
 */
@Tag("bench")
public class OrgScaleBench {
    private static final Duration LATENCY = Duration.ofMillis(50);
    private static final int PER_ACCOUNT_REGION = Integer.getInteger("bench.concurrency", 16);
    private static final int WARM_UPS = Integer.getInteger("bench.warmUps", 1);
    private static final int STEADY_RUNS = Integer.getInteger("bench.steadyRuns", 5);
    private static final int THROTTLE_RUNS = 12;
    private static final Duration REFRESH = Duration.ofSeconds(5);

    public static void main(String[] args) throws Exception {
        io.drainboard.BenchData.isolate();
        new OrgScaleBench().org();
        System.exit(0); // the SDK's and LiveKit's pools keep non-daemon threads
    }

    @Test
    void org() throws Exception {
        try (Simulator sim = Simulator.start(Simulator.Options.virtual("org"))) {
            run(sim);
        }
    }

    private void run(Simulator sim) throws Exception {
        sim.faults().set("*", new Faults.Rule(0, 0, 0, LATENCY));
        List<RegionalFleet> fleets = sim.fleets();
        int inFlight = PER_ACCOUNT_REGION * fleets.size();
        Map<String, Long> minimum = MinimumReads.of(sim);
        long minTotal = MinimumReads.total(minimum);
        long chain = criticalPath(fleets);
        double boundMs = Math.max(Math.ceil(minTotal / (double) inFlight), chain) * LATENCY.toMillis();
        long simHeap = liveHeap();
        StringBuilder out = new StringBuilder();
        out.append(String.format("fleet: %d tasks, %d services, %d clusters in %d accounts and regions, %d live calls; +%d ms "
                        + "per request; %d in flight (%d per account and region)%n", count(fleets, "tasks"),
                count(fleets, "services"), count(fleets, "clusters"), fleets.size(), minimum.get("livekit:ListParticipants"),
                LATENCY.toMillis(), inFlight, PER_ACCOUNT_REGION));

        for (int i = 0; i < WARM_UPS; i++) {
            try (Reader r = new Reader(sim, inFlight)) {
                double t0 = System.nanoTime();
                r.reader.read();
                out.append(String.format("warm-up full refresh %d: %.0f ms%n", i + 1, (System.nanoTime() - t0) / 1e6));
            }
        }
        try (Reader r = new Reader(sim, inFlight)) {
            sim.requests().reset();
            CpuSplit split = CpuSplit.start("full".equals(System.getProperty("bench.jfrStage")));
            long t0 = System.nanoTime();
            FleetSnapshot full = r.reader.read();
            double wall = (System.nanoTime() - t0) / 1e6;
            CpuSplit.Cpu cpu = split.stop();
            long requests = sim.requests().total();
            out.append(String.format("requests, full refresh: %d (minimum %d) = %.3f x minimum; errors %s%n", requests, minTotal,
                    requests / (double) minTotal, full.errors()));
            out.append("  by operation: ").append(sim.requests().snapshot()).append('\n');
            out.append(String.format("wall, full refresh: %.0f ms; lower bound %.0f ms (max(ceil(%d / %d), chain %d) x %d ms) "
                            + "= %.2f x lower bound; CPU %s on %d cores (CPU / cores = %.0f ms = %.2f x the latency bound)%n",
                    wall, boundMs, minTotal, inFlight, chain, LATENCY.toMillis(), wall / boundMs, cpu,
                    Runtime.getRuntime().availableProcessors(), cpu.totalMs() / Runtime.getRuntime().availableProcessors(),
                    cpu.totalMs() / Runtime.getRuntime().availableProcessors() / boundMs));

            List<Double> walls = new ArrayList<>();
            long steadyRequests = 0;
            FleetSnapshot last = full;
            CpuSplit steadySplit = CpuSplit.start(!"full".equals(System.getProperty("bench.jfrStage")));
            for (int i = 0; i < STEADY_RUNS; i++) {
                sim.requests().reset();
                long t1 = System.nanoTime();
                last = r.reader.read();
                walls.add((System.nanoTime() - t1) / 1e6);
                steadyRequests = sim.requests().total();
            }
            CpuSplit.Cpu steadyCpu = steadySplit.stop().per(STEADY_RUNS);
            double steadyBound = Math.max(Math.ceil(steadyRequests / (double) inFlight), 4) * LATENCY.toMillis();
            out.append(String.format("wall, steady-state refresh: median %.0f ms of %s; %d requests; lower bound %.0f ms = "
                    + "%.2f x%n", ReadPathBench.median(walls), walls.stream().map(w -> String.format("%.0f", w)).toList(),
                    steadyRequests, steadyBound, ReadPathBench.median(walls) / steadyBound));
            out.append("  by operation: ").append(sim.requests().snapshot()).append('\n');
            out.append(String.format("CPU per steady-state refresh: %s (CPU / cores = %.0f ms)%n", steadyCpu,
                    steadyCpu.totalMs() / Runtime.getRuntime().availableProcessors()));
            long heap = liveHeap();
            out.append(String.format("heap: %d MB live with the reader and its last snapshot (%d tasks), %d MB the simulator "
                    + "alone: console %d MB%n", heap >> 20, last.tasks().count(), simHeap >> 20, (heap - simHeap) >> 20));

            // ECS's buckets on, refreshes 5 s apart in virtual time (the buckets refill on the simulator's clock).
            sim.throttling().setEnabled(true);
            long throttled = 0;
            Map<String, Long> worst = new TreeMap<>();
            for (int i = 0; i < THROTTLE_RUNS; i++) {
                sim.advance(REFRESH);
                sim.requests().reset();
                FleetSnapshot s = r.reader.read();
                throttled += s.requests().throttled();
                sim.requests().snapshotByScope().forEach((scope, ops) -> {
                    long bucket = ops.getOrDefault("ecs:ListTasks", 0L) + ops.getOrDefault("ecs:DescribeTasks", 0L);
                    worst.merge(scope, bucket, Math::max);
                });
            }
            sim.throttling().setEnabled(false);
            out.append(String.format("throttling, %d refreshes %d s apart with ECS's buckets on: %d requests throttled; most "
                    + "ListTasks + DescribeTasks in one refresh per account and region (bucket 100, refill 20/s): %s%n",
                    THROTTLE_RUNS, REFRESH.toSeconds(), throttled, worst));
            out.append(String.format("load average at the end %.1f%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        }
        System.out.print(out);
        Path report = Path.of("target", "bench", "org-scale.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out.toString());
    }

    /** The read path as Console wires a profile of several accounts, over every account and region of the simulator. */
    private static final class Reader implements AutoCloseable {
        final List<AwsClients> clients = new ArrayList<>();
        final RequestScheduler requests;
        final LiveKitCallSource calls;
        final FleetReader reader;

        Reader(Simulator sim, int inFlight) {
            requests = new RequestScheduler(inFlight, Backoff.DEFAULT, "bench-read");
            List<ReadTarget.Region> regions = new ArrayList<>();
            for (RegionalFleet f : sim.fleets()) {
                AwsClients c = new AwsClients(new AwsTarget(f.region(), Optional.of(sim.endpoint()),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(sim.accessKeyFor(f.account()), "x")),
                        "simulator", Optional.of(f.account())), PER_ACCOUNT_REGION);
                clients.add(c);
                regions.add(new ReadTarget.Region(f.region(), new EcsReads(new EcsGateway(c.readEcs()), requests), Set.of(),
                        f.account(), Optional.of(f.account())));
            }
            calls = new LiveKitCallSource(RoomServiceClient.createClient(sim.endpoint().toString(), sim.liveKitApiKey(),
                    sim.liveKitApiSecret()), "ecs.task_arn", sim.clock(), requests);
            reader = new FleetReader(List.of(new ReadTarget("org", regions, calls)), requests, sim.clock(),
                    ReadSettings.DEFAULT.forRefresh(REFRESH));
        }

        @Override
        public void close() {
            reader.close();
            requests.close();
            calls.close();
            clients.forEach(AwsClients::close);
        }
    }

    /** Cluster discovery, then the longest cluster's ListTasks pages one after another and the DescribeTasks of the last. */
    private static long criticalPath(List<RegionalFleet> fleets) {
        long longest = 0;
        for (RegionalFleet f : fleets) {
            longest = Math.max(longest, f.model().read(m -> {
                long l = 0;
                for (ClusterState c : m.clusters()) {
                    long running = c.tasks().values().stream().filter(t -> "RUNNING".equals(t.desiredStatus())).count();
                    l = Math.max(l, Math.max(1, (running + 99) / 100) + 1);
                }
                return l;
            }));
        }
        return 1 + longest;
    }

    private static long count(List<RegionalFleet> fleets, String what) {
        long n = 0;
        for (RegionalFleet f : fleets) {
            n += f.model().read(m -> switch (what) {
                case "tasks" -> m.clusters().stream().mapToLong(c -> c.tasks().size()).sum();
                case "services" -> m.clusters().stream().mapToLong(c -> c.services().size()).sum();
                default -> (long) m.clusters().size();
            });
        }
        return n;
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
