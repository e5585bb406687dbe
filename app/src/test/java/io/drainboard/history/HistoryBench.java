package io.drainboard.history;

import io.drainboard.fleet.FleetDiff;
import io.drainboard.fleet.FleetSnapshot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The history store under load: {@code bench.days} (7) of {@code bench.tasks} (1,000) tasks at a 5 s refresh,
 * generated ({@link SyntheticFleet}), recorded through the real writer. Prints the database size, the write
 * cost per refresh against the snapshot diff every refresh already computes (baseline, same run), the
 * hand-over cost on the refresh thread, and the one-service-day timeline query against fetching its raw
 * rows. Tagged {@code bench} (excluded from the normal run) and runnable as a main class; the command is in
 * docs/benchmarks.md.
 */
@Tag("bench")
public class HistoryBench {
    public static void main(String[] args) throws Exception {
        io.drainboard.BenchData.isolate();
        new HistoryBench().sevenDaysOfAThousandTasks();
        System.exit(0);
    }

    @Test
    void sevenDaysOfAThousandTasks() throws Exception {
        int days = Integer.getInteger("bench.days", 7);
        int tasks = Integer.getInteger("bench.tasks", 1000);
        int perService = 50;
        Duration refresh = Duration.ofSeconds(5);
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        Path dir = Files.createTempDirectory("drainboard-history-bench");
        SyntheticFleet fleet = new SyntheticFleet(tasks / perService, perService, refresh, start);
        long refreshes = Duration.ofDays(days).dividedBy(refresh);
        long[] writeNanos = new long[(int) refreshes];
        long[] diffNanos = new long[(int) refreshes];
        long handOverMax = 0, handOverTotal = 0, handOverCpu = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        MutableClock clock = new MutableClock(start);
        long wall0 = System.nanoTime();
        try (History h = History.open(dir, clock, HistorySettings.DEFAULT.withRetention(Duration.ofDays(30), 8L << 30))) {
            HistoryWriter w = h.writerForTests();
            FleetSnapshot prev = null;
            for (int i = 0; i < refreshes; i++) {
                FleetSnapshot s = fleet.next();
                clock.set(s.takenAt());
                if (prev != null) { // baseline: what every refresh already costs the read path for the UI
                    long d0 = System.nanoTime();
                    FleetDiff.between(prev, s);
                    diffNanos[i] = System.nanoTime() - d0;
                }
                long busy0 = w.busyNanos();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                h.recorder().snapshot(s); // what the refresh thread pays
                long handOver = System.nanoTime() - t0;
                handOverCpu += threads.getCurrentThreadCpuTime() - cpu0;
                handOverTotal += handOver;
                handOverMax = Math.max(handOverMax, handOver);
                if (!w.awaitWritten(60_000)) throw new AssertionError("writer stuck"); // one refresh, one transaction
                writeNanos[i] = w.busyNanos() - busy0;
                prev = s;
                if (i % 17280 == 17279) System.out.printf("  day %d recorded (%.0f s)%n", (i + 1) / 17280, (System.nanoTime() - wall0) / 1e9);
            }
            if (!h.flush(Duration.ofSeconds(60))) throw new AssertionError("writer stuck");
            long recordWallMs = (System.nanoTime() - wall0) / 1_000_000;
            long gcMs = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
            long bytes = h.sizeBytes();
            long mainFile = Files.size(dir.resolve(History.FILE_NAME));

            List<StopRecord> all = h.stops(start, start.plus(Duration.ofDays(days))); // also warms the query path
            StopRecord someKill = all.stream().filter(StopRecord::cutCalls).findFirst().orElseThrow();
            ServiceRef svc = h.service(someKill.clusterName(), someKill.serviceName()).orElseThrow(); // a service that deployed
            Instant dayFrom = someKill.at().minus(Duration.ofHours(12)), dayTo = dayFrom.plus(Duration.ofDays(1));
            double[] query = new double[21], raw = new double[21];
            Timeline t = null;
            java.sql.Connection rawConnection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + h.file().orElseThrow());
            for (int k = 0; k < query.length; k++) {
                long q0 = System.nanoTime();
                t = h.timeline(svc, dayFrom, dayTo);
                query[k] = (System.nanoTime() - q0) / 1e6;
                long r0 = System.nanoTime();
                rawRows(rawConnection, svc, dayFrom, dayTo);
                raw[k] = (System.nanoTime() - r0) / 1e6;
            }
            rawConnection.close();
            long s0 = System.nanoTime();
            all = h.stops(start, start.plus(Duration.ofDays(days)));
            double stopsMs = (System.nanoTime() - s0) / 1e6;
            long cutting = all.stream().filter(StopRecord::cutCalls).count();
            long c0 = System.nanoTime();
            int callsOfTask = h.calls(someKill.taskArn()).size();
            double callsMs = (System.nanoTime() - c0) / 1e6;

            double writeMean = mean(writeNanos) / 1e6, diffMean = mean(diffNanos) / 1e6;
            StringBuilder out = new StringBuilder();
            out.append(String.format("history bench: %d tasks (%d services × %d), %d s refresh, %d days = %d refreshes;"
                            + " %,d calls, %,d task stops (%,d SIGKILLed with calls); generated and recorded in %.0f s"
                            + " (GC %.0f s)%n",
                    tasks, tasks / perService, perService, refresh.toSeconds(), days, refreshes, fleet.calls(), fleet.stops(),
                    fleet.kills(), recordWallMs / 1000.0, gcMs / 1000.0));
            out.append(String.format("database: %.1f MB (file %.1f MB + WAL) = %.1f kB per task-day, %.0f bytes per call%n",
                    bytes / 1e6, mainFile / 1e6, bytes / 1e3 / tasks / days, (double) bytes / fleet.calls()));
            out.append(String.format("write per refresh (writer thread, one transaction): mean %.2f ms, p50 %.2f, p99 %.2f,"
                            + " max %.1f ms = %.3f %% of the %d s interval; %.2f x the snapshot diff (baseline, mean %.2f ms)%n",
                    writeMean, pct(writeNanos, 50) / 1e6, pct(writeNanos, 99) / 1e6, pct(writeNanos, 100) / 1e6,
                    100 * writeMean / refresh.toMillis(), refresh.toSeconds(), writeMean / diffMean, diffMean));
            out.append(String.format("refresh thread hand-over (a queue offer, never waits): CPU %.1f µs mean; wall %.1f µs"
                            + " mean, %.1f ms max (the woken writer may take the core: 2 cores); snapshots dropped: %d%n",
                    handOverCpu / 1e3 / refreshes, handOverTotal / 1e3 / refreshes, handOverMax / 1e6, h.droppedSnapshots()));
            Arrays.sort(query);
            Arrays.sort(raw);
            out.append(String.format("timeline, one service-day (%d tasks, %d points, %d stops, %d events): median %.1f ms,"
                            + " max %.1f ms (target < 200 ms) = %.1f x fetching its raw rows (baseline, median %.1f ms)%n",
                    perService, t.calls().size(), t.stops().size(), t.events().size(), query[query.length / 2],
                    query[query.length - 1], query[query.length / 2] / raw[raw.length / 2], raw[raw.length / 2]));
            out.append(String.format("stops over %d days, all services: %d (%d cut calls) in %.1f ms; one killed task's calls: %d in %.1f ms%n",
                    days, all.size(), cutting, stopsMs, callsOfTask, callsMs));
            System.out.print(out);
            Files.writeString(Path.of(System.getProperty("bench.out", "target/history-bench.txt")), out.toString());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Baseline: the same service-day's series blobs, stops and events read without decoding or joining. */
    private static void rawRows(java.sql.Connection c, ServiceRef s, Instant from, Instant to) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT data FROM series WHERE kind = 1 AND key = ? AND hour BETWEEN ? AND ?")) {
            ps.setLong(1, s.id());
            ps.setLong(2, SeriesCodec.hourOf(from));
            ps.setLong(3, SeriesCodec.hourOf(to));
            long n = 0;
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) n += r.getBytes(1).length;
            }
            if (n < 0) throw new AssertionError();
        }
    }

    private static double mean(long[] v) {
        return Arrays.stream(v).average().orElse(0);
    }

    private static long pct(long[] v, int p) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[Math.min(c.length - 1, (int) Math.ceil(p / 100.0 * c.length) - 1)];
    }

    /** The history's clock follows the generated fleet (retention and audit import run on snapshot time). */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

}
