package io.drainboard.fleet;

import java.util.List;
import java.util.Optional;

/**
 * A service with its counts, deployments and tasks as ECS reported them.
 *
 * @param status                "ACTIVE", "DRAINING" or "INACTIVE"; "UNKNOWN" when it could not be described
 * @param events                ECS's service events, newest first
 * @param stopTimeout           the effective stopTimeout of the service's current task definition, with its
 *                              basis; empty when the task definition could not be read
 * @param loadBalanced          tasks are registered with a load balancer, so ECS deregisters them before
 *                              SIGTERM (see {@link KillClock})
 * @param recentlyStopped       tasks ECS stopped recently (ListTasks desiredStatus STOPPED), newest first,
 *                              with stopCode and exit codes; not in {@code tasks}
 * @param error                 why the service could not be described; its tasks are still listed
 */
public record ServiceSnapshot(String clusterName, String name, String arn, String launchType, int desiredCount,
                              int runningCount, int pendingCount, String taskDefinitionArn,
                              List<DeploymentSnapshot> deployments, List<TaskSnapshot> tasks,
                              String status, List<ServiceEvent> events, Optional<StopTimeout> stopTimeout,
                              boolean enableExecuteCommand, DeploymentConfig deploymentConfig, boolean loadBalanced,
                              List<TaskSnapshot> recentlyStopped, Optional<String> error,
                              java.util.Map<String, String> tags) {
    /** The tag a rollout's lock is written in (rollout.LockHolder); the guard service reads it too. */
    public static final String ROLLOUT_LOCK_TAG = "drainboard:rollout-lock";

    public ServiceSnapshot {
        deployments = List.copyOf(deployments);
        tasks = List.copyOf(tasks);
        events = List.copyOf(events);
        recentlyStopped = List.copyOf(recentlyStopped);
        tags = java.util.Map.copyOf(tags);
    }

    /** Without tags (DescribeServices include=TAGS), for callers that build services by hand. */
    public ServiceSnapshot(String clusterName, String name, String arn, String launchType, int desiredCount,
                           int runningCount, int pendingCount, String taskDefinitionArn,
                           List<DeploymentSnapshot> deployments, List<TaskSnapshot> tasks,
                           String status, List<ServiceEvent> events, Optional<StopTimeout> stopTimeout,
                           boolean enableExecuteCommand, DeploymentConfig deploymentConfig, boolean loadBalanced,
                           List<TaskSnapshot> recentlyStopped, Optional<String> error) {
        this(clusterName, name, arn, launchType, desiredCount, runningCount, pendingCount, taskDefinitionArn, deployments,
                tasks, status, events, stopTimeout, enableExecuteCommand, deploymentConfig, loadBalanced, recentlyStopped,
                error, java.util.Map.of());
    }

    /** The original shape, for callers that build services by hand (tests, view models). */
    public ServiceSnapshot(String clusterName, String name, String arn, String launchType, int desiredCount,
                           int runningCount, int pendingCount, String taskDefinitionArn,
                           List<DeploymentSnapshot> deployments, List<TaskSnapshot> tasks) {
        this(clusterName, name, arn, launchType, desiredCount, runningCount, pendingCount, taskDefinitionArn,
                deployments, tasks, "ACTIVE", List.of(), Optional.empty(), false, DeploymentConfig.ECS_DEFAULT, false,
                List.of(), Optional.empty());
    }

    /** The same service, marked as not fully read. */
    public ServiceSnapshot withError(String why) {
        return new ServiceSnapshot(clusterName, name, arn, launchType, desiredCount, runningCount, pendingCount,
                taskDefinitionArn, deployments, tasks, status, events, stopTimeout, enableExecuteCommand, deploymentConfig,
                loadBalanced, recentlyStopped, Optional.of(why), tags);
    }

    /** Identifies the service across refreshes and clusters. */
    public String key() {
        return clusterName + "/" + name;
    }

    /**
     * A deployment is in progress: ECS lists more than one deployment (the PRIMARY and an ACTIVE one still draining)
     * until the rolling update completes (<a href="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Deployment.html">
     * Deployment</a>, "status"). While it does, ECS is replacing tasks: the counts are in motion, and nothing should
     * lower the desired count or release a protection.
     */
    public boolean deploying() {
        return deployments.size() > 1;
    }

    public int calls() {
        int n = 0;
        for (TaskSnapshot t : tasks) n += t.calls().count(); // on the FX thread for every service: no stream
        return n;
    }

    /** Equal apart from its tasks and read times: what a snapshot diff compares (tasks are diffed apart). */
    public boolean sameStateAs(ServiceSnapshot o) {
        if (recentlyStopped.size() != o.recentlyStopped.size()) return false;
        for (int i = 0; i < recentlyStopped.size(); i++) {
            if (!recentlyStopped.get(i).sameStateAs(o.recentlyStopped.get(i))) return false;
        }
        return withoutTasks().equals(o.withoutTasks());
    }

    private ServiceSnapshot withoutTasks() {
        return new ServiceSnapshot(clusterName, name, arn, launchType, desiredCount, runningCount, pendingCount,
                taskDefinitionArn, deployments, List.of(), status, events, stopTimeout, enableExecuteCommand,
                deploymentConfig, loadBalanced, List.of(), error, tags);
    }
}
