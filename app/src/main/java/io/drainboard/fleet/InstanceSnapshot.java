package io.drainboard.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An EC2 container instance as ECS and EC2 Auto Scaling see it, with the calls its tasks carry.
 *
 * @param status           ECS status: ACTIVE, DRAINING (ECS is moving its service tasks off), …
 * @param runningTasks     ECS's runningTasksCount
 * @param taskArns         the service tasks on it that are not stopped, from this refresh's DescribeTasks
 * @param calls            live calls on those tasks; {@code callsKnown} false when any task's count is unknown
 * @param autoScalingGroup empty when the instance is in no group (or the group could not be read)
 * @param scaleInProtected EC2 Auto Scaling instance scale-in protection; empty when unknown
 * @param lifecycleState   the group's lifecycle state (InService, Terminating:Wait, …), empty if unknown
 * @param hooks            the group's lifecycle hooks
 * @param groupDesiredCapacity the group's desired capacity: below its in-service count, it is waiting to scale in
 */
public record InstanceSnapshot(String arn, String ec2InstanceId, String clusterName, String availabilityZone,
                               String instanceType, String status, boolean agentConnected, int runningTasks,
                               List<String> taskArns, int calls, boolean callsKnown,
                               Optional<String> autoScalingGroup, Optional<Boolean> scaleInProtected,
                               Optional<String> lifecycleState, List<Hook> hooks,
                               Optional<Integer> groupDesiredCapacity) {
    public InstanceSnapshot {
        taskArns = List.copyOf(taskArns);
        hooks = List.copyOf(hooks);
    }

    /** A lifecycle hook of the instance's group: how long it can hold a leaving instance. */
    public record Hook(String name, String transition, Duration heartbeatTimeout, Duration globalTimeout,
                       String defaultResult) {
        public boolean onTermination() {
            return "autoscaling:EC2_INSTANCE_TERMINATING".equals(transition);
        }
    }

    public boolean draining() {
        return "DRAINING".equals(status);
    }

    public boolean protectedNow() {
        return scaleInProtected.orElse(false);
    }
}
