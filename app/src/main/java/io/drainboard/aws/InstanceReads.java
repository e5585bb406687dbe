package io.drainboard.aws;

import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link InstanceGateway}'s requests sent through the {@link RequestScheduler}, so they count in the read stats. */
public final class InstanceReads {
    private final InstanceGateway gateway;
    private final RequestScheduler requests;

    public InstanceReads(InstanceGateway gateway, RequestScheduler requests) {
        this.gateway = gateway;
        this.requests = requests;
    }

    public CompletableFuture<EcsGateway.Page> listContainerInstances(String cluster, String token) {
        return requests.submit("ecs:ListContainerInstances", RequestScheduler.LIST,
                () -> gateway.listContainerInstancesPage(cluster, token), AwsRetry::classify);
    }

    public CompletableFuture<List<ContainerInstance>> describeContainerInstances(String cluster, List<String> arns) {
        return requests.submit("ecs:DescribeContainerInstances", RequestScheduler.DESCRIBE_BULK,
                () -> gateway.describeContainerInstances(cluster, arns), AwsRetry::classify);
    }

    public CompletableFuture<List<AutoScalingInstanceDetails>> autoScalingInstances(List<String> ec2InstanceIds) {
        return requests.submit("autoscaling:DescribeAutoScalingInstances", RequestScheduler.DESCRIBE_SMALL,
                () -> gateway.autoScalingInstances(ec2InstanceIds), AwsRetry::classify);
    }

    public CompletableFuture<java.util.Map<String, Integer>> desiredCapacities(List<String> groups) {
        return requests.submit("autoscaling:DescribeAutoScalingGroups", RequestScheduler.DESCRIBE_SMALL,
                () -> gateway.desiredCapacities(groups), AwsRetry::classify);
    }

    public CompletableFuture<List<LifecycleHook>> lifecycleHooks(String group) {
        return requests.submit("autoscaling:DescribeLifecycleHooks", RequestScheduler.DESCRIBE_SMALL,
                () -> gateway.lifecycleHooks(group), AwsRetry::classify);
    }
}
