package io.drainboard.fleet;

import java.time.Instant;

/** One ECS deployment of a service (PRIMARY, ACTIVE or INACTIVE) and its rollout state. */
public record DeploymentSnapshot(String id, String status, String taskDefinitionArn, int desiredCount,
                                 int runningCount, int pendingCount, String rolloutState, Instant createdAt) {
}
