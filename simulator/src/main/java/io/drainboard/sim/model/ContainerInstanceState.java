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
}
