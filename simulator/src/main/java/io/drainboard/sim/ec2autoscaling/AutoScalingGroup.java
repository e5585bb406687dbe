package io.drainboard.sim.ec2autoscaling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One Auto Scaling group: a cluster's EC2 hosts. Mutable; guarded by the fleet's lock. */
public final class AutoScalingGroup {
    final String name;
    final String cluster;
    final String arn;
    final Instant createdAt;
    int min;
    int max;
    int desired;
    boolean newInstancesProtected;
    /** ECS capacity provider: managed termination protection (ECS protects every instance that runs tasks). */
    boolean managedTerminationProtection;
    /** ECS capacity provider: managed instance draining (ECS drains an instance the group takes, then lets it go). */
    boolean managedDraining;
    /** The ECS capacity provider over this group, or null when there is none. */
    String capacityProvider;
    /** Its managed scaling: ECS sets the group's desired size so that tasks use {@link #targetCapacity} % of it. */
    boolean managedScaling;
    int targetCapacity = 100;
    /** Instances in Terminating:Wait, and when their hook's wait ends. */
    final Map<String, Instant> terminatingUntil = new LinkedHashMap<>();
    final List<LifecycleHook> hooks = new ArrayList<>();
    /** The instances this group knows, so one registered later shows up as new (and gets the default protection). */
    final Map<String, Boolean> known = new HashMap<>();

    AutoScalingGroup(String name, String cluster, String arn, Instant createdAt, int min, int max, int desired) {
        this.name = name;
        this.cluster = cluster;
        this.arn = arn;
        this.createdAt = createdAt;
        this.min = min;
        this.max = max;
        this.desired = desired;
    }

    public String name() { return name; }
    public String cluster() { return cluster; }
    public String arn() { return arn; }
    public Instant createdAt() { return createdAt; }
    public int min() { return min; }
    public int max() { return max; }
    public int desired() { return desired; }
    public boolean newInstancesProtected() { return newInstancesProtected; }
    public List<LifecycleHook> hooks() { return List.copyOf(hooks); }

    /** The group's lifecycle state of an instance (InService unless it is leaving). */
    public String lifecycleState(String instanceId) {
        return terminatingUntil.containsKey(instanceId) ? "Terminating:Wait" : "InService";
    }
}
