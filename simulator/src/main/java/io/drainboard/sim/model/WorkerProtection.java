package io.drainboard.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A worker that protects its own task through the ECS agent's task-protection endpoint
 * ({@code PUT $ECS_AGENT_URI/task-protection/v1/state}, Developer Guide "Task scale-in protection endpoint"):
 * protect on its first job (a lease of 120 min unless set), renew while busy (at half the lease), release its last job plus a hysteresis
 * later. The endpoint applies UpdateTaskProtection, so the same limits hold: a protect ECS refuses
 * (DEPLOYMENT_BLOCKED) leaves the task unprotected, and the worker tries again on its next job and each
 * minute while busy; a renewal refused at the limit while ECS waits to stop nothing is a release and a new
 * protection at once (what a worker has to do where renewals count toward the limit). This is the pattern AWS documents for long-running jobs (Developer Guide "Protect your
 * Amazon ECS tasks from being terminated by scale-in events"). Guarded by the {@link FleetModel} lock.
 */
final class WorkerProtection {
    static final int DEFAULT_LEASE_MINUTES = 120;
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
        int lease = t.service.workerProtectionLeaseMinutes;
        ProtectionResult r = m.protection.update(List.of(t), true, lease).get(0);
        if (r.failed() && "DEPLOYMENT_BLOCKED".equals(r.failureReason()) && t.isProtected() && regrantIsSafe(t)) {
            // A renewal refused at the protected-task limit, while ECS waits to stop nothing: release and protect
            // again at once, as the console's renewal does (app drain.Renewal); nothing can stop the task in between.
            m.protection.update(List.of(t), false, null);
            r = m.protection.update(List.of(t), true, lease).get(0);
        }
        scheduleRenewal(t, m.now().plus(!r.failed() ? Duration.ofMinutes(lease / 2) : RETRY));
    }

    /** Renew when due if busy; idle but still protected (within the hysteresis), look again a minute later. */
    private void scheduleRenewal(TaskState t, Instant at) {
        m.schedule(at, () -> {
            if (!on(t) || t.stopping()) return;
            if (!t.calls.isEmpty()) protect(t);
            else if (t.isProtected()) scheduleRenewal(t, m.now().plus(RETRY));
        });
    }

    /** One deployment, no more tasks than desired, the task of the service's revision. */
    private static boolean regrantIsSafe(TaskState t) {
        ServiceState s = t.service;
        return s.deployments.size() <= 1 && s.runningCount() + s.pendingCount() <= s.desiredCount
                && t.taskDefinitionArn.equals(s.taskDefinitionArn) && "RUNNING".equals(t.desiredStatus);
    }

    private static boolean on(TaskState t) {
        return t.service != null && t.service.workerProtectionHysteresis != null;
    }
}
