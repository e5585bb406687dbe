package io.drainboard.sim.ec2autoscaling;

import io.drainboard.sim.http.AwsException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * EC2 Auto Scaling groups over the clusters' container instances: one group per cluster that has EC2
 * instances, named {@code <cluster>-asg}, sized to its instances (min 0, max twice the count). Instance
 * protection, lifecycle hooks and a scale-in that follows the default termination policy
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-termination-policies.html):
 * the Availability Zone with the most instances that has at least one not protected from scale in, then
 * the oldest instance there (the simulator's stand-in for "closest to the next billing hour, then
 * random"). Protected instances are never chosen
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-instance-protection.html).
 */
public final class AutoScalingGroups {
    /** How long ECS's managed draining holds an instance the group took (its lifecycle hook's global timeout, 48 h). */
    static final java.time.Duration MANAGED_DRAINING_TIMEOUT = java.time.Duration.ofHours(48);
    /** What one scale-in did. {@code instanceId} is null when nothing could be terminated. */
    public record ScaleIn(String group, String instanceId, String lifecycleState, int callsCut, String message) {
    }

    private final InstanceFleet fleet;
    private final Clock clock;
    private final String region;
    private final String account;
    private final Map<String, AutoScalingGroup> groups = new LinkedHashMap<>();

    public AutoScalingGroups(InstanceFleet fleet, Clock clock, String region, String account) {
        this.fleet = fleet;
        this.clock = clock;
        this.region = region;
        this.account = account;
        synchronized (fleet.lock()) {
            for (InstanceFleet.ClusterHosts c : fleet.clusters()) {
                String name = c.cluster() + "-asg";
                UUID id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
                AutoScalingGroup g = new AutoScalingGroup(name, c.cluster(), "arn:aws:autoscaling:" + region + ":" + account
                        + ":autoScalingGroup:" + id + ":autoScalingGroupName/" + name,
                        c.hosts().stream().map(InstanceFleet.Host::launchedAt).min(Comparator.naturalOrder()).orElse(clock.instant()),
                        0, Math.max(1, 2 * c.hosts().size()), c.hosts().size());
                c.hosts().forEach(h -> g.known.put(h.instanceId(), true));
                groups.put(name, g);
            }
        }
    }

    public String region() { return region; }

    public String account() { return account; }

    /** A group with its current hosts, in the fleet's order. */
    public record View(AutoScalingGroup group, List<InstanceFleet.Host> hosts) {
    }

    public List<View> describe() {
        synchronized (fleet.lock()) {
            settle(clock.instant());
            Map<String, List<InstanceFleet.Host>> byCluster = new HashMap<>();
            for (InstanceFleet.ClusterHosts c : fleet.clusters()) byCluster.put(c.cluster(), c.hosts());
            List<View> out = new ArrayList<>();
            for (AutoScalingGroup g : groups.values()) {
                out.add(new View(g, byCluster.getOrDefault(g.cluster, List.of())));
            }
            return out;
        }
    }

    public Optional<AutoScalingGroup> group(String name) {
        synchronized (fleet.lock()) {
            return Optional.ofNullable(groups.get(name));
        }
    }

    /** SetInstanceProtection: every id must belong to the group. */
    public void setProtection(String groupName, List<String> instanceIds, boolean protect) {
        synchronized (fleet.lock()) {
            AutoScalingGroup g = require(groupName);
            List<String> members = hostsOf(g).stream().map(InstanceFleet.Host::instanceId).toList();
            for (String id : instanceIds) {
                if (!members.contains(id)) {
                    throw validation("The instance " + id + " is not part of Auto Scaling group " + groupName + ".");
                }
            }
            for (String id : instanceIds) fleet.setProtection(id, protect);
        }
    }

    /** Adds (or replaces by name) a lifecycle hook, as PutLifecycleHook would. */
    public void putLifecycleHook(String groupName, LifecycleHook hook) {
        synchronized (fleet.lock()) {
            AutoScalingGroup g = require(groupName);
            g.hooks.removeIf(h -> h.name().equals(hook.name()));
            g.hooks.add(hook);
        }
    }

