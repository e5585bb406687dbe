package io.drainboard.ui;

import io.drainboard.ui.common.Theme;
import io.drainboard.ui.model.Digester;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.ui.common.PulseStages;
import io.drainboard.ui.common.Ticker;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live table under load, in the real main view: 10,000 tasks, countdowns ticking, a refresh every
 * 2 s (a tenth of the tasks change), sorted by calls with a task selected. It measures the FX thread per
 * pulse (CSS + layout, plus the apply that came before it), the heap after GC, and the CPU of an idle
 * console with 1,000 tasks. Each figure is printed next to a baseline measured in the same run: the same
 * window with the same rows but no refreshes (pulses), and an empty window (CPU).
 * <p>
 * A main class, apart from the tests (the command is in docs/benchmarks.md): run it under Xvfb for a
 * real window, or with {@code -Dglass.platform=Monocle -Dmonocle.platform=Headless} headless.
 */
public final class TaskTableBench {
    private static final long REFRESH_MS = 2000;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** The FX thread's allocation (HotSpot's thread MXBean). */
    private static final com.sun.management.ThreadMXBean ALLOC = (com.sun.management.ThreadMXBean) CPU;
    /** The stage number the bench gives a sorted order shown in a pulse of its own (PulseStages.soon). */
    private static final int SORT_SHOWN = 99;
    private final Stage stage;

    private TaskTableBench(Stage stage) {
        this.stage = stage;
    }

    public static void main(String[] args) throws Exception {
        io.drainboard.BenchData.isolate();
        System.out.printf(Locale.ROOT, "BENCH JavaFX %s, %s, %d cores, load average %.1f%n", System.getProperty("javafx.runtime.version"),
                System.getProperty("glass.platform", "default glass"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        Stage stage = fx(() -> {
            Theme.apply(Theme.Mode.DARK);
            return new Stage();
        });
        TaskTableBench bench = new TaskTableBench(stage);
        boolean cpuOnly = List.of(args).contains("cpu");
        // "tasks=50000": the organisation-scale table (default 10,000); "refreshes=N" per order (default 15)
        int tasks = intArg(args, "tasks", 10_000);
        int refreshes = intArg(args, "refreshes", 15);
        if (!cpuOnly) bench.liveRows(tasks, refreshes);
        if (cpuOnly || !List.of(args).contains("rows")) bench.idleCpuWithOneThousandTasks();
        System.out.printf(Locale.ROOT, "BENCH load average at the end %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Platform.exit();
        System.exit(0);
    }

    private static int intArg(String[] args, String name, int otherwise) {
        for (String a : args) if (a.startsWith(name + "=")) return Integer.parseInt(a.substring(name.length() + 1));
        return otherwise;
    }

    static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    static void waitFor(int seconds, Callable<Boolean> c) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!fx(c)) {
            if (System.nanoTime() > end) throw new AssertionError("timed out");
            Thread.sleep(20);
        }
    }

    /** One window, fed by hand, with timing hooks around the FX work. */
    private final class Bench {
        final ConsoleView view;
        final SnapshotBridge bridge;
        final List<Long> pulses = new CopyOnWriteArrayList<>();
        final List<Long> frames = new CopyOnWriteArrayList<>();
        final List<Long> applies = new CopyOnWriteArrayList<>();
        /** The later stages of a refresh, each in a pulse of its own. */
        final List<Long> stages = new CopyOnWriteArrayList<>();
        /** FX-thread CPU per frame by the refresh stage it carried (0 = rows, -1 = none: ticks, hover). */
        final java.util.Map<Integer, List<Long>> byStage = new java.util.concurrent.ConcurrentSkipListMap<>();
        /** The same frames' FX CPU split: the stage's own code, and the CSS + layout of its pulse. */
        final java.util.Map<Integer, List<Long>> stageCode = new java.util.concurrent.ConcurrentSkipListMap<>();
        final java.util.Map<Integer, List<Long>> stageLayout = new java.util.concurrent.ConcurrentSkipListMap<>();
        final java.util.concurrent.atomic.AtomicInteger stageIndex = new java.util.concurrent.atomic.AtomicInteger();
        volatile int stageOfFrame = -1;
        /** The same, in FX-thread CPU time: what the work costs when the machine is not busy with others. */
        final List<Long> cpuFrames = new CopyOnWriteArrayList<>();
        /** Each frame's FX CPU with the stage it carried (-1: none) and its wall time, for the heaviest list. */
        final List<long[]> framesByCpu = new CopyOnWriteArrayList<>();
        final List<Long> cpuApplies = new CopyOnWriteArrayList<>();
        final AtomicLong pendingCpu = new AtomicLong();
        /** Bytes the FX thread allocated for the frame's code before its pulse, and per frame by stage. */
        final AtomicLong pendingAlloc = new AtomicLong();
        volatile long preAlloc;
        final java.util.Map<Integer, List<Long>> stageAlloc = new java.util.concurrent.ConcurrentSkipListMap<>();
        volatile long preCpu;
        final AtomicLong pendingApply = new AtomicLong();
        /** Frames over 16 ms of wall time, and how many of them had a GC pause inside. */
        final AtomicLong slow = new AtomicLong();
        final AtomicLong slowWithGc = new AtomicLong();
        volatile long frameGc;
        volatile long pre;

        Bench(Profile p) throws Exception {
            ConsoleView[] v = new ConsoleView[1];
            SnapshotBridge[] b = new SnapshotBridge[1];
            fx(() -> {
                v[0] = new ConsoleView(new NoActions());
                Scene scene = new Scene(v[0].root(), 1440, 900);
                v[0].install(scene);
                v[0].attachPanes();
                stage.setScene(scene);
                stage.show();
                Ticker.useClock(Clock.systemUTC());
                v[0].opened(p);
                Digester digester = new Digester(v[0].history, svc -> p.forService(svc.clusterName(), svc.name()));
                b[0] = new SnapshotBridge(digester, u -> {
                    long gcBefore = gcMillis();
                    long t0 = System.nanoTime();
                    long c0 = CPU.getCurrentThreadCpuTime();
                    long a0 = ALLOC.getCurrentThreadAllocatedBytes();
                    v[0].apply(u);
                    long took = System.nanoTime() - t0;
                    long cpu = CPU.getCurrentThreadCpuTime() - c0;
                    pendingAlloc.addAndGet(ALLOC.getCurrentThreadAllocatedBytes() - a0);
                    applies.add(took);
                    if (pendingApply.get() == 0) frameGc = gcBefore;
                    stageIndex.set(0);
                    stageOfFrame = 0;
                    cpuApplies.add(cpu);
                    pendingApply.addAndGet(took);
                    pendingCpu.addAndGet(cpu);
                }, m -> { });
                // The refresh's later stages run in their own pulses (PulseStages): count them in their frame.
                PulseStages.around(stage -> () -> {
                    long t0 = System.nanoTime();
                    long c0 = CPU.getCurrentThreadCpuTime();
                    long a0 = ALLOC.getCurrentThreadAllocatedBytes();
                    stage.run();
                    stageOfFrame = stageIndex.incrementAndGet();
                    stages.add(System.nanoTime() - t0);
                    pendingApply.addAndGet(System.nanoTime() - t0);
                    pendingCpu.addAndGet(CPU.getCurrentThreadCpuTime() - c0);
                    pendingAlloc.addAndGet(ALLOC.getCurrentThreadAllocatedBytes() - a0);
                });
                // A re-sort's order, shown in a pulse of its own ahead of the next stage: "stage 99".
                PulseStages.aroundSoon(work -> () -> {
                    long t0 = System.nanoTime();
                    long c0 = CPU.getCurrentThreadCpuTime();
                    long a0 = ALLOC.getCurrentThreadAllocatedBytes();
                    work.run();
                    stageOfFrame = SORT_SHOWN;
                    pendingApply.addAndGet(System.nanoTime() - t0);
                    pendingCpu.addAndGet(CPU.getCurrentThreadCpuTime() - c0);
                    pendingAlloc.addAndGet(ALLOC.getCurrentThreadAllocatedBytes() - a0);
                });
                scene.addPreLayoutPulseListener(() -> {
                    pre = System.nanoTime();
                    preCpu = CPU.getCurrentThreadCpuTime();
                    preAlloc = ALLOC.getCurrentThreadAllocatedBytes();
                    if (pendingApply.get() == 0) frameGc = gcMillis(); // else: counted from the apply before it
                });
                scene.addPostLayoutPulseListener(() -> {
                    long layout = System.nanoTime() - pre;
                    pulses.add(layout);
                    long frame = layout + pendingApply.getAndSet(0);
                    frames.add(frame);
                    if (frame > 16_000_000L) {
                        slow.incrementAndGet();
                        if (gcMillis() > frameGc) slowWithGc.incrementAndGet();
                    }
                    long layoutCpu = CPU.getCurrentThreadCpuTime() - preCpu;
                    long alloc = ALLOC.getCurrentThreadAllocatedBytes() - preAlloc + pendingAlloc.getAndSet(0);
                    stageAlloc.computeIfAbsent(stageOfFrame, k -> new CopyOnWriteArrayList<>()).add(alloc);
                    long codeCpu = pendingCpu.getAndSet(0);
                    long cpuFrame = layoutCpu + codeCpu;
                    stageCode.computeIfAbsent(stageOfFrame, k -> new CopyOnWriteArrayList<>()).add(codeCpu);
                    stageLayout.computeIfAbsent(stageOfFrame, k -> new CopyOnWriteArrayList<>()).add(layoutCpu);
                    cpuFrames.add(cpuFrame);
                    framesByCpu.add(new long[]{cpuFrame, stageOfFrame, frame, framesByCpu.size()});
                    byStage.computeIfAbsent(stageOfFrame, k -> new CopyOnWriteArrayList<>()).add(cpuFrame);
                    stageOfFrame = -1;
                });
                return null;
            });
            view = v[0];
            bridge = b[0];
        }

        void reset() {
            slow.set(0);
            slowWithGc.set(0);
            pulses.clear();
            frames.clear();
            applies.clear();
            stages.clear();
            byStage.clear();
            stageCode.clear();
            stageLayout.clear();
            stageAlloc.clear();
            cpuFrames.clear();
            framesByCpu.clear();
            cpuApplies.clear();
        }
    }

    private static final class NoActions implements ConsoleView.Actions {
        public void refreshNow() { }
        public void openProfile(Path p) { }
        public void browse(String url, java.util.function.Consumer<String> failed) { }
        public void quit() { }
    }

    void liveRows(int tasks, int refreshes) throws Exception {
        Profile profile = ProfileLoader.load(DemoFleet.PROFILE);
        Bench b = new Bench(profile);
        SyntheticFleet fleet = new SyntheticFleet(tasks, Clock.systemUTC().instant());
        long built = System.nanoTime();
        b.bridge.snapshot(fleet.next(Clock.systemUTC().instant()));
        waitFor(120, () -> b.view.table.view().getItems().size() == tasks);
        System.out.printf(Locale.ROOT, "BENCH first %,d rows on screen after %.0f ms%n", tasks, (System.nanoTime() - built) / 1e6);
        Object selected = fx(() -> {
            b.view.table.view().getSelectionModel().select(42);
            return b.view.table.view().getSelectionModel().getSelectedItem();
        });

        // Warm-up (JIT), then the baseline: same rows, countdowns ticking, no refresh.
        feed(b, fleet, 5);
        Thread.sleep(3000);
        b.reset();
        Thread.sleep(10_000);
        Stats idle = Stats.of(b.pulses);
        Stats idleCpu = Stats.of(b.cpuFrames);
        System.out.printf(Locale.ROOT, "BENCH %,d rows, refresh every %d ms (%,d tasks change each time), a task selected%n", tasks, REFRESH_MS, tasks / 10);
        System.out.printf(Locale.ROOT, "BENCH baseline, no refresh, countdowns ticking:  pulses %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                idle.n, idle.p50, idle.p99, idle.max);
        System.out.printf(Locale.ROOT, "BENCH   the same in FX-thread CPU time: p50 %.2f ms, p99 %.2f ms%n", idleCpu.p50, idleCpu.p99);

        live(b, fleet, refreshes, "default order (cluster, service, id)", idle);
        fx(() -> {
            b.view.table.sortBy("col-calls");
            return null;
        });
        feed(b, fleet, 5); // the same warm-up as the default order: the first sorts run colder code (JIT)
        live(b, fleet, refreshes, "sorted by calls (re-sorted each refresh)", idle);
        if (fx(() -> b.view.table.view().getSelectionModel().getSelectedItem()) != selected) {
            throw new AssertionError("the selection was lost during refreshes");
        }
        System.out.printf(Locale.ROOT, "BENCH heap after GC with %,d rows: %.0f MB%n", tasks, heapAfterGc());
    }

    private void live(Bench b, SyntheticFleet fleet, int refreshes, String what, Stats idle) throws Exception {
        b.reset();
        long[] gc0 = gcCountAndMillis();
        long heapAlloc0 = allAllocated();
        long wall0 = System.nanoTime();
        feed(b, fleet, refreshes);
        long[] gc1 = gcCountAndMillis();
        double seconds = (System.nanoTime() - wall0) / 1e9;
        double allocMb = (allAllocated() - heapAlloc0) / 1024.0 / 1024.0;
        Stats frames = Stats.of(b.frames);
        Stats layout = Stats.of(b.pulses);
        Stats applies = Stats.of(b.applies);
        System.out.printf(Locale.ROOT, "BENCH %s:%n", what);
        System.out.printf(Locale.ROOT, "BENCH   FX time per pulse (apply + CSS/layout): pulses %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms (p99 / baseline %.1fx)%n",
                frames.n, frames.p50, frames.p99, frames.max, frames.p99 / Math.max(0.01, idle.p99));
        System.out.printf(Locale.ROOT, "BENCH   frames over 16 ms wall: %d of %d, %d of them with a GC pause inside%n",
                b.slow.get(), frames.n, b.slowWithGc.get());
        System.out.printf(Locale.ROOT, "BENCH   allocation, all threads: %.0f MB in %.1f s (%.1f MB/s, %.1f MB a refresh); GC: %d collections, %d ms of pauses%s%n",
                allocMb, seconds, allocMb / seconds, allocMb / refreshes, gc1[0] - gc0[0], gc1[1] - gc0[1], gcNames());
        Stats stages = Stats.of(b.stages);
        System.out.printf(Locale.ROOT, "BENCH   first stage of a refresh (rows): p50 %.2f ms, p99 %.2f ms; later stages (sort, tree+status, service pane, details+chart): p50 %.2f ms, p99 %.2f ms; CSS/layout pulses: p50 %.2f ms, p99 %.2f ms%n",
                applies.p50, applies.p99, stages.p50, stages.p99, layout.p50, layout.p99);
        Stats cpuFrames = Stats.of(b.cpuFrames);
        Stats cpuApplies = Stats.of(b.cpuApplies);
        System.out.printf(Locale.ROOT, "BENCH   the same in FX-thread CPU time: per pulse p50 %.2f ms, p99 %.2f ms, max %.2f ms; apply p50 %.2f ms, p99 %.2f ms%n",
                cpuFrames.p50, cpuFrames.p99, cpuFrames.max, cpuApplies.p50, cpuApplies.p99);
        b.byStage.forEach((stage, cpu) -> {
            Stats st = Stats.of(cpu);
            Stats code = Stats.of(b.stageCode.get(stage));
            Stats lay = Stats.of(b.stageLayout.get(stage));
            Stats alloc = Stats.of(b.stageAlloc.getOrDefault(stage, List.of()));
            System.out.printf(Locale.ROOT, "BENCH     frames carrying stage %d%s: %d, FX CPU p50 %.2f ms, max %.2f ms (its code p50 %.2f / max %.2f, CSS + layout p50 %.2f / max %.2f); FX allocation p50 %.0f KB, max %.0f KB%n",
                    stage, stage == SORT_SHOWN ? " (a re-sort's order shown)" : "", st.n, st.p50, st.max, code.p50, code.max, lay.p50, lay.max,
                    alloc.p50 * 1e6 / 1024, alloc.max * 1e6 / 1024);
        });
        List<long[]> worst = new ArrayList<>(b.framesByCpu);
        worst.sort((x, y) -> Long.compare(y[0], x[0]));
        System.out.printf(Locale.ROOT, "BENCH   heaviest pulses, FX-thread CPU ms (stage, wall ms, frame # of %d): %s%n", worst.size(),
                worst.stream().limit(8).map(f -> String.format(Locale.ROOT, "%.1f (%d, %.1f, #%d)", f[0] / 1e6, f[1], f[2] / 1e6, f[3])).toList());
        List<long[]> slowest = new ArrayList<>(b.framesByCpu);
        slowest.sort((x, y) -> Long.compare(y[2], x[2]));
        System.out.printf(Locale.ROOT, "BENCH   slowest pulses, wall ms (stage, FX CPU ms): %s%n", slowest.stream().limit(5)
                .map(f -> String.format(Locale.ROOT, "%.1f (%d, %.1f)", f[2] / 1e6, f[1], f[0] / 1e6)).toList());
    }

    void idleCpuWithOneThousandTasks() throws Exception {
        Profile profile = ProfileLoader.load(DemoFleet.PROFILE);
        new Bench(profile);
        Thread.sleep(2000);
        double baseline = cpuPercent(() -> Thread.sleep(15_000));
        Bench b = new Bench(profile);
        SyntheticFleet fleet = new SyntheticFleet(1_000, Clock.systemUTC().instant());
        feed(b, fleet, 3);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] building = new long[1];
        double live = cpuPercent(() -> {
            for (int i = 0; i < 10; i++) {
                long t0 = threads.getCurrentThreadCpuTime();
                FleetSnapshot s = fleet.next(Clock.systemUTC().instant());
                building[0] += threads.getCurrentThreadCpuTime() - t0; // the read path's work, not the UI's
                b.bridge.snapshot(s);
                Thread.sleep(REFRESH_MS);
            }
        }) - building[0] / 1e7 / 20.0;
        System.out.printf(Locale.ROOT, "BENCH CPU, empty window (baseline): %.1f %% of one core%n", baseline);
        System.out.printf(Locale.ROOT, "BENCH CPU, 1,000 tasks, refresh every %d ms, countdowns ticking: %.1f %% of one core (ratio %.1fx)%n",
                REFRESH_MS, live, live / Math.max(0.1, baseline));
    }

    private static void feed(Bench b, SyntheticFleet fleet, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            b.bridge.snapshot(fleet.next(Clock.systemUTC().instant()));
            Thread.sleep(REFRESH_MS);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Process CPU over the work, in % of one core. */
    private static double cpuPercent(Work w) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        w.run();
        return 100.0 * (os.getProcessCpuTime() - c0) / (System.nanoTime() - t0);
    }

    /** Collections and their time so far, over every collector. */
    static long[] gcCountAndMillis() {
        long n = 0;
        long t = 0;
        for (var gc : pauseBeans()) {
            n += Math.max(0, gc.getCollectionCount());
            t += Math.max(0, gc.getCollectionTime());
        }
        return new long[]{n, t};
    }

    /**
     * The collectors whose time is stop-the-world pauses: G1's two, ZGC's "ZGC Pauses" (its "ZGC Cycles" time is the
     * concurrent cycle's, during which the FX thread runs).
     */
    private static List<java.lang.management.GarbageCollectorMXBean> pauseBeans() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().filter(g -> !g.getName().contains("Cycles")).toList();
    }

    private static String gcNames() {
        return " (" + String.join(", ", pauseBeans().stream().map(g -> g.getName()).toList()) + ")";
    }

    /** Bytes allocated so far by the threads alive now (HotSpot's per-thread counters). */
    static long allAllocated() {
        long sum = 0;
        for (long a : ALLOC.getThreadAllocatedBytes(CPU.getAllThreadIds())) sum += Math.max(0, a);
        return sum;
    }

    /** Total time of every collector's pauses so far (stop-the-world and, for ZGC, its pauses). */
    static long gcMillis() {
        long t = 0;
        for (var gc : pauseBeans()) t += Math.max(0, gc.getCollectionTime());
        return t;
    }

    private static double heapAfterGc() throws Exception {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return mem.getHeapMemoryUsage().getUsed() / 1024.0 / 1024.0;
    }

    private record Stats(int n, double p50, double p99, double max) {
        static Stats of(List<Long> nanos) {
            List<Long> s = new ArrayList<>(nanos);
            if (s.isEmpty()) return new Stats(0, 0, 0, 0);
            Collections.sort(s);
            return new Stats(s.size(), s.get(s.size() / 2) / 1e6, s.get((int) Math.min(s.size() - 1, Math.ceil(s.size() * 0.99) - 1)) / 1e6,
                    s.get(s.size() - 1) / 1e6);
        }
    }
}
