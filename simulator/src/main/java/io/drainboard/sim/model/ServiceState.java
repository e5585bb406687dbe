package io.drainboard.sim.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An ECS service with its worker and traffic settings. Mutable; guarded by the {@link FleetModel} lock. */
public final class ServiceState {
    final ClusterState cluster;
    final String name;
    final String arn;
    final String launchType;
    final Instant createdAt;
    final WorkerSpec worker;
    String taskDefinitionArn;
    int desiredCount;
    int minimumHealthyPercent = 100;
    int maximumPercent = 200;
    boolean enableExecuteCommand;
    List<String> subnetsAzs;
    final List<DeploymentState> deployments = new ArrayList<>();
    final List<ServiceEvent> events = new ArrayList<>();
    /** Calls offered per second to this service (Poisson). */
    double arrivalRatePerSecond;
    CallDurations durations;

    ServiceState(ClusterState cluster, String name, String arn, String launchType, Instant createdAt,
                 WorkerSpec worker) {
        this.cluster = cluster;
        this.name = name;
        this.arn = arn;
        this.launchType = launchType;
        this.createdAt = createdAt;
        this.worker = worker;
    }

    public ClusterState cluster() { return cluster; }
    public String name() { return name; }
    public String arn() { return arn; }
    public String launchType() { return launchType; }
    public Instant createdAt() { return createdAt; }
    public WorkerSpec worker() { return worker; }
    public String taskDefinitionArn() { return taskDefinitionArn; }
    public int desiredCount() { return desiredCount; }
    public int minimumHealthyPercent() { return minimumHealthyPercent; }
    public int maximumPercent() { return maximumPercent; }
    public boolean enableExecuteCommand() { return enableExecuteCommand; }
    /** The AZs of the service's subnets (one subnet per AZ). */
    public List<String> availabilityZones() { return subnetsAzs; }
    public List<DeploymentState> deployments() { return deployments; }
    public List<ServiceEvent> events() { return events; }
    public double arrivalRatePerSecond() { return arrivalRatePerSecond; }
    public CallDurations durations() { return durations; }

    /** The tasks of this service, in the cluster's order. */
    public List<TaskState> tasks() {
        List<TaskState> out = new ArrayList<>();
        for (TaskState t : cluster.tasks.values()) if (t.service == this) out.add(t);
        return out;
    }
}
