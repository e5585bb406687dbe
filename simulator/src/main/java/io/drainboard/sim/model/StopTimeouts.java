package io.drainboard.sim.model;

import java.time.Duration;

/**
 * The effective stopTimeout of a task's essential container (API Reference "ContainerDefinition",
 * stopTimeout; Developer Guide "Task definition parameters"): on Fargate the container value, 30 s when
 * unset, at most 120 s ("valid values for Fargate are 2-120 seconds"; RegisterTaskDefinition refuses more for
 * a Fargate definition). On EC2 the container value, else the agent's {@code ECS_CONTAINER_STOP_TIMEOUT} on
 * the instance the task runs on, else 30 s (amazon-ecs-agent README, "ECS_CONTAINER_STOP_TIMEOUT": default 30s;
 * agent/engine/docker_task_engine.go: the container's own value wins).
 */
final class StopTimeouts {
    static final Duration DEFAULT = Duration.ofSeconds(30);
    static final Duration FARGATE_MAX = Duration.ofSeconds(120);

    private StopTimeouts() {
    }

    static Duration effective(TaskDefinitionState td, String launchType, ContainerInstanceState instance) {
        ContainerDef worker = workerContainer(td);
        Duration set = worker == null || worker.stopTimeout() == null ? null : Duration.ofSeconds(worker.stopTimeout());
        if ("FARGATE".equals(launchType)) {
            if (set == null) return DEFAULT;
            return set.compareTo(FARGATE_MAX) > 0 ? FARGATE_MAX : set;
        }
        if (set != null) return set;
        return instance != null && instance.agentStopTimeout != null ? instance.agentStopTimeout : DEFAULT;
    }

    /** The worker runs in the first essential container. */
    static ContainerDef workerContainer(TaskDefinitionState td) {
        for (ContainerDef c : td.containers()) if (c.essential()) return c;
        return td.containers().isEmpty() ? null : td.containers().get(0);
    }
}
