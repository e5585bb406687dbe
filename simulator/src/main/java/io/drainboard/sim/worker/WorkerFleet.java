package io.drainboard.sim.worker;

import java.util.Optional;

/** What the workers' HTTP endpoints need from the fleet. */
public interface WorkerFleet {
    /**
     * One task's agent worker.
     *
     * @param up         the worker process runs (it listens only then)
     * @param drainRoute the worker serves the drain route (scenario: {@code worker.drainRoute})
     */
    record Worker(String taskId, String agentName, int activeJobs, double load, boolean up, boolean drainRoute) {
    }

    Optional<Worker> worker(String taskId);

    /** Calls the worker's {@code server.drain()}; false when it serves no drain route or is not up. */
    boolean cordon(String taskId);
}
