package io.drainboard.aws;

import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesResponse;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads of a cluster's EC2 capacity, one request per method so the scheduler can bound and count them:
 * ListContainerInstances pages (≤ 100), DescribeContainerInstances (≤ 100 per call), EC2 Auto Scaling
 * DescribeAutoScalingInstances (≤ 50 instance ids per call, API Reference) and DescribeLifecycleHooks.
 */
public final class InstanceGateway {
    public static final int DESCRIBE_INSTANCES_BATCH = 100;
    public static final int ASG_INSTANCES_BATCH = 50;

    private final EcsClient ecs;
    private final AutoScalingClient autoScaling;

    public InstanceGateway(EcsClient ecs, AutoScalingClient autoScaling) {
        this.ecs = ecs;
        this.autoScaling = autoScaling;
    }

    public EcsGateway.Page listContainerInstancesPage(String cluster, String token) {
        ListContainerInstancesResponse r = ecs.listContainerInstances(b -> b.cluster(cluster)
                .maxResults(EcsGateway.PAGE).nextToken(token));
        return new EcsGateway.Page(r.containerInstanceArns(), Optional.ofNullable(r.nextToken()));
    }

    public List<ContainerInstance> describeContainerInstances(String cluster, List<String> arns) {
        return ecs.describeContainerInstances(b -> b.cluster(cluster).containerInstances(arns)).containerInstances();
    }

    /** The ASG side of up to 50 instances; instances of no group are left out by the API. */
    public List<AutoScalingInstanceDetails> autoScalingInstances(List<String> ec2InstanceIds) {
        List<AutoScalingInstanceDetails> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            DescribeAutoScalingInstancesResponse r = autoScaling.describeAutoScalingInstances(b -> b
                    .instanceIds(ec2InstanceIds).maxRecords(ASG_INSTANCES_BATCH).nextToken(t));
            out.addAll(r.autoScalingInstances());
            token = r.nextToken();
        } while (token != null);
        return out;
    }

    /** Each named group's desired capacity (what a scale-in is heading for), by group name. */
    public java.util.Map<String, Integer> desiredCapacities(List<String> groups) {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        String token = null;
        do {
            String t = token;
            var r = autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(groups).maxRecords(100).nextToken(t));
            r.autoScalingGroups().forEach(g -> out.put(g.autoScalingGroupName(), g.desiredCapacity()));
            token = r.nextToken();
        } while (token != null);
        return out;
    }

    public List<LifecycleHook> lifecycleHooks(String group) {
        return autoScaling.describeLifecycleHooks(b -> b.autoScalingGroupName(group)).lifecycleHooks();
    }
}
