package io.drainboard.sim.model;

import java.time.Duration;

/**
 * How the LiveKit agent worker in a service's tasks behaves: how many calls one worker takes at once,
 * and how long it waits for running jobs after SIGTERM (agents' drain_timeout; 3600 s default in
 * Python agents ≥ 1.6.5 and in JS, see shared/reference/livekit.md §1.3).
 */
public record WorkerSpec(int capacity, Duration drainTimeout, String agentName, boolean attributeTaskArn) {
    public WorkerSpec {
        if (capacity < 1) throw new IllegalArgumentException("worker capacity must be >= 1");
    }

    /**
     * @param attributeTaskArn false models a worker without the docs' snippet: its calls cannot be
     *                         attributed to a task
     */
    public WorkerSpec(int capacity, Duration drainTimeout, String agentName) {
        this(capacity, drainTimeout, agentName, true);
    }
}
