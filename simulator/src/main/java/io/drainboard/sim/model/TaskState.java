package io.drainboard.sim.model;

import java.time.Duration;
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
    /** The deployment ID for a service task; RunTask/StartTask's optional startedBy for a standalone one. */
    String startedBy;
    /** The deployment that launched it; null for a standalone task. */
    final DeploymentState deployment;
    /** ECS Exec is a launch-time setting of the task (UpdateService changes it for new tasks only). */
    final boolean enableExecuteCommand;
    /** SIGTERM → SIGKILL, after the launch type's rules (see {@link StopTimeouts}). */
    final Duration stopTimeout;
    String lastStatus;
    String desiredStatus;
    String healthStatus = "UNKNOWN";
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
    /** A lapsed protection the scheduler still honours until then ({@link Rules#protectionExpiryDelay()}); null = none. */
    Instant protectionHeldUntil;
    /**
     * Counts as healthy for the deployment (minimumHealthyPercent, steady state): 40 s after RUNNING without a
     * health check or load balancer, else once the health check and the target group say so ({@link Health}).
     */
    boolean countsHealthy;
    /** The load balancer's target health: null without one, else initial, healthy or unhealthy. */
    String targetHealth;
    /** The worker process and what it does about signals. */
    WorkerState worker = WorkerState.STARTING;
    /** Drawn at launch from the service's ignoreSigtermFraction (livekit/agents#6724). */
    boolean ignoresSigterm;
    /** When ECS sent its SIGTERM (the kill clock starts here), null before. */
    Instant sigtermAt;
    /** When the worker got its first SIGTERM from anyone, null before. */
    Instant workerSignalledAt;
    /** The lean route's expiry (docs/worker-snippets.md): the worker reports a raised load until then; null = not leaned. */
    Instant leanUntil;
    final Map<String, CallState> calls = new LinkedHashMap<>();
    final CallLedger ledger = new CallLedger();

    TaskState(String id, String arn, ClusterState cluster, ServiceState service, String taskDefinitionArn,
              String launchType, String availabilityZone, String privateIp,
              ContainerInstanceState containerInstance, Instant createdAt, DeploymentState deployment,
              boolean enableExecuteCommand, Duration stopTimeout) {
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
        this.deployment = deployment;
        this.startedBy = deployment != null ? deployment.id : null;
        this.enableExecuteCommand = enableExecuteCommand;
        this.stopTimeout = stopTimeout;
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
    public DeploymentState deployment() { return deployment; }
    public boolean enableExecuteCommand() { return enableExecuteCommand; }
    /** The effective stopTimeout (what ECS waits between SIGTERM and SIGKILL). */
    public Duration stopTimeout() { return stopTimeout; }
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
    /** When scale-in protection lapses; null when the task is not protected. */
    public Instant protectionExpiresAt() { return protectionExpiresAt; }
    public boolean isProtected() { return protectionExpiresAt != null; }
    public WorkerState worker() { return worker; }
    /** Kept for readers of the first model version: the worker takes no new calls. */
    public boolean workerDraining() { return worker == WorkerState.DRAINING || worker == WorkerState.CORDONED; }
    public Instant sigtermAt() { return sigtermAt; }
    /** Live calls by room name. */
    public Map<String, CallState> calls() { return calls; }

    /** The worker takes a new job only while up, not draining/cordoned and below capacity. */
    boolean acceptsCalls() {
        return service != null && worker.takesCalls() && calls.size() < service.worker.capacity();
    }

    /** LiveKit's load figure for dispatch: active jobs over capacity. */
    double load() {
        return service == null ? 1 : calls.size() / (double) service.worker.capacity();
    }

    /** Leaned at {@code now}: the lean route was called and its time-to-live has not run out. */
    public boolean leaned(Instant now) {
        return leanUntil != null && now.isBefore(leanUntil);
    }

    /**
     * The load the worker reports (WorkerInfo worker_load, and UpdateWorkerStatus.load that LiveKit weighs):
     * its load_fnc, which the docs' snippet raises to the lean floor while leaned (docs/livekit-facts.md#dispatch).
     */
    public double reportedLoad(Instant now) {
        double load = load();
        return leaned(now) ? Math.max(load, service.worker.leanLoad()) : load;
    }

    boolean stopping() {
        return "STOPPED".equals(desiredStatus);
    }

    boolean stopped() {
        return "STOPPED".equals(lastStatus);
    }

    boolean running() {
        return "RUNNING".equals(lastStatus);
    }

    /** Counts for minimumHealthyPercent: RUNNING, healthy by the deployment's rule, and not on its way out. */
    boolean healthy() {
        return running() && !stopping() && countsHealthy;
    }

    /** Whether the scheduler leaves it alone on scale-in and deployments (protected, or a lapse not yet acted on). */
    boolean heldByProtection(Instant now) {
        return protectionExpiresAt != null || (protectionHeldUntil != null && now.isBefore(protectionHeldUntil));
    }

    boolean pending() {
        return "PROVISIONING".equals(lastStatus) || "PENDING".equals(lastStatus) || "ACTIVATING".equals(lastStatus);
    }

    @Override
    public String toString() {
        return "task " + id + " (" + lastStatus + ")";
    }
}
