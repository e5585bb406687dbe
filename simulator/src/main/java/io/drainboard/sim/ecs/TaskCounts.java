package io.drainboard.sim.ecs;

import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Task counts of services and of their deployments, gathered in one pass over the cluster's tasks
 * (a service task's startedBy is its deployment id, "ecs-svc/…", as in ECS).
 */
final class TaskCounts {
    /** Counts for one service or one deployment. */
    static final class Count {
        int running, pending, desired, failed;

        void add(TaskState t) {
            if (Lifecycle.running(t)) running++;
            else if (Lifecycle.pending(t)) pending++;
            if ("RUNNING".equals(t.desiredStatus())) desired++;
            // Deployment "failedTasks": tasks the deployment failed to launch (API Reference "Deployment").
            if ("TaskFailedToStart".equals(t.stopCode())) failed++;
        }
    }

    private static final Count ZERO = new Count();
    private final Map<ServiceState, Count> byService = new HashMap<>();
    private final Map<String, Count> byDeployment = new HashMap<>();

    static TaskCounts of(ClusterState cluster, Set<ServiceState> services) {
        TaskCounts c = new TaskCounts();
        if (services.isEmpty()) return c;
        for (TaskState t : cluster.tasks().values()) {
            if (t.service() == null || !services.contains(t.service())) continue;
            c.byService.computeIfAbsent(t.service(), s -> new Count()).add(t);
            if (t.startedBy() != null) c.byDeployment.computeIfAbsent(t.startedBy(), d -> new Count()).add(t);
        }
        return c;
    }

    Count service(ServiceState s) {
        return byService.getOrDefault(s, ZERO);
    }

    Count deployment(String id) {
        return byDeployment.getOrDefault(id, ZERO);
    }
}
