package io.drainboard.fleet;

import java.time.Instant;
import java.util.Optional;

/**
 * One ECS deployment of a service (PRIMARY, ACTIVE or INACTIVE) and its rollout state
 * (IN_PROGRESS, COMPLETED, FAILED), with ECS's reason for it.
 */
public record DeploymentSnapshot(String id, String status, String taskDefinitionArn, int desiredCount,
                                 int runningCount, int pendingCount, String rolloutState, Instant createdAt,
                                 int failedTasks, Optional<Instant> updatedAt, Optional<String> rolloutStateReason) {

    public DeploymentSnapshot(String id, String status, String taskDefinitionArn, int desiredCount, int runningCount,
                              int pendingCount, String rolloutState, Instant createdAt) {
        this(id, status, taskDefinitionArn, desiredCount, runningCount, pendingCount, rolloutState, createdAt, 0,
                Optional.empty(), Optional.empty());
    }
}
