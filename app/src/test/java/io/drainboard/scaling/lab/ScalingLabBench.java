package io.drainboard.scaling.lab;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The scaling lab's benchmark (docs/benchmarks.md): the three built-in shapes, the recommended and the CPU policy,
 * each against the perfect-foresight lower bound of the same run; then a 7-day replay, timed. Seeds from
 * {@code -Dbench.seeds=1,2,3}.
 */
public final class ScalingLabBench {
    static List<LabPolicy> policies() {
        List<LabPolicy> out = new java.util.ArrayList<>();
        for (String p : System.getProperty("bench.policies", "recommended;cpu").split(";")) {
            out.add(LabPolicy.parse(p, null, 2, 60));
        }
        return out;
    }

    public static void main(String[] args) {
        io.drainboard.BenchData.isolate();
        String[] seeds = System.getProperty("bench.seeds", "1").split(",");
        int peak = Integer.getInteger("bench.peak", 100);
        LabService svc = new LabService("voice", "agent", "FARGATE", 120, 4, Duration.ofHours(1),
                Duration.ofSeconds(60), Duration.ofMinutes(4), Duration.ofMinutes(25));
        String only = System.getProperty("bench.shapes", "monday-flood,friday-peak,crisis-surge");
        for (String seed : seeds) {
            for (String shape : only.split(",")) {
                long t = System.nanoTime();
                List<LabPolicy> policies = policies();
                ScalingLab.Comparison c = ScalingLab.compare(svc, TrafficShape.builtIn(shape, peak, 1),
                        policies, Long.parseLong(seed));
                double secs = (System.nanoTime() - t) / 1e9;
                // What keeping a share idle at every minute costs with perfect foresight, against the bound.
                CallPlan plan = CallPlan.draw(TrafficShape.builtIn(shape, peak, 1), svc.medianCall(), svc.p99Call(),
                        Long.parseLong(seed));
                StringBuilder floors = new StringBuilder();
                for (double idle : new double[]{0.1, 0.2, 0.3}) {
                    floors.append(String.format(Locale.ROOT, " idle%.0f%% %.2f", 100 * idle,
                            LowerBound.of(plan, svc.capacity(), svc.leadMinutes(), idle).taskHours() / c.bound().taskHours()));
                }
                // A perfect hourly forecast (predictive scaling's granularity) holds each hour's most all hour.
                floors.append(String.format(Locale.ROOT, " hourly %.2f", c.bound().hourly().taskHours() / c.bound().taskHours()));
                System.out.printf(Locale.ROOT, "seed %s %-13s floor (perfect foresight, a share idle every minute):%s%n",
                        seed, shape, floors);
                String trace = System.getProperty("bench.trace", "");
                if (!trace.isEmpty()) {
                    // -Dbench.trace=FROM-TO (minutes of the day): per 10 minutes, each policy's billed tasks and
                    // sessions against the bound's tasks, to see where a policy's excess or its waits come from.
                    // -Dbench.traceStep=1 for every minute (desired, aim and waiting callers too).
                    int from = Integer.parseInt(trace.split("-")[0]), to = Integer.parseInt(trace.split("-")[1]);
                    int step = Integer.getInteger("bench.traceStep", 10);
                    for (int m = from; m < to && m < c.bound().tasks().length; m += step) {
                        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %02d:%02d bound %3d",
                                m / 60, m % 60, c.bound().tasks()[m]));
                        for (LabResult r : c.results()) {
                            line.append(String.format(Locale.ROOT, " | %s tasks %3d sessions %3d", r.policy(),
                                    r.tasksPerMinute()[m], r.sessionsPerMinute()[m]));
                            if (step == 1) line.append(String.format(Locale.ROOT, " desired %3d aim %3d waiting %2d",
                                    r.minutes().desired()[m], r.minutes().aim()[m], r.minutes().waiting()[m]));
                        }
                        System.out.println(line);
                    }
                }
                for (int i = 0; i < c.results().size(); i++) {
                    LabResult r = c.results().get(i);
                    // Where the task-hours above the bound go (Excess), as shares of the bound.
                    Excess x = Excess.of(r, c.bound(), svc.capacity(), policies.get(i).headroom().map(h -> h.share()));
                    System.out.printf(Locale.ROOT, "seed %s %-13s %-11s excess held %.3f lag %.3f room %.3f share %.3f"
                                    + " whole %.3f (sum %.3f; not serving %.3f)%n", seed, shape, r.policy(), x.held(), x.lag(),
                            x.room(), x.share(), x.whole(), x.total(), x.starting());
                }
                for (LabResult r : c.results()) {
                    System.out.printf(Locale.ROOT, "seed %s %-13s %-11s calls %6d cut %3d waited>10s %5.2f%% refused %5.2f%%"
                                    + " peak-util %3.0f%% task-h %7.1f bound %7.1f ratio %.2f out %d in %d (%.1f s)%n",
                            seed, shape, r.policy(), r.offered(), r.cut(), 100 * r.waitedShare(), 100 * r.refusedShare(),
                            100 * r.peakUtilisation(), r.taskHours(), r.boundTaskHours(), r.costRatio(), r.scaleOuts(),
                            r.scaleIns(), secs);
                }
            }
        }
        if (Boolean.parseBoolean(System.getProperty("bench.week", "true"))) {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long t = System.nanoTime(), cpu0 = os.getProcessCpuTime();
            ScalingLab.Comparison c = ScalingLab.compare(svc, TrafficShape.builtIn("friday-peak", peak, 7),
                    List.of(LabPolicy.recommended(2, 60)), 1);
            double secs = (System.nanoTime() - t) / 1e9, cpuSecs = (os.getProcessCpuTime() - cpu0) / 1e9;
            LabResult r = c.results().get(0);
            System.out.printf(Locale.ROOT, "7-day replay (friday-peak x7, %d calls): %.1f s wall, %.1f s CPU; cut %d,"
                    + " waited>10s %.2f%%, ratio %.2f%n", c.calls(), secs, cpuSecs, r.cut(), 100 * r.waitedShare(), r.costRatio());
        }
    }
}
