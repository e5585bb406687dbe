package io.drainboard.sim.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Moves tasks through the ECS task lifecycle (Developer Guide "Amazon ECS task lifecycle"):
 * PROVISIONING → PENDING → ACTIVATING → RUNNING → DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED.
 * Start-up takes tens of seconds on Fargate (ENI attach, image pull) and a few on EC2 with a cached image.
 * An ECS-initiated stop waits out the service's load balancer deregistration delay in DEACTIVATING,
 * then sends SIGTERM and, after the effective stopTimeout, SIGKILL (API Reference "StopTask": "a SIGTERM
 * value and a default 30-second timeout, after which the SIGKILL value is sent"). Stopped tasks stay
 * visible for an hour ("Stopped tasks … appear … for at least 1 hour") and are then purged.
 */
final class TaskLifecycle {
    static final String SCHEDULER = "ServiceSchedulerInitiated";
    static final String USER = "UserInitiated";
    static final String ESSENTIAL_EXIT = "EssentialContainerExited";
    static final String FAILED_TO_START = "TaskFailedToStart";
    static final String SPOT = "SpotInterruption";
    /** Fargate Spot gives two minutes' notice ("Fargate capacity providers": a two-minute warning, then the stop). */
    static final Duration SPOT_NOTICE = Duration.ofMinutes(2);

    private final FleetModel m;

    TaskLifecycle(FleetModel m) {
        this.m = m;
    }

    // ---------------------------------------------------------------- start

    /** A new task of a service (or a standalone one when {@code s} is null): PROVISIONING now. */
    TaskState launch(ClusterState c, ServiceState s, DeploymentState d, String taskDefinitionArn, String launchType,
                     ContainerInstanceState ci, String az) {
        TaskState t = m.newTask(c, s, d, taskDefinitionArn, launchType, ci, az, m.now());
        t.lastStatus = "PROVISIONING";
        t.desiredStatus = "RUNNING";
        boolean fargate = "FARGATE".equals(launchType);
        // Fargate attaches an ENI and pulls the image every time; EC2 (bridge) mostly finds it cached.
        after(t, "PROVISIONING", fargate ? secs(4, 15) : secs(0.5, 1.5), () -> {
            t.lastStatus = "PENDING";
            t.pullStartedAt = m.now().plusMillis(300);
            after(t, "PENDING", fargate ? secs(8, 28) : secs(1, 5), () -> pulled(t, fargate));
        });
        return t;
    }

    private void pulled(TaskState t, boolean fargate) {
        String failure = m.launchFailure(t.taskDefinitionArn);
        if (failure != null) {
            failToStart(t, failure);
            return;
        }
        t.pullStoppedAt = m.now();
        t.lastStatus = "ACTIVATING";
        after(t, "ACTIVATING", fargate ? secs(1, 4) : secs(0.5, 1.5), () -> {
            t.lastStatus = "RUNNING";
            t.startedAt = m.now();
            m.health.started(t);
            m.workers.started(t);
            m.deployments.taskRunning(t);
            m.scheduler.taskChanged(t);
        });
    }

    /** The image could not be pulled (or the container would not start): stopCode TaskFailedToStart. */
    private void failToStart(TaskState t, String reason) {
        t.desiredStatus = "STOPPED";
        t.stopCode = FAILED_TO_START;
        t.stoppedReason = reason;
        t.stoppingAt = m.now();
        t.worker = WorkerState.EXITED;
        t.lastStatus = "DEPROVISIONING";
        m.scheduler.launchFailed(t);
        after(t, "DEPROVISIONING", deprovisionTime(t), () -> finish(t));
    }

    // ---------------------------------------------------------------- stop

    /**
     * ECS stops the task (scheduler, StopTask, instance draining). A second call while it is already
     * stopping changes nothing: ECS does not signal a stopping task again.
     */
    void ecsStop(TaskState t, String stopCode, String reason) {
        if (t.stopping()) return;
        t.desiredStatus = "STOPPED";
        t.stopCode = stopCode;
        t.stoppedReason = reason;
        t.stoppingAt = m.now();
        if (t.pending()) { // nothing serves yet: straight to deprovisioning, the launch steps see it and stop
            t.worker = WorkerState.EXITED;
            t.lastStatus = "DEPROVISIONING";
            after(t, "DEPROVISIONING", deprovisionTime(t), () -> finish(t));
        } else if (t.running()) {
            t.lastStatus = "DEACTIVATING"; // target deregistration; the worker still serves meanwhile
            Duration delay = t.service == null ? Duration.ZERO : t.service.deregistrationDelay;
            after(t, "DEACTIVATING", delay, () -> sendSigterm(t));
        }
        if (t.service != null) m.scheduler.taskChanged(t);
    }

    /**
     * Fargate Spot reclaims the task: SIGTERM with the two-minute warning, SIGKILL after the stopTimeout (at most
     * 120 s on Fargate, so within the warning); protection does not keep it (it is no scale-in). stopCode
     * SpotInterruption and "Your Spot Task was interrupted." (Developer Guide "Fargate capacity providers";
     * API Reference "Task" stopCode).
     */
    void spotInterrupt(TaskState t) {
        if (t.stopping() || !t.running()) return;
        t.desiredStatus = "STOPPED";
        t.stopCode = SPOT;
        t.stoppedReason = "Your Spot Task was interrupted.";
        t.stoppingAt = m.now();
        sendSigterm(t);
        if (t.service != null) m.scheduler.taskChanged(t);
    }

    private void sendSigterm(TaskState t) {
        t.lastStatus = "STOPPING";
        t.sigtermAt = m.now();
        if (SCHEDULER.equals(t.stopCode) && t.service != null && !t.service.deregistrationDelay.isZero()) {
            m.event(t.service, "(service " + t.service.name + ") has stopped 1 running tasks: (task " + t.id + ").");
        }
        m.workers.sigterm(t); // may exit at once (idle worker) and move the task on
        if (t.worker != WorkerState.EXITED) {
            Instant sigterm = t.sigtermAt;
            m.schedule(m.now().plus(t.stopTimeout), () -> {
                if ("STOPPING".equals(t.lastStatus) && sigterm.equals(t.sigtermAt)) m.workers.sigkill(t);
            });
        }
    }

    /** The worker process ended (drained, killed, crashed). */
    void containerExited(TaskState t) {
        if (!t.stopping()) { // it exited on its own: ECS stops the task because its essential container exited
            t.desiredStatus = "STOPPED";
            t.stopCode = ESSENTIAL_EXIT;
            t.stoppedReason = "Essential container in task exited";
            t.stoppingAt = m.now();
            t.lastStatus = "STOPPING";
            deprovisionSoon(t);
            if (t.service != null) m.scheduler.taskChanged(t);
        } else if ("DEACTIVATING".equals(t.lastStatus) || "STOPPING".equals(t.lastStatus)) {
            t.lastStatus = "STOPPING";
            deprovisionSoon(t);
        }
    }

    /** The EC2 instance is gone: its tasks are lost at once, no exit codes. */
    void lostWithHost(TaskState t, String reason) {
        if (t.stopped()) return;
        m.workers.lostWithHost(t);
        if (!t.stopping()) {
            t.desiredStatus = "STOPPED";
            t.stoppingAt = m.now();
        }
        t.stopCode = "TerminationNotice";
        t.stoppedReason = reason;
        if (t.executionStoppedAt == null) t.executionStoppedAt = m.now();
        finish(t);
    }

    private void deprovisionSoon(TaskState t) {
        String from = t.lastStatus;
        after(t, from, secs(0.5, 1.5), () -> {
            t.lastStatus = "DEPROVISIONING";
            after(t, "DEPROVISIONING", deprovisionTime(t), () -> finish(t));
        });
    }

    /** Fargate detaches the task ENI (seconds); a bridge-mode EC2 task has nothing to release. */
    private Duration deprovisionTime(TaskState t) {
        return "FARGATE".equals(t.launchType) ? secs(3, 12) : secs(0.3, 1);
    }

    private void finish(TaskState t) {
        t.lastStatus = "STOPPED";
        t.stoppedAt = m.now();
        t.protectionExpiresAt = null;
        if (t.executionStoppedAt == null && t.startedAt != null) t.executionStoppedAt = m.now();
        m.schedule(m.now().plus(m.stoppedTaskRetention()), () -> m.purge(t));
        if (t.service != null) m.scheduler.taskChanged(t);
    }

    // ---------------------------------------------------------------- helpers

    /** Runs {@code step} after {@code d} if the task is still in {@code status} then. */
    private void after(TaskState t, String status, Duration d, Runnable step) {
        m.schedule(m.now().plus(d), () -> {
            if (status.equals(t.lastStatus)) step.run();
        });
    }

    private Duration secs(double min, double max) {
        return Duration.ofMillis((long) (1000 * (min + m.rng().nextDouble() * (max - min))));
    }
}
