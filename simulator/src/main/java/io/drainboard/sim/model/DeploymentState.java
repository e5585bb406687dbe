package io.drainboard.sim.model;

import java.time.Instant;

/**
 * A service deployment (ECS API Reference "Deployment"). Counts are read from the service's task index,
 * so they are always in step with the tasks. Mutable; guarded by the {@link FleetModel} lock.
 */
public final class DeploymentState {
    final String id;
    final String taskDefinitionArn;
    final Instant createdAt;
    final ServiceState service;
    String status;
    String rolloutState;
    String rolloutStateReason;
    Instant updatedAt;
    int failedTasks;
    /** A task of it reached RUNNING: stage 1 of the circuit breaker is over, stage 2 (health checks) counts. */
    boolean hadRunningTask;

    DeploymentState(String id, ServiceState service, String taskDefinitionArn, Instant createdAt, String status,
                    String rolloutState, String rolloutStateReason) {
        this.id = id;
        this.service = service;
        this.taskDefinitionArn = taskDefinitionArn;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.status = status;
        this.rolloutState = rolloutState;
        this.rolloutStateReason = rolloutStateReason;
    }

    public String id() { return id; }
    public String taskDefinitionArn() { return taskDefinitionArn; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    /** PRIMARY (the newest) or ACTIVE (older, still has tasks). */
    public String status() { return status; }
    /** COMPLETED, IN_PROGRESS or FAILED. */
    public String rolloutState() { return rolloutState; }
    public String rolloutStateReason() { return rolloutStateReason; }
    /** Tasks this deployment failed to launch (the circuit breaker counts them). */
    public int failedTasks() { return failedTasks; }

    public boolean primary() { return "PRIMARY".equals(status); }

    /** PRIMARY aims at the service's desired count; an older one at the tasks it still keeps. */
    public int desiredCount() {
        if (primary()) return service.desiredCount;
        int n = 0;
        for (TaskState t : service.tasks.values()) if (t.deployment == this && !t.stopping()) n++;
        return n;
    }

    public int runningCount() {
        int n = 0;
        for (TaskState t : service.tasks.values()) if (t.deployment == this && t.running()) n++;
        return n;
    }

    public int pendingCount() {
        int n = 0;
        for (TaskState t : service.tasks.values()) if (t.deployment == this && t.pending()) n++;
        return n;
    }

    void update(String rolloutState, String reason, Instant at) {
        this.rolloutState = rolloutState;
        this.rolloutStateReason = reason;
        this.updatedAt = at;
    }
}
