package io.drainboard.sim.worker;

import java.util.Optional;

/** What the workers' HTTP endpoints need from the fleet. */
public interface WorkerFleet {
    /**
     * One task's agent worker.
     *
     * @param up         the worker process runs (it listens only then)
     * @param load       the load the worker reports (its load_fnc, raised while leaned)
     * @param drainRoute the worker serves the drain route (scenario: {@code worker.drainRoute})
     * @param leanRoute  the worker serves the lean route (scenario: {@code worker.leanRoute})
     */
    record Worker(String taskId, String agentName, int activeJobs, double load, boolean up, boolean drainRoute,
                  boolean leanRoute) {
        public Worker(String taskId, String agentName, int activeJobs, double load, boolean up, boolean drainRoute) {
            this(taskId, agentName, activeJobs, load, up, drainRoute, drainRoute);
        }
    }

    Optional<Worker> worker(String taskId);

    /** Calls the worker's {@code server.drain()}; false when it serves no drain route or is not up. */
    boolean cordon(String taskId);

    /** The worker reports a raised load for {@code seconds} (0 ends it); false when it serves no lean route or is not up. */
    boolean lean(String taskId, long seconds);
}
