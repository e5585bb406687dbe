package io.drainboard.profile;

import java.util.List;

/**
 * Every AWS action Drainboard calls, what for, and which resources IAM lets a policy name for it
 * (Service Authorization Reference, "Actions, resources, and condition keys for Amazon Elastic Container
 * Service", "… for Application Auto Scaling", "… for Amazon EC2 Auto Scaling", "… for Amazon CloudWatch").
 * Actions whose Resource types column is empty must be granted on "*". The IAM policy is generated from
 * this table and nothing else, so a new call must be added here to be allowed — and only calls the console
 * makes belong here: {@code IamCoverageTest} drives every flow against the simulator and fails on an action
 * sent but not granted, or granted but never sent.
 */
final class IamActions {
    /** Who needs the permission: the operator running Drainboard, or the worker task's own role. */
    enum Audience { OPERATOR, TASK_ROLE, GUARD }

    /** The resources a statement may be scoped to, per the Service Authorization Reference. */
    enum Scope {
        ANY, CLUSTER, SERVICE, TASK, CONTAINER_INSTANCE,
        /** cluster, service, task, container instance and task definition ARNs (tagging works on all). */
        ECS_RESOURCES
    }

    record Action(String name, boolean mutating, Scope scope, Audience audience, String usedFor) {
    }

    static final List<Action> ALL = List.of(
            // Read path (fleet.FleetReader through aws.EcsGateway) and the engines' reads.
            read("ecs:ListClusters", Scope.ANY, "find the clusters (no resource-level permissions)"),
            read("ecs:DescribeClusters", Scope.CLUSTER, "cluster status and counts"),
            read("ecs:ListServices", Scope.ANY, "list services (no resource-level permissions)"),
            read("ecs:DescribeServices", Scope.SERVICE, "desired/running counts, deployments, events"),
            read("ecs:ListTasks", Scope.ANY, "list tasks (scoped by the ecs:cluster condition only)"),
            read("ecs:DescribeTasks", Scope.TASK, "task status, stop codes, timestamps"),
            read("ecs:DescribeTaskDefinition", Scope.ANY, "stopTimeout and containers (no resource-level permissions)"),
            read("ecs:ListTaskDefinitions", Scope.ANY, "a family's revisions for the rollout wizard (no resource-level permissions)"),
            read("ecs:GetTaskProtection", Scope.TASK, "protection state and expiry"),
            read("ecs:ListTagsForResource", Scope.ECS_RESOURCES, "the rollout lock tag on a service; a task's signal mark"),
            read("application-autoscaling:DescribeScalableTargets", Scope.ANY, "scale-in suspension"),
            read("ecs:ListContainerInstances", Scope.CLUSTER, "EC2 capacity: a cluster's container instances"),
            read("ecs:DescribeContainerInstances", Scope.CONTAINER_INSTANCE, "EC2 capacity: instance status, agent, tasks"),
            read("autoscaling:DescribeAutoScalingGroups", Scope.ANY, "EC2 capacity: group sizes and instance protection"),
            read("autoscaling:DescribeLifecycleHooks", Scope.ANY, "termination hooks that hold instances"),
            read("autoscaling:DescribeAutoScalingInstances", Scope.ANY, "each instance's group, lifecycle state and protection"),
            read("cloudwatch:GetMetricData", Scope.ANY, "per-task call counts (calls.source: cloudwatch); history backfill;"
                    + " scaling readiness: CPU against worker load"),
            // Scaling readiness (--check, the readiness view): docs/scaling.md, Readiness.
            read("application-autoscaling:DescribeScalingPolicies", Scope.ANY, "scaling readiness: the service's policies"),
            read("application-autoscaling:DescribeScheduledActions", Scope.ANY, "scaling readiness: scheduled actions"),
            read("cloudwatch:DescribeAlarms", Scope.ANY, "scaling readiness: the alarms behind the policies"),
            read("ecs:DescribeCapacityProviders", Scope.ANY, "scaling readiness: the EC2 capacity provider's managed scaling"
                    + " (the profile does not name the providers)"),
            // Operator actions.
            write("ecs:UpdateTaskProtection", Scope.TASK, "protect, extend, release; guard mode"),
            write("ecs:StopTask", Scope.TASK, "stop a drained (idle) task; force stop"),
            write("ecs:UpdateService", Scope.SERVICE, "rollout, rollback, safe scale-in (desired count)"),
            write("ecs:ExecuteCommand", Scope.TASK, "cordon by exec-signal (also needs the cluster ARN)"),
            write("ecs:TagResource", Scope.ECS_RESOURCES, "take the rollout lock (a tag on the service); mark a task before signalling it"),
            write("ecs:UntagResource", Scope.ECS_RESOURCES, "release the rollout lock"),
            write("ecs:RegisterTaskDefinition", Scope.ANY, "rollout of an edited task definition (no resource-level permissions)"),
            write("iam:PassRole", Scope.ANY, "RegisterTaskDefinition passes the task and execution roles"),
            write("application-autoscaling:RegisterScalableTarget", Scope.ANY, "suspend/resume scale-in during a rollout;"
                    + " a readiness fix (min and max capacity)"),
            write("application-autoscaling:PutScalingPolicy", Scope.ANY, "a readiness fix: the worker-load backstop"),
            write("application-autoscaling:DeleteScalingPolicy", Scope.ANY, "a readiness fix: remove a policy that scales"
                    + " in beside the guard service's direct scaling"),
            write("application-autoscaling:PutScheduledAction", Scope.ANY, "a readiness fix: the bounds a scheduled"
                    + " action sets"),
            write("autoscaling:UpdateAutoScalingGroup", Scope.ANY, "a readiness fix: the Auto Scaling group's MaxSize"),
            write("autoscaling:SetInstanceProtection", Scope.ANY, "keep an instance with busy tasks from scale-in"),
            write("ecs:UpdateContainerInstancesState", Scope.CONTAINER_INSTANCE, "set a drained (call-free) instance DRAINING"),
            // ECS Exec: the agent in the task opens the Session Manager channels with the task role
            // (Amazon ECS Developer Guide, "Monitor Amazon ECS containers with ECS Exec", IAM permissions).
            task("ssmmessages:CreateControlChannel"), task("ssmmessages:CreateDataChannel"),
            task("ssmmessages:OpenControlChannel"), task("ssmmessages:OpenDataChannel"));

