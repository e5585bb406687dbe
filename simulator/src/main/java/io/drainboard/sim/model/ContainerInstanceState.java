package io.drainboard.sim.model;

import java.time.Instant;

/** An EC2 container instance registered to a cluster. Mutable; guarded by the {@link FleetModel} lock. */
public final class ContainerInstanceState {
    final String arn;
    final String ec2InstanceId;
    final String availabilityZone;
    final String instanceType;
    final Instant registeredAt;
    final ClusterState cluster;
    /** ACTIVE, DRAINING or INACTIVE (deregistered / terminated). */
    String status = "ACTIVE";
    boolean agentConnected = true;
    /** EC2 Auto Scaling instance scale-in protection (SetInstanceProtection); ECS itself ignores it. */
    boolean protectedFromScaleIn;
    /** The agent's ECS_CONTAINER_STOP_TIMEOUT on this instance; null = the agent's default, 30 s. */
    java.time.Duration agentStopTimeout;
    /** ECS_ENABLE_SPOT_INSTANCE_DRAINING=true: a Spot interruption notice sets the instance to DRAINING. */
    boolean spotInstanceDraining;

    ContainerInstanceState(ClusterState cluster, String arn, String ec2InstanceId, String availabilityZone,
                           String instanceType, Instant registeredAt) {
        this.cluster = cluster;
        this.arn = arn;
        this.ec2InstanceId = ec2InstanceId;
        this.availabilityZone = availabilityZone;
        this.instanceType = instanceType;
        this.registeredAt = registeredAt;
    }

    public ClusterState cluster() { return cluster; }
    public String arn() { return arn; }
    public String ec2InstanceId() { return ec2InstanceId; }
    public String availabilityZone() { return availabilityZone; }
    public String instanceType() { return instanceType; }
    public Instant registeredAt() { return registeredAt; }
    public String status() { return status; }
    public boolean agentConnected() { return agentConnected; }
    public boolean protectedFromScaleIn() { return protectedFromScaleIn; }
    /** ECS_CONTAINER_STOP_TIMEOUT of the instance's agent, null when left at its default (30 s). */
    public java.time.Duration agentStopTimeout() { return agentStopTimeout; }
    public boolean spotInstanceDraining() { return spotInstanceDraining; }
}