    /**
     * One step of scale-in: desired capacity goes down by one and an unprotected instance chosen by the
     * default termination policy leaves. With a termination hook it waits in Terminating:Wait for the
     * hook's heartbeat timeout (nobody completes the action here) before it is terminated; without one,
     * it is terminated at once: its tasks die and their calls are cut.
     */
    public ScaleIn scaleIn(String groupName) {
        synchronized (fleet.lock()) {
            Instant now = clock.instant();
            settle(now);
            AutoScalingGroup g = require(groupName);
            List<InstanceFleet.Host> hosts = hostsOf(g);
            if (candidates(g, hosts).isEmpty()) {
                return new ScaleIn(groupName, null, null, 0, "no instance to terminate: all " + hosts.size()
                        + " instances of " + groupName + " are protected from scale in or already leaving");
            }
            if (g.desired <= g.min) {
                return new ScaleIn(groupName, null, null, 0, groupName + " is at its minimum size " + g.min);
            }
            g.desired--;
            return leave(g, hosts, now);
        }
    }

    /**
     * SetDesiredCapacity (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_SetDesiredCapacity.html):
     * the new capacity must lie within min and max. Lowering it scales in: unprotected instances leave as
     * {@link #scaleIn} takes them. When the instances are protected the desired capacity is still lowered,
     * but the group "can't terminate the required number of instances until their instance scale-in
     * protection settings are disabled" (User Guide, "Use instance scale-in protection", Considerations):
     * it keeps trying on every {@link #settle}, so a released instance leaves then.
     *
     * @return what left now (may be empty)
     */
    public List<ScaleIn> setDesiredCapacity(String groupName, int desired) {
        synchronized (fleet.lock()) {
            Instant now = clock.instant();
            settle(now);
            AutoScalingGroup g = require(groupName);
            if (desired < g.min) {
                throw validation("New SetDesiredCapacity value " + desired + " is below min value " + g.min
                        + " for the AutoScaling group.");
            }
            if (desired > g.max) {
                throw validation("New SetDesiredCapacity value " + desired + " is above max value " + g.max
                        + " for the AutoScaling group.");
            }
            g.desired = desired;
            return reconcile(g, now);
        }
    }

    /**
     * UpdateAutoScalingGroup's size bounds (null keeps one). A new maximum below the desired capacity lowers it,
     * a new minimum above raises it ("If you specify a new value for MaxSize without specifying a value for
     * DesiredCapacity, and the new MaxSize is smaller than the current size of the group, there is an implied change
     * to the desired capacity": Amazon EC2 Auto Scaling API Reference, UpdateAutoScalingGroup).
     */
    public List<ScaleIn> updateSize(String groupName, Integer min, Integer max) {
        synchronized (fleet.lock()) {
            Instant now = clock.instant();
            settle(now);
            AutoScalingGroup g = require(groupName);
            int newMin = min == null ? g.min : min, newMax = max == null ? g.max : max;
            if (newMin < 0 || newMax < 0) throw validation("MinSize and MaxSize must not be negative");
            if (newMin > newMax) {
                throw validation("The parameter MaxSize must be greater than or equal to MinSize (" + newMin + " > " + newMax + ").");
            }
            g.min = newMin;
            g.max = newMax;
            g.desired = Math.max(newMin, Math.min(newMax, g.desired));
            return reconcile(g, now);
        }
    }

    /**
     * The group as an ECS capacity provider (Developer Guide "Managed termination protection", "Managed instance
     * draining"): with managed termination protection ECS keeps every instance that runs tasks protected from
     * scale-in, so the group only takes empty ones; with managed draining ECS drains an instance the group takes
     * and lets it terminate once its tasks are gone (a task still there after 48 h is lost with it).
     */
    public void setCapacityProvider(String groupName, boolean managedTerminationProtection, boolean managedDraining) {
        synchronized (fleet.lock()) {
            AutoScalingGroup g = group(groupName).orElseThrow(() -> new IllegalArgumentException("no Auto Scaling group "
                    + groupName));
            setCapacityProvider(groupName, g.capacityProvider == null ? g.cluster + "-cp" : g.capacityProvider,
                    g.capacityProvider == null || g.managedScaling, g.targetCapacity, managedTerminationProtection, managedDraining);
        }
    }

