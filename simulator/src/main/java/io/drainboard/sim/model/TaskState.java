package io.drainboard.sim.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An ECS task and its worker. Mutable; guarded by the {@link FleetModel} lock. */
public final class TaskState {
    final String id;
    final String arn;
    final ClusterState cluster;
    final ServiceState service;
    final String taskDefinitionArn;
    final String launchType;
    final String availabilityZone;
    final String privateIp;
    final ContainerInstanceState containerInstance;
    final Instant createdAt;
    final String startedBy;
    String lastStatus;
    String desiredStatus;
    String healthStatus = "HEALTHY";
    Instant pullStartedAt;
    Instant pullStoppedAt;
    Instant startedAt;
    Instant stoppingAt;
    Instant executionStoppedAt;
    Instant stoppedAt;
    String stopCode;
    String stoppedReason;
    Integer exitCode;
    /** Null when unprotected. */
    Instant protectionExpiresAt;
    /** The worker stopped taking new jobs (SIGTERM received or drain route called). */
    boolean workerDraining;
    final Map<String, CallState> calls = new LinkedHashMap<>();

    TaskState(String id, String arn, ClusterState cluster, ServiceState service, String taskDefinitionArn,
              String launchType, String availabilityZone, String privateIp,
              ContainerInstanceState containerInstance, Instant createdAt, String startedBy) {
        this.id = id;
        this.arn = arn;
        this.cluster = cluster;
        this.service = service;
        this.taskDefinitionArn = taskDefinitionArn;
        this.launchType = launchType;
        this.availabilityZone = availabilityZone;
        this.privateIp = privateIp;
        this.containerInstance = containerInstance;
        this.createdAt = createdAt;
        this.startedBy = startedBy;
    }

    public String id() { return id; }
    public String arn() { return arn; }
    public ClusterState cluster() { return cluster; }
    public ServiceState service() { return service; }
    public String taskDefinitionArn() { return taskDefinitionArn; }
    public String launchType() { return launchType; }
    public String availabilityZone() { return availabilityZone; }
    public String privateIp() { return privateIp; }
    public ContainerInstanceState containerInstance() { return containerInstance; }
    public Instant createdAt() { return createdAt; }
    public String startedBy() { return startedBy; }
    public String lastStatus() { return lastStatus; }
    public String desiredStatus() { return desiredStatus; }
    public String healthStatus() { return healthStatus; }
    public Instant pullStartedAt() { return pullStartedAt; }
    public Instant pullStoppedAt() { return pullStoppedAt; }
    public Instant startedAt() { return startedAt; }
    public Instant stoppingAt() { return stoppingAt; }
    public Instant executionStoppedAt() { return executionStoppedAt; }
    public Instant stoppedAt() { return stoppedAt; }
    public String stopCode() { return stopCode; }
    public String stoppedReason() { return stoppedReason; }
    public Integer exitCode() { return exitCode; }
    public Instant protectionExpiresAt() { return protectionExpiresAt; }
    public boolean workerDraining() { return workerDraining; }
    public Map<String, CallState> calls() { return calls; }

    /** The worker takes a new job only while running, not draining and below capacity. */
    boolean acceptsCalls() {
        return "RUNNING".equals(lastStatus) && !workerDraining && calls.size() < service.worker.capacity();
    }

    double load() {
        return calls.size() / (double) service.worker.capacity();
    }
}
