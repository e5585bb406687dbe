package io.drainboard.sim.model;

import java.time.Duration;

/**
 * The LiveKit agent worker's reaction to signals and to its drain route (docs/livekit-facts.md#signals, #drain):
 * the first SIGTERM makes it stop taking jobs and wait for running ones up to drain_timeout, then exit 0
 * (agents cli.py _run_worker, worker.py drain); a second signal kills it at once (os._exit(1) in Python,
 * exit 143 in Node) and cuts its calls; SIGKILL cuts everything (exit 137 = 128 + 9). A share of workers
 * ignores SIGTERM and keeps taking jobs (livekit/agents#6724). Guarded by the {@link FleetModel} lock.
 */
final class Workers {
    /** After its last job the worker runs aclose() and exits; a second or so in practice. */
    private static final Duration ACLOSE = Duration.ofMillis(800);
    static final int SIGKILL_EXIT = 137;

    private final FleetModel m;

    Workers(FleetModel m) {
        this.m = m;
    }

    /** The container started and the worker registered with LiveKit. */
    void started(TaskState t) {
        Duration warmup = t.service == null ? Duration.ZERO : t.service.workerWarmup;
        if (warmup.isZero()) {
            if (t.worker == WorkerState.STARTING) t.worker = WorkerState.SERVING;
            return;
        }
        m.schedule(m.now().plus(warmup), () -> {
            if (t.worker == WorkerState.STARTING && !t.stopping()) t.worker = WorkerState.SERVING;
        });
    }

    /**
     * SIGTERM from anyone: ECS (after deregistration) or a process inside the container (ECS Exec
     * {@code kill -TERM 1}). The worker cannot tell them apart.
     */
    void sigterm(TaskState t) {
        switch (t.worker) {
            case STARTING, EXITED -> { } // no process to signal
            case SERVING, CORDONED -> firstSignal(t);
            case DRAINING, IGNORING_SIGTERM -> secondSignal(t);
        }
    }

    private void firstSignal(TaskState t) {
        t.workerSignalledAt = m.now();
        if (t.ignoresSigterm) {
            // livekit/agents#6724: _ExitCli surfaces inside a job-request task; the worker keeps
            // registering as available and never drains.
            t.worker = WorkerState.IGNORING_SIGTERM;
            return;
        }
        t.worker = WorkerState.DRAINING;
        if (t.calls.isEmpty()) {
            scheduleExitAfterDrain(t);
        } else {
            java.time.Instant signalledAt = t.workerSignalledAt;
            m.schedule(m.now().plus(t.service.worker.drainTimeout()), () -> drainTimedOut(t, signalledAt));
        }
    }

    /** cli.py: a second SIGTERM/SIGINT while draining → os._exit(1); Node's default handler → 143. */
    private void secondSignal(TaskState t) {
        m.traffic.cutCalls(t, CutCause.SECOND_SIGNAL);
        exit(t, t.service.worker.runtime().secondSignalExitCode());
    }

    /** SIGKILL after stopTimeout: the process dies with its calls. */
    void sigkill(TaskState t) {
        if (t.worker == WorkerState.EXITED) return;
        m.traffic.cutCalls(t, CutCause.SIGKILL);
        exit(t, SIGKILL_EXIT);
    }

    /** The host went away: no exit code is ever reported. */
    void lostWithHost(TaskState t) {
        if (t.worker == WorkerState.EXITED) return;
        m.traffic.cutCalls(t, CutCause.INSTANCE_TERMINATION);
        t.worker = WorkerState.EXITED;
    }

    /**
     * The drain route: {@code server.drain()} stops new jobs but never exits the process
     * (docs/livekit-facts.md#drain); drain is one-way. Returns false when the worker is not serving.
     */
    boolean cordon(TaskState t) {
        if (t.worker != WorkerState.SERVING) return t.worker == WorkerState.CORDONED;
        t.worker = WorkerState.CORDONED;
        return true;
    }

    /** A call on the task ended; a draining worker exits after its last one. */
    void callEnded(TaskState t) {
        if (t.worker == WorkerState.DRAINING && t.calls.isEmpty()) scheduleExitAfterDrain(t);
        m.selfProtection.callEnded(t); // every end, a room closed through LiveKit's API too
    }

    private void scheduleExitAfterDrain(TaskState t) {
        m.schedule(m.now().plus(ACLOSE), () -> {
            if (t.worker == WorkerState.DRAINING && t.calls.isEmpty()) exit(t, 0);
        });
    }

    /** cli.py: "drain timed out, forcing shutdown", then aclose() ends the remaining jobs; exit 0. */
    private void drainTimedOut(TaskState t, java.time.Instant signalledAt) {
        if (t.worker != WorkerState.DRAINING || !signalledAt.equals(t.workerSignalledAt)) return;
        m.traffic.cutCalls(t, CutCause.DRAIN_TIMEOUT);
        exit(t, 0);
    }

    private void exit(TaskState t, Integer code) {
        t.worker = WorkerState.EXITED;
        t.exitCode = code;
        t.executionStoppedAt = m.now();
        m.lifecycle.containerExited(t);
    }
}
