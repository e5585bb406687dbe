package io.drainboard.sim.model;

import java.time.Instant;

/** A service deployment. Mutable; guarded by the {@link FleetModel} lock. */
public final class DeploymentState {
    final String id;
    final String taskDefinitionArn;
    final Instant createdAt;
    String status;
    String rolloutState;
    String rolloutStateReason;
    Instant updatedAt;

    DeploymentState(String id, String taskDefinitionArn, Instant createdAt, String status, String rolloutState,
                    String rolloutStateReason) {
        this.id = id;
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
    public String status() { return status; }
    public String rolloutState() { return rolloutState; }
    public String rolloutStateReason() { return rolloutStateReason; }
}