    /**
     * What the guard service's task role needs ({@code drainboard guard}, docs/guard-service.md): the read path, task
     * protection, the tags it writes (its leadership lease on the service, its mark on the tasks it protects; only those
     * keys, by an {@code aws:TagKeys} condition) and PutMetricData for the session figures (in its namespace only).
     * Never StopTask or ExecuteCommand: a guard stops nothing and signals nothing (its scale-in of chosen tasks ends
     * with a release, and ECS's own scale-in stops the task). UpdateService only with direct scaling
     * ({@link #GUARD_DIRECT_SCALING}).
     */
    static final java.util.Set<String> GUARD_FROM_OPERATOR = java.util.Set.of("ecs:ListClusters", "ecs:DescribeClusters",
            "ecs:ListServices", "ecs:DescribeServices", "ecs:ListTasks", "ecs:DescribeTasks", "ecs:DescribeTaskDefinition",
            "ecs:GetTaskProtection", "ecs:ListTagsForResource", "ecs:ListContainerInstances", "ecs:DescribeContainerInstances",
            "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances",
            "autoscaling:DescribeLifecycleHooks", "cloudwatch:GetMetricData",
            "ecs:UpdateTaskProtection", "ecs:TagResource", "ecs:UntagResource");

    /**
     * What {@code guard.scaling.direct} adds: UpdateService (the desired count, on the profile's services only) and
     * DescribeScalableTargets (the min and max it clamps to).
     */
    static final java.util.Set<String> GUARD_DIRECT_SCALING = java.util.Set.of("ecs:UpdateService",
            "application-autoscaling:DescribeScalableTargets");

    static final Action PUT_METRIC_DATA = new Action("cloudwatch:PutMetricData", true, Scope.ANY, Audience.GUARD,
            "the guard service's session figures (ActiveSessions, SessionsPerTask, SessionUtilization)");

    private IamActions() {
    }

    private static Action read(String name, Scope scope, String usedFor) {
        return new Action(name, false, scope, Audience.OPERATOR, usedFor);
    }

    private static Action write(String name, Scope scope, String usedFor) {
        return new Action(name, true, scope, Audience.OPERATOR, usedFor);
    }

    private static Action task(String name) {
        return new Action(name, false, Scope.ANY, Audience.TASK_ROLE, "ECS Exec session channels (task role)");
    }
}
