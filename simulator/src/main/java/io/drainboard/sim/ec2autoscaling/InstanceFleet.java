package io.drainboard.sim.ec2autoscaling;

import java.time.Instant;
import java.util.List;

/** What EC2 Auto Scaling needs from the fleet: each cluster's EC2 container instances, and ending one. */
public interface InstanceFleet {
    /** An EC2 instance registered to a cluster, still running, with what it carries. */
    record Host(String instanceId, String availabilityZone, String instanceType, Instant launchedAt, int tasks,
                int calls, boolean protectedFromScaleIn) {
    }

    record ClusterHosts(String cluster, List<Host> hosts) {
    }

    /** The fleet's lock; group state is guarded by it too. */
    Object lock();

    List<ClusterHosts> clusters();

    /** EC2 Auto Scaling instance scale-in protection, kept with the instance. */
    void setProtection(String instanceId, boolean protectedFromScaleIn);

    /**
     * The instance goes away under its tasks: they stop at once and their calls are cut.
     *
     * @return the calls cut
     */
    int terminate(String cluster, String instanceId);

    /** ECS sets the instance DRAINING (its service tasks are replaced elsewhere, protected or not). */
    default void drain(String instanceId) {
    }
}
