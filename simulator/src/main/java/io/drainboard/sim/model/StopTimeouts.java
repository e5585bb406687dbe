package io.drainboard.sim.model;

import java.time.Duration;

/**
 * The effective stopTimeout of a task's essential container (ECS API Reference "ContainerDefinition",
 * stopTimeout): "For tasks using the Fargate launch type, the task or service requires the following
 * platforms: Linux platform version 1.3.0 or later … If this parameter isn't specified, the default value
 * of 30 seconds is used. The maximum value is 120 seconds." On EC2 the container value applies, else the
 * agent's ECS_CONTAINER_STOP_TIMEOUT ("Amazon ECS container agent configuration", default 30s).
 */
final class StopTimeouts {
    static final Duration DEFAULT = Duration.ofSeconds(30);
    static final Duration FARGATE_MAX = Duration.ofSeconds(120);

    private StopTimeouts() {
    }

    static Duration effective(TaskDefinitionState td, String launchType) {
        ContainerDef worker = workerContainer(td);
        Duration set = worker == null || worker.stopTimeout() == null ? null : Duration.ofSeconds(worker.stopTimeout());
        if ("FARGATE".equals(launchType)) {
            if (set == null) return DEFAULT;
            return set.compareTo(FARGATE_MAX) > 0 ? FARGATE_MAX : set;
        }
        return set != null ? set : DEFAULT;
    }

    /** The worker runs in the first essential container. */
    static ContainerDef workerContainer(TaskDefinitionState td) {
        for (ContainerDef c : td.containers()) if (c.essential()) return c;
        return td.containers().isEmpty() ? null : td.containers().get(0);
    }
}
