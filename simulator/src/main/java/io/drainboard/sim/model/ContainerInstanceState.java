package io.drainboard.sim.model;

import java.time.Instant;

/** An EC2 container instance registered to a cluster. Mutable; guarded by the {@link FleetModel} lock. */
public final class ContainerInstanceState {
    final String arn;
    final String ec2InstanceId;
    final String availabilityZone;
    final String instanceType;
    final Instant registeredAt;
    String status = "ACTIVE";
    boolean agentConnected = true;

    ContainerInstanceState(String arn, String ec2InstanceId, String availabilityZone, String instanceType,
                           Instant registeredAt) {
        this.arn = arn;
        this.ec2InstanceId = ec2InstanceId;
        this.availabilityZone = availabilityZone;
        this.instanceType = instanceType;
        this.registeredAt = registeredAt;
    }

    public String arn() { return arn; }
    public String ec2InstanceId() { return ec2InstanceId; }
    public String availabilityZone() { return availabilityZone; }
    public String instanceType() { return instanceType; }
    public Instant registeredAt() { return registeredAt; }
    public String status() { return status; }
    public boolean agentConnected() { return agentConnected; }
}
