package io.drainboard.fleet;

import java.util.List;

/** A service with its counts, deployments and tasks as ECS reported them. */
public record ServiceSnapshot(String clusterName, String name, String arn, String launchType, int desiredCount,
                              int runningCount, int pendingCount, String taskDefinitionArn,
                              List<DeploymentSnapshot> deployments, List<TaskSnapshot> tasks) {
    public ServiceSnapshot {
        deployments = List.copyOf(deployments);
        tasks = List.copyOf(tasks);
    }

    /** Identifies the service across refreshes and clusters. */
    public String key() {
        return clusterName + "/" + name;
    }

    public int calls() {
        return tasks.stream().mapToInt(t -> t.calls().count()).sum();
    }
}
