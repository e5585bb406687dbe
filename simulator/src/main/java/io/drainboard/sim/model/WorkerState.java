package io.drainboard.sim.model;

/**
 * What the LiveKit agent worker inside a task is doing (docs/livekit-facts.md#signals, #drain).
 */
public enum WorkerState {
    /** The container has not started yet (task not RUNNING). */
    STARTING,
    /** Registered with LiveKit and taking jobs. */
    SERVING,
    /** The drain route called {@code server.drain()}: no new jobs, but the process does not exit (docs/livekit-facts.md#drain). */
    CORDONED,
    /** First SIGTERM: no new jobs; exits once its jobs end or drain_timeout passes (agents cli.py _run_worker). */
    DRAINING,
    /** Got SIGTERM but keeps registering as available and taking jobs (livekit/agents#6724). */
    IGNORING_SIGTERM,
    /** The process is gone. */
    EXITED;

    /** Whether LiveKit may dispatch a new job to the worker (capacity aside). */
    public boolean takesCalls() {
        return this == SERVING || this == IGNORING_SIGTERM;
    }

    /** Whether the worker has already had one SIGTERM, so the next one kills it at once. */
    public boolean signalled() {
        return this == DRAINING || this == IGNORING_SIGTERM;
    }
}
