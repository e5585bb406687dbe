package io.drainboard.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the guard service has done, for {@code GET /metrics} (Prometheus text exposition format 0.0.4,
 * https://prometheus.io/docs/instrumenting/exposition_formats/) and {@code GET /healthz}. Counters only grow;
 * per-service gauges are what the last pass saw.
 */
final class GuardStats {
    /** One service as the last pass saw it. */
    record ServiceGauge(boolean leader, int guardedTasks, int protectedTasks, int callsProtected, int busyUnprotected) {
    }

    final AtomicLong passes = new AtomicLong();
    final AtomicLong passFailures = new AtomicLong();
    final AtomicLong protections = new AtomicLong();
    final AtomicLong releases = new AtomicLong();
    final AtomicLong renewFailures = new AtomicLong();
    final AtomicLong markFailures = new AtomicLong();
    final AtomicLong leaseWrites = new AtomicLong();
    final AtomicLong metricsPublished = new AtomicLong();
    final AtomicLong metricFailures = new AtomicLong();
    final AtomicLong scaleInReleases = new AtomicLong();
    private final Map<String, ServiceGauge> services = new TreeMap<>();
    private volatile Instant lastPass;
    private volatile String lastError = "";

    synchronized void service(String key, ServiceGauge g) {
        services.put(key, g);
    }

    void passDone(Instant at) {
        passes.incrementAndGet();
        lastPass = at;
        lastError = "";
    }

    void passFailed(String why) {
        passFailures.incrementAndGet();
        lastError = why;
    }

    /** Healthy while a pass completed within {@code within}; the reason otherwise. */
    String unhealthy(Instant now, Duration within) {
        if (lastPass == null) return "no pass completed yet" + (lastError.isEmpty() ? "" : ": " + lastError);
        Duration age = Duration.between(lastPass, now);
        if (age.compareTo(within) > 0) {
            return "the last pass completed " + age.toSeconds() + " s ago" + (lastError.isEmpty() ? "" : ": " + lastError);
        }
        return "";
    }

    synchronized String prometheus() {
        StringBuilder b = new StringBuilder();
        counter(b, "drainboard_guard_passes_total", "Decision passes completed.", passes.get());
        counter(b, "drainboard_guard_pass_failures_total", "Passes that could not read the fleet.", passFailures.get());
        counter(b, "drainboard_guard_protections_total", "Task protections granted or renewed.", protections.get());
        counter(b, "drainboard_guard_releases_total", "Idle tasks released for a scale-in or deployment ECS waited to do.",
                releases.get());
        counter(b, "drainboard_guard_renew_failures_total", "Protections or renewals ECS refused or that failed.",
                renewFailures.get());
        counter(b, "drainboard_guard_mark_failures_total", "Protection marks (task tags) that could not be written.",
                markFailures.get());
        counter(b, "drainboard_guard_lease_writes_total", "Leadership lease tags written (takeovers and heartbeats).",
                leaseWrites.get());
        counter(b, "drainboard_guard_session_metrics_published_total", "Session metrics sent with PutMetricData.",
                metricsPublished.get());
        counter(b, "drainboard_guard_session_metric_failures_total", "PutMetricData requests that failed.",
                metricFailures.get());
        counter(b, "drainboard_guard_scale_in_releases_total",
                "Idle cordoned tasks chosen for a scale-in ECS waited to do, whose protection was released for it.",
                scaleInReleases.get());
        gauge(b, "drainboard_guard_last_pass_timestamp_seconds", "When the last pass completed (Unix time).",
                lastPass == null ? 0 : lastPass.getEpochSecond());
        perService(b, "drainboard_guard_leader", "1 while this replica leads the service's guard.", g -> g.leader() ? 1 : 0);
        perService(b, "drainboard_guard_guarded_tasks", "Running tasks of the service.", ServiceGauge::guardedTasks);
        perService(b, "drainboard_guard_leases", "Tasks of the service protected now (by anyone).", ServiceGauge::protectedTasks);
        perService(b, "drainboard_guard_calls_protected", "Calls on protected tasks.", ServiceGauge::callsProtected);
        perService(b, "drainboard_guard_busy_unprotected_tasks", "Tasks with calls and no protection.",
                ServiceGauge::busyUnprotected);
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help, long v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(v).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String help, long v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(v).append('\n');
    }

    private void perService(StringBuilder b, String name, String help, java.util.function.ToIntFunction<ServiceGauge> f) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
        for (Map.Entry<String, ServiceGauge> e : services.entrySet()) {
            b.append(name).append("{service=\"").append(e.getKey().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\"} ").append(f.applyAsInt(e.getValue())).append('\n');
        }
    }
}
