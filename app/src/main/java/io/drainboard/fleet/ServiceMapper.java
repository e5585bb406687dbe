package io.drainboard.fleet;

import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.List;
import java.util.Optional;

/** Maps ECS's service shape to the console's {@link ServiceSnapshot}. */
final class ServiceMapper {
    private ServiceMapper() {
    }

    static ServiceSnapshot service(Service s, String cluster, TaskDefinition td, List<TaskSnapshot> tasks,
                                   List<TaskSnapshot> stopped) {
        String launchType = launchType(s);
        return new ServiceSnapshot(cluster, s.serviceName(), s.serviceArn(), launchType, orZero(s.desiredCount()),
                orZero(s.runningCount()), orZero(s.pendingCount()), s.taskDefinition(),
                s.deployments().stream().map(ServiceMapper::deployment).toList(), tasks, s.status(),
                s.events().stream().map(e -> new ServiceEvent(e.id(), e.createdAt(), e.message())).toList(),
                td == null ? Optional.empty() : Optional.of(TaskMapper.stopTimeout(launchType, td)),
                Boolean.TRUE.equals(s.enableExecuteCommand()), config(s.deploymentConfiguration()),
                !s.loadBalancers().isEmpty(), stopped, Optional.empty(), TaskMapper.tags(s.tags()));
    }

    /** A service that could not be described: the last description if there was one, else what its ARN says. */
    static ServiceSnapshot failed(String arn, String cluster, ServiceSnapshot previous, List<TaskSnapshot> tasks,
                                  List<TaskSnapshot> stopped, String error) {
        if (previous != null) {
            return new ServiceSnapshot(cluster, previous.name(), arn, previous.launchType(), previous.desiredCount(),
                    previous.runningCount(), previous.pendingCount(), previous.taskDefinitionArn(), previous.deployments(),
                    tasks, previous.status(), previous.events(), previous.stopTimeout(), previous.enableExecuteCommand(),
                    previous.deploymentConfig(), previous.loadBalanced(), stopped, Optional.of(error), previous.tags());
        }
        String launchType = tasks.isEmpty() ? "UNKNOWN" : tasks.get(0).launchType();
        return new ServiceSnapshot(cluster, nameOf(arn), arn, launchType, 0, 0, 0, "", List.of(), tasks, "UNKNOWN",
                List.of(), Optional.empty(), false, DeploymentConfig.ECS_DEFAULT, false, stopped, Optional.of(error));
    }

    static String nameOf(String serviceArn) {
        return serviceArn.substring(serviceArn.lastIndexOf('/') + 1);
    }

    static String launchType(Service s) {
        if (s.launchType() != null) return s.launchTypeAsString();
        for (CapacityProviderStrategyItem i : s.capacityProviderStrategy()) {
            if (i.capacityProvider() != null && i.capacityProvider().startsWith("FARGATE")) return "FARGATE";
        }
        return "EC2";
    }

    private static DeploymentSnapshot deployment(Deployment d) {
        return new DeploymentSnapshot(d.id(), d.status(), d.taskDefinition(), orZero(d.desiredCount()),
                orZero(d.runningCount()), orZero(d.pendingCount()), d.rolloutStateAsString(), d.createdAt(),
                orZero(d.failedTasks()), Optional.ofNullable(d.updatedAt()), Optional.ofNullable(d.rolloutStateReason()));
    }

    private static DeploymentConfig config(DeploymentConfiguration c) {
        if (c == null) return DeploymentConfig.ECS_DEFAULT;
        boolean breaker = c.deploymentCircuitBreaker() != null && Boolean.TRUE.equals(c.deploymentCircuitBreaker().enable());
        boolean rollback = c.deploymentCircuitBreaker() != null && Boolean.TRUE.equals(c.deploymentCircuitBreaker().rollback());
        return new DeploymentConfig(c.minimumHealthyPercent() == null ? 100 : c.minimumHealthyPercent(),
                c.maximumPercent() == null ? 200 : c.maximumPercent(), breaker, rollback);
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
