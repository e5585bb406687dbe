package io.drainboard.drain;

import io.drainboard.fleet.InstanceSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Guard mode's decision for a cluster's EC2 instances at one instant: the Auto Scaling group's scale-in only
 * ever terminates idle instances.
 * <p>
 * An instance hosting calls (or whose calls are unknown) is kept protected from scale in
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-instance-protection.html). An idle
 * one is released once it has stayed idle for the hysteresis, and only while its group is waiting to scale
 * in (desired capacity below its in-service instances — AWS lowers the desired capacity even when every
 * instance is protected and terminates as soon as one is not), longest-idle first, as many as the group
 * wants gone. Releasing idle instances any earlier would leave them exposed to a later scale-in at a moment
 * when new calls have landed on them — the same window {@link GuardPolicy} closes for tasks. Instances not
 * in service (Terminating:Wait), DRAINING, or in an instance drain are left alone.
 */
public final class InstanceGuardPolicy {
    /** Per Auto Scaling group, the instance ids to protect and to release; and the idle clocks to carry. */
    public record Decision(Map<String, List<String>> protect, Map<String, List<String>> release,
                           Map<String, Instant> idleSince) {
        public boolean nothing() {
            return protect.isEmpty() && release.isEmpty();
        }
    }

    private final Duration idleHysteresis;

    public InstanceGuardPolicy(Duration idleHysteresis) {
        this.idleHysteresis = idleHysteresis;
    }

    public Decision decide(List<InstanceSnapshot> instances, Map<String, Instant> idleSince, Instant now,
                           Predicate<String> leftToADrain) {
        Map<String, List<String>> protect = new LinkedHashMap<>();
        Map<String, List<InstanceSnapshot>> releasable = new LinkedHashMap<>();
        Map<String, Instant> idle = new HashMap<>();
        Map<String, Integer> inService = new HashMap<>();
        Map<String, Integer> desired = new HashMap<>();
        for (InstanceSnapshot i : instances) {
            if (i.autoScalingGroup().isEmpty()) continue;
            String g = i.autoScalingGroup().get();
            boolean serving = i.lifecycleState().map("InService"::equals).orElse(false);
            if (serving) inService.merge(g, 1, Integer::sum);
            i.groupDesiredCapacity().ifPresent(d -> desired.put(g, d));
            if (!serving || i.draining() || leftToADrain.test(i.arn())) continue;
            boolean on = i.protectedNow();
            if (!i.callsKnown() || i.calls() > 0) {
                if (!on) protect.computeIfAbsent(g, k -> new ArrayList<>()).add(i.ec2InstanceId());
                continue;
            }
            Instant since = idleSince.getOrDefault(i.ec2InstanceId(), now);
            idle.put(i.ec2InstanceId(), since);
            if (!on) {
                protect.computeIfAbsent(g, k -> new ArrayList<>()).add(i.ec2InstanceId());
            } else if (Duration.between(since, now).compareTo(idleHysteresis) >= 0) {
                releasable.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, List<String>> release = new LinkedHashMap<>();
        releasable.forEach((g, list) -> {
            Integer want = desired.get(g);
            if (want == null) return; // not knowing the group's target, release nothing
            int surplus = inService.getOrDefault(g, 0) - want;
            if (surplus <= 0) return;
            list.sort(Comparator.comparing(i -> idle.get(i.ec2InstanceId())));
            List<String> ids = list.stream().limit(surplus).map(InstanceSnapshot::ec2InstanceId).toList();
            if (!ids.isEmpty()) release.put(g, ids);
        });
        return new Decision(protect, release, idle);
    }
}