    /**
     * The group as a named ECS capacity provider of its cluster, with managed scaling (ECS keeps the group's size so
     * that the tasks use {@code targetCapacity} % of it; 100 leaves no spare instance, Developer Guide "Amazon ECS
     * capacity providers for EC2 workloads", managed scaling) — what DescribeCapacityProviders and DescribeClusters show.
     * The size itself is not driven by it here: the group keeps the size it is given.
     *
     * @param targetCapacity 1–100
     */
    public void setCapacityProvider(String groupName, String providerName, boolean managedScaling, int targetCapacity,
                                    boolean managedTerminationProtection, boolean managedDraining) {
        if (targetCapacity < 1 || targetCapacity > 100) throw new IllegalArgumentException("targetCapacity must be 1 to 100");
        if (providerName == null || providerName.isBlank()) throw new IllegalArgumentException("a capacity provider needs a name");
        synchronized (fleet.lock()) {
            AutoScalingGroup g = group(groupName).orElseThrow(() -> new IllegalArgumentException("no Auto Scaling group "
                    + groupName));
            g.capacityProvider = providerName;
            g.managedScaling = managedScaling;
            g.targetCapacity = targetCapacity;
            g.managedTerminationProtection = managedTerminationProtection;
            g.managedDraining = managedDraining;
            if (managedTerminationProtection) g.newInstancesProtected = true; // ECS requires it on
            manageProtection(g);
        }
    }

    /** One ECS capacity provider over a group, as DescribeCapacityProviders shows it. */
    public record CapacityProvider(String name, String arn, String cluster, String groupArn, boolean managedScaling,
                                   int targetCapacity, boolean managedTerminationProtection, boolean managedDraining) {
    }

    /** The capacity providers over the groups, in the groups' order. */
    public List<CapacityProvider> capacityProviders() {
        synchronized (fleet.lock()) {
            List<CapacityProvider> out = new ArrayList<>();
            for (AutoScalingGroup g : groups.values()) {
                if (g.capacityProvider == null) continue;
                out.add(new CapacityProvider(g.capacityProvider, "arn:aws:ecs:" + region + ":" + account + ":capacity-provider/"
                        + g.capacityProvider, g.cluster, g.arn, g.managedScaling, g.targetCapacity,
                        g.managedTerminationProtection, g.managedDraining));
            }
            return out;
        }
    }

    /** Managed termination protection: protected exactly while the instance runs tasks. */
    private void manageProtection(AutoScalingGroup g) {
        if (!g.managedTerminationProtection) return;
        for (InstanceFleet.Host h : hostsOf(g)) {
            if (g.terminatingUntil.containsKey(h.instanceId())) continue;
            boolean busy = h.tasks() > 0;
            if (busy != h.protectedFromScaleIn()) fleet.setProtection(h.instanceId(), busy);
        }
    }

    /** Terminates unprotected instances while more are in service than desired (AWS's scale-in). */
    private List<ScaleIn> reconcile(AutoScalingGroup g, Instant now) {
        List<ScaleIn> out = new ArrayList<>();
        manageProtection(g);
        while (true) {
            List<InstanceFleet.Host> hosts = hostsOf(g);
            long inService = hosts.stream().filter(h -> !g.terminatingUntil.containsKey(h.instanceId())).count();
            if (inService <= g.desired || candidates(g, hosts).isEmpty()) return out;
            out.add(leave(g, hosts, now));
        }
    }

    private static List<InstanceFleet.Host> candidates(AutoScalingGroup g, List<InstanceFleet.Host> hosts) {
        return hosts.stream().filter(h -> !h.protectedFromScaleIn() && !g.terminatingUntil.containsKey(h.instanceId()))
                .toList();
    }

