package io.drainboard.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workers that protect their own task through the ECS agent's task-protection endpoint, the pattern AWS documents
 * for long-running work (Developer Guide "Task scale-in protection endpoint": {@code PUT $ECS_AGENT_URI/task-protection/v1/state}),
 * as the docs' snippet does it (docs/worker-snippets.md): protect when the first job starts, renew while busy,
 * release once the worker has been idle for a hysteresis; a refused or failed call is tried again later and never
 * holds up a job. The agent forwards each call to UpdateTaskProtection, so the same rules apply
 * ({@link Protection}: 1–2880 minutes, DEPLOYMENT_BLOCKED, TASK_NOT_VALID). The simulator's one model of a
 * self-protecting worker: scenario key {@code worker.selfProtect}, or {@link FleetModel#selfProtect} from a test or the
 * scaling lab. Guarded by the {@link FleetModel} lock.
 */
public final class SelfProtection {
    /**
     * @param lease      ExpiresInMinutes of each PUT
     * @param renewEvery how often a busy worker renews (well inside the lease)
     * @param hysteresis how long the worker stays idle before it releases
     * @param retry      how soon a refused or failed call is tried again
     */
    public record Settings(Duration lease, Duration renewEvery, Duration hysteresis, Duration retry) {
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(180), Duration.ofMinutes(10),
                Duration.ofMinutes(2), Duration.ofSeconds(30));

        /** The same with another lease (ExpiresInMinutes). */
        public Settings withLease(Duration lease) {
            return new Settings(lease, renewEvery, hysteresis, retry);
        }

        public Settings {
            long minutes = lease.toMinutes();
            if (minutes < Protection.MIN_MINUTES || minutes > Protection.MAX_MINUTES) {
                throw new IllegalArgumentException("selfProtect lease must be 1 to 2880 minutes");
            }
            if (renewEvery.compareTo(lease) >= 0 || renewEvery.isZero() || renewEvery.isNegative()) {
                throw new IllegalArgumentException("selfProtect renewEvery must be shorter than the lease");
            }
            if (hysteresis.isNegative() || retry.isZero() || retry.isNegative()) {
                throw new IllegalArgumentException("selfProtect hysteresis must be >= 0 and retry > 0");
            }
        }
    }

    /** What the workers of one service asked the agent, and what it answered. */
    public record Stats(long protects, long releases, long failures, Map<String, Long> failuresByReason) {
    }

    private static final class Worker {
        /** Bumped on every change of busy/idle, so a scheduled renewal or release of an older state does nothing. */
        long generation;
        boolean wantsProtection;
    }

    private static final class Counts {
        long protects, releases, failures;
        final Map<String, Long> byReason = new LinkedHashMap<>();
    }

    private final FleetModel m;
    private final Map<ServiceState, Settings> services = new HashMap<>();
    private final Map<TaskState, Worker> workers = new HashMap<>();
    private final Map<ServiceState, Counts> counts = new HashMap<>();

    SelfProtection(FleetModel m) {
        this.m = m;
    }

    void enable(ServiceState s, Settings settings) {
        if (settings == null) services.remove(s);
        else services.put(s, settings);
    }

    boolean enabled(ServiceState s) {
        return services.containsKey(s);
    }

    /** A job started on the task's worker: the first one makes the worker protect its task. */
    void callStarted(TaskState t) {
        Settings st = t.service == null ? null : services.get(t.service);
        if (st == null) return;
        Worker w = workers.computeIfAbsent(t, k -> new Worker());
        if (w.wantsProtection && t.calls.size() > 1) return; // busy already: the renewal loop runs
        // Idle → busy: protect (again, if a release was pending: the new generation calls it off and restarts renewals).
        w.wantsProtection = true;
        long gen = ++w.generation;
        put(t, st, w, gen);
    }

    /** A job ended: after the last one the worker releases once it has stayed idle for the hysteresis. */
    void callEnded(TaskState t) {
        Settings st = t.service == null ? null : services.get(t.service);
        Worker w = workers.get(t);
        if (st == null || w == null || !t.calls.isEmpty() || !w.wantsProtection) return;
        long gen = ++w.generation;
        m.schedule(m.now().plus(st.hysteresis()), () -> release(t, st, w, gen));
    }

    private void put(TaskState t, Settings st, Worker w, long gen) {
        if (w.generation != gen || !w.wantsProtection || gone(t)) return;
        ProtectionResult r = call(t, true, st);
        Duration next = r.failed() ? st.retry() : st.renewEvery();
        m.schedule(m.now().plus(next), () -> renew(t, st, w, gen));
    }

    /** The renewal loop runs only while the worker is busy; it ends when the worker goes idle (a new generation). */
    private void renew(TaskState t, Settings st, Worker w, long gen) {
        if (w.generation != gen || !w.wantsProtection || gone(t)) return;
        if (t.calls.isEmpty()) return; // idle: the release after the hysteresis takes over
        put(t, st, w, gen);
    }

    private void release(TaskState t, Settings st, Worker w, long gen) {
        if (w.generation != gen || gone(t)) return;
        if (!t.calls.isEmpty()) return;
        ProtectionResult r = call(t, false, st);
        if (r.failed()) {
            m.schedule(m.now().plus(st.retry()), () -> release(t, st, w, gen));
            return;
        }
        w.wantsProtection = false;
    }

    private ProtectionResult call(TaskState t, boolean enable, Settings st) {
        Counts c = counts.computeIfAbsent(t.service, k -> new Counts());
        ProtectionResult r = m.protection.update(List.of(t), enable, enable ? (int) st.lease().toMinutes() : null).get(0);
        if (enable) c.protects++;
        else c.releases++;
        if (r.failed()) {
            c.failures++;
            c.byReason.merge(r.failureReason(), 1L, Long::sum);
        }
        return r;
    }

    /** The worker process is gone or the task is stopping: nothing calls the agent any more. */
    private boolean gone(TaskState t) {
        if (t.worker == WorkerState.EXITED || t.stopped()) {
            workers.remove(t);
            return true;
        }
        return false;
    }

    Stats stats(ServiceState s) {
        Counts c = counts.get(s);
        if (c == null) return new Stats(0, 0, 0, Map.of());
        return new Stats(c.protects, c.releases, c.failures, Map.copyOf(c.byReason));
    }
}
