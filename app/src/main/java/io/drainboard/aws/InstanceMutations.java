package io.drainboard.aws;

import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.Failure;

import java.util.List;

/**
 * The calls that change EC2 capacity: EC2 Auto Scaling SetInstanceProtection and ECS
 * UpdateContainerInstancesState, each sent to the region and account of the container instances it acts on.
 * Callers audit before calling; SDK exceptions go through for them to word.
 */
public final class InstanceMutations {
    private final Regional<EcsClient> ecs;
    private final Regional<AutoScalingClient> autoScaling;

    public InstanceMutations(EcsClient ecs, AutoScalingClient autoScaling) {
        this(Regional.ofClient(ecs), Regional.ofClient(autoScaling));
    }

    public InstanceMutations(Regional<EcsClient> ecs, Regional<AutoScalingClient> autoScaling) {
        this.ecs = ecs;
        this.autoScaling = autoScaling;
    }

    /**
     * Instance scale-in protection: a protected instance is never chosen by the group's scale-in. A group name and
     * instance ids name no region, so {@code inRegion} (the container instance's or its cluster's ARN) says where.
     */
    public void setInstanceProtection(String inRegion, String group, List<String> ec2InstanceIds, boolean on) {
        autoScaling.forArnOrOnly(inRegion).setInstanceProtection(b -> b.autoScalingGroupName(group).instanceIds(ec2InstanceIds)
                .protectedFromScaleIn(on));
    }

    /**
     * UpdateContainerInstancesState. DRAINING makes ECS stop the instance's RUNNING service tasks
     * (replaced elsewhere), task protection or not. Returns ECS's per-instance failures, worded.
     */
    public List<String> setStatus(String cluster, List<String> containerInstanceArns, boolean draining) {
        return ecs.forArnOrOnly(containerInstanceArns.get(0)).updateContainerInstancesState(b -> b.cluster(cluster).containerInstances(containerInstanceArns)
                        .status(draining ? ContainerInstanceStatus.DRAINING : ContainerInstanceStatus.ACTIVE))
                .failures().stream().map(InstanceMutations::word).toList();
    }

    private static String word(Failure f) {
        return f.arn() + ": " + f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")");
    }
}
