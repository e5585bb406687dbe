package io.drainboard.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A worker that protects its own task through the ECS agent's task-protection endpoint
 * ({@code PUT $ECS_AGENT_URI/task-protection/v1/state}, Developer Guide "Task scale-in protection endpoint"):
 * protect on its first job, renew while busy (at half the lease), release its last job plus a hysteresis
 * later. The endpoint applies UpdateTaskProtection, so the same limits hold: a protect ECS refuses
 * (DEPLOYMENT_BLOCKED) leaves the task unprotected, and the worker tries again on its next job and each
 * minute while busy. This is the pattern AWS documents for long-running jobs (Developer Guide "Protect your
 * Amazon ECS tasks from being terminated by scale-in events"). Guarded by the {@link FleetModel} lock.
 */
final class WorkerProtection {
    static final int LEASE_MINUTES = 120;
    private static final Duration RENEW_AFTER = Duration.ofMinutes(LEASE_MINUTES / 2);
    private static final Duration RETRY = Duration.ofMinutes(1);

    private final FleetModel m;

    WorkerProtection(FleetModel m) {
        this.m = m;
    }

    void callStarted(TaskState t) {
        if (!on(t) || t.isProtected()) return;
        protect(t);
    }

    void callEnded(TaskState t) {
        if (!on(t) || !t.calls.isEmpty()) return;
        long startedBefore = t.ledger.started;
        m.schedule(m.now().plus(t.service.workerProtectionHysteresis), () -> {
            // Idle all along: no call started since (a call that came and went restarts the hysteresis).
            if (t.calls.isEmpty() && !t.stopping() && t.isProtected() && t.ledger.started == startedBefore) {
                m.protection.update(List.of(t), false, null);
            }
        });
    }

    private void protect(TaskState t) {
        ProtectionResult r = m.protection.update(List.of(t), true, LEASE_MINUTES).get(0);
        Instant next = m.now().plus(!r.failed() ? RENEW_AFTER : RETRY);
        m.schedule(next, () -> {
            if (on(t) && !t.stopping() && !t.calls.isEmpty()) protect(t);
        });
    }

    private static boolean on(TaskState t) {
        return t.service != null && t.service.workerProtectionHysteresis != null;
    }
}