    /** The default termination policy's pick leaves: held by a termination hook, else terminated now. */
    private ScaleIn leave(AutoScalingGroup g, List<InstanceFleet.Host> hosts, Instant now) {
        Map<String, Long> perAz = new HashMap<>();
        hosts.stream().filter(h -> !g.terminatingUntil.containsKey(h.instanceId()))
                .forEach(h -> perAz.merge(h.availabilityZone(), 1L, Long::sum));
        InstanceFleet.Host victim = candidates(g, hosts).stream()
                .sorted(Comparator.<InstanceFleet.Host>comparingLong(h -> -perAz.getOrDefault(h.availabilityZone(), 0L))
                        .thenComparing(InstanceFleet.Host::launchedAt))
                .findFirst().orElseThrow();
        if (g.managedDraining) {
            fleet.drain(victim.instanceId());
            g.terminatingUntil.put(victim.instanceId(), now.plus(MANAGED_DRAINING_TIMEOUT));
            return new ScaleIn(g.name, victim.instanceId(), "Terminating:Wait", 0, "ECS managed draining: "
                    + victim.instanceId() + " is DRAINING; terminated once its " + victim.tasks() + " tasks are gone");
        }
        Optional<LifecycleHook> hook = g.hooks.stream().filter(h -> LifecycleHook.TERMINATING.equals(h.transition())).findFirst();
        if (hook.isPresent()) {
            g.terminatingUntil.put(victim.instanceId(), now.plus(hook.get().heartbeatTimeout()));
            return new ScaleIn(g.name, victim.instanceId(), "Terminating:Wait", 0, "waiting for lifecycle hook "
                    + hook.get().name() + " up to " + hook.get().heartbeatTimeout().toSeconds() + " s");
        }
        int cut = fleet.terminate(g.cluster, victim.instanceId());
        return new ScaleIn(g.name, victim.instanceId(), "Terminated", cut, "terminated " + victim.instanceId()
                + " (" + victim.tasks() + " tasks, " + cut + " calls cut)");
    }

    /** Ends every hook wait that has run out by {@code now}, each at its own instant. */
    public void settle(Instant now) {
        synchronized (fleet.lock()) {
            for (AutoScalingGroup g : groups.values()) {
                List<Map.Entry<String, Instant>> due = new ArrayList<>();
                for (Map.Entry<String, Instant> e : g.terminatingUntil.entrySet()) {
                    if (!e.getValue().isAfter(now) || (g.managedDraining && drained(g, e.getKey()))) due.add(e);
                }
                due.sort(Map.Entry.comparingByValue());
                for (Map.Entry<String, Instant> e : due) {
                    g.terminatingUntil.remove(e.getKey());
                    fleet.terminate(g.cluster, e.getKey());
                }
                notice(g);
                reconcile(g, now);
            }
        }
    }

    /** Managed draining is done with the instance: no task left on it. */
    private boolean drained(AutoScalingGroup g, String instanceId) {
        return hostsOf(g).stream().filter(h -> h.instanceId().equals(instanceId)).allMatch(h -> h.tasks() == 0);
    }

    /**
     * An instance registered since the group last looked was launched by it: it counts in the desired
     * capacity and gets the group's NewInstancesProtectedFromScaleIn.
     */
    private void notice(AutoScalingGroup g) {
        for (InstanceFleet.Host h : hostsOf(g)) {
            if (g.known.putIfAbsent(h.instanceId(), true) != null) continue;
            g.desired++;
            g.max = Math.max(g.max, g.desired);
            if (g.newInstancesProtected) fleet.setProtection(h.instanceId(), true);
        }
    }

    private List<InstanceFleet.Host> hostsOf(AutoScalingGroup g) {
        for (InstanceFleet.ClusterHosts c : fleet.clusters()) if (c.cluster().equals(g.cluster)) return c.hosts();
        return List.of();
    }

    private AutoScalingGroup require(String name) {
        AutoScalingGroup g = groups.get(name);
        if (g == null) throw validation("AutoScalingGroup name not found - AutoScalingGroup '" + name + "' not found");
        return g;
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationError", message);
    }

    /** For the ticker: hook waits end even when nobody is looking. */
    public void onMinute(Instant minute) {
        settle(minute);
    }
}
