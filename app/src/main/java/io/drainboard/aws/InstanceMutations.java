package io.drainboard.aws;

import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.Failure;

import java.util.List;

/**
 * The calls that change EC2 capacity: EC2 Auto Scaling SetInstanceProtection and ECS
 * UpdateContainerInstancesState. Callers audit before calling; SDK exceptions go through for them to word.
 */
public final class InstanceMutations {
    private final EcsClient ecs;
    private final AutoScalingClient autoScaling;

    public InstanceMutations(EcsClient ecs, AutoScalingClient autoScaling) {
        this.ecs = ecs;
        this.autoScaling = autoScaling;
    }

    /** Instance scale-in protection: a protected instance is never chosen by the group's scale-in. */
    public void setInstanceProtection(String group, List<String> ec2InstanceIds, boolean on) {
        autoScaling.setInstanceProtection(b -> b.autoScalingGroupName(group).instanceIds(ec2InstanceIds)
                .protectedFromScaleIn(on));
    }

    /**
     * UpdateContainerInstancesState. DRAINING makes ECS stop the instance's RUNNING service tasks
     * (replaced elsewhere), task protection or not. Returns ECS's per-instance failures, worded.
     */
    public List<String> setStatus(String cluster, List<String> containerInstanceArns, boolean draining) {
        return ecs.updateContainerInstancesState(b -> b.cluster(cluster).containerInstances(containerInstanceArns)
                        .status(draining ? ContainerInstanceStatus.DRAINING : ContainerInstanceStatus.ACTIVE))
                .failures().stream().map(InstanceMutations::word).toList();
    }

    private static String word(Failure f) {
        return f.arn() + ": " + f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")");
    }
}
