package io.drainboard.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An ECS service with its worker and traffic settings. Mutable; guarded by the {@link FleetModel} lock. */
public final class ServiceState {
    final ClusterState cluster;
    final String name;
    final String arn;
    final String launchType;
    final Instant createdAt;
    final WorkerSpec worker;
    String taskDefinitionArn;
    /** ACTIVE; DRAINING after DeleteService until its tasks have stopped (then it leaves the cluster). */
    String status = "ACTIVE";
    int desiredCount;
    int minimumHealthyPercent = 100;
    int maximumPercent = 200;
    boolean circuitBreakerEnable;
    boolean circuitBreakerRollback;
    /** DeploymentCircuitBreaker.resetOnHealthyTask (default true). */
    boolean circuitBreakerResetOnHealthyTask = true;
    /** DeploymentCircuitBreaker.thresholdConfiguration: BOUNDED_PERCENT (default, 50), UNBOUNDED_PERCENT or COUNT. */
    String circuitBreakerThresholdType = "BOUNDED_PERCENT";
    int circuitBreakerThresholdValue = 50;
    boolean enableExecuteCommand;
    /** Load balancer target deregistration delay: ECS waits this long in DEACTIVATING before SIGTERM. */
    Duration deregistrationDelay = Duration.ZERO;
    List<String> subnetsAzs;
    /** Newest first: index 0 is the PRIMARY deployment. */
    final List<DeploymentState> deployments = new ArrayList<>();
    final List<ServiceEvent> events = new ArrayList<>();
    /** The service's tasks by ARN in launch order, so nothing per service scans the cluster. */
    final Map<String, TaskState> tasks = new LinkedHashMap<>();
    /** Calls offered per second to this service (Poisson). */
    double arrivalRatePerSecond;
    /** Optional 24 hourly multipliers (UTC) on the arrival rate; null = flat. */
    double[] dailyCurve;
    CallDurations durations;
    final CallLedger ledger = new CallLedger();
    /** Scheduler bookkeeping: one pass queued at a time; events only when the state changes. */
    boolean reconcileQueued;
    boolean steady = true;
    String lastWaitingEvent;
    int consecutiveLaunchFailures;
    /** Service throttle logic: no launch before this instant after repeated launch failures; null = none. */
    Instant launchesPausedUntil;
    /** The newest deployment that completed: where the circuit breaker rolls back to. */
    DeploymentState lastCompleted;
    /** How long a started worker loads before it registers with LiveKit (models, caches); zero by default. */
    Duration workerWarmup = Duration.ZERO;
    /** Calls offered one by one ({@link FleetModel#offerCall}): what became of each. */
    final Offers offers = new Offers();

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
    /** ACTIVE, or DRAINING once deleted and until its tasks have stopped. */
    public String status() { return status; }
    public int desiredCount() { return desiredCount; }
    public int minimumHealthyPercent() { return minimumHealthyPercent; }
    public int maximumPercent() { return maximumPercent; }
    public boolean circuitBreakerEnable() { return circuitBreakerEnable; }
    public boolean circuitBreakerRollback() { return circuitBreakerRollback; }
    public boolean circuitBreakerResetOnHealthyTask() { return circuitBreakerResetOnHealthyTask; }
    public String circuitBreakerThresholdType() { return circuitBreakerThresholdType; }
    public int circuitBreakerThresholdValue() { return circuitBreakerThresholdValue; }
    public boolean enableExecuteCommand() { return enableExecuteCommand; }
    public Duration deregistrationDelay() { return deregistrationDelay; }
    /** The AZs of the service's subnets (one subnet per AZ). */
    public List<String> availabilityZones() { return subnetsAzs; }
    /** PRIMARY first, then the older ACTIVE ones, newest first. */
    public List<DeploymentState> deployments() { return Collections.unmodifiableList(deployments); }
    public DeploymentState primaryDeployment() { return deployments.get(0); }
    public List<ServiceEvent> events() { return Collections.unmodifiableList(events); }
    public double arrivalRatePerSecond() { return arrivalRatePerSecond; }
    public CallDurations durations() { return durations; }

    /** The tasks of this service (stopped ones until purged), in launch order; a copy. */
    public List<TaskState> tasks() {
        return new ArrayList<>(tasks.values());
    }

    /** The same tasks without copying; read under the model lock only. */
    public Collection<TaskState> taskView() {
        return Collections.unmodifiableCollection(tasks.values());
    }

    /** RUNNING tasks (as DescribeServices counts runningCount). */
    public int runningCount() {
        int n = 0;
        for (TaskState t : tasks.values()) if (t.running()) n++;
        return n;
    }

    /** Tasks not yet RUNNING (PROVISIONING, PENDING, ACTIVATING). */
    public int pendingCount() {
        int n = 0;
        for (TaskState t : tasks.values()) if (t.pending()) n++;
        return n;
    }
}
