package io.drainboard.fleet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU a stretch of a bench costs, split by who spent it: the simulator's threads (its HTTP server), the
 * console's (everything else written in Java: scheduler workers, SDK, call source, snapshot building) and the
 * JVM's own (GC, JIT: the process's CPU less every Java thread's). With {@code -Dbench.jfr=FILE} the same stretch
 * is also recorded with JFR's profiling settings, for {@code jfr print --events jdk.ExecutionSample FILE}.
 */
final class CpuSplit {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    record Cpu(double simulatorMs, double consoleMs, double jvmMs) {
        double totalMs() {
            return simulatorMs + consoleMs + jvmMs;
        }

        Cpu per(int n) {
            return new Cpu(simulatorMs / n, consoleMs / n, jvmMs / n);
        }

        @Override
        public String toString() {
            return String.format("%.0f ms (console %.0f, simulator %.0f, JVM GC/JIT %.0f)", totalMs(), consoleMs,
                    simulatorMs, jvmMs);
        }
    }

    private final Map<Long, Long> startByThread;
    private final double processStart;
    private final jdk.jfr.Recording recording;

    private CpuSplit(String jfr) {
        recording = jfr == null ? null : startRecording();
        startByThread = threadCpu();
        processStart = processMs();
    }

    /** Starts measuring; records with JFR too when {@code -Dbench.jfr} names a file (only the first stretch asked). */
    static CpuSplit start(boolean record) {
        return new CpuSplit(record ? System.getProperty("bench.jfr") : null);
    }

    Cpu stop() {
        double process = processMs() - processStart;
        Map<Long, Long> end = threadCpu();
        double sim = 0, console = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(end.keySet().stream().mapToLong(Long::longValue).toArray())) {
            if (info == null) continue;
            long id = info.getThreadId();
            double ms = (end.get(id) - startByThread.getOrDefault(id, 0L)) / 1e6;
            if (simulator(info.getThreadName())) sim += ms;
            else console += ms;
        }
        if (recording != null) {
            try {
                recording.dump(Path.of(System.getProperty("bench.jfr")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            recording.close();
        }
        return new Cpu(sim, console, Math.max(0, process - sim - console));
    }

    /** The simulator's server threads (its pool and the JDK server's dispatcher and timer). */
    static boolean simulator(String thread) {
        return thread.startsWith("sim-") || thread.startsWith("HTTP-Dispatcher") || thread.equals("server-timer")
                || thread.startsWith("idle-timeout-task");
    }

    private static Map<Long, Long> threadCpu() {
        Map<Long, Long> out = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long ns = THREADS.getThreadCpuTime(id);
            if (ns >= 0) out.put(id, ns);
        }
        return out;
    }

    private static double processMs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e6;
    }

    private static jdk.jfr.Recording startRecording() {
        try {
            jdk.jfr.Recording r = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(5));
            r.start();
            return r;
        } catch (java.io.IOException | java.text.ParseException e) {
            throw new IllegalStateException("cannot start JFR: " + e.getMessage(), e);
        }
    }
}
