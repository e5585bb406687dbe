package io.drainboard.fleet;

import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Joins a cluster's container instances with the tasks (and so the calls) on each. */
final class InstanceMapper {
    private InstanceMapper() {
    }

    static List<InstanceSnapshot> instances(ClusterRead r, List<ServiceSnapshot> services) {
        if (r.instances().isEmpty()) return List.of();
        Map<String, String> instanceOf = new HashMap<>();
        for (KnownTask k : r.running()) {
            if (k.task().containerInstanceArn() != null) instanceOf.put(k.task().taskArn(), k.task().containerInstanceArn());
        }
        for (KnownTask k : r.stopped()) {
            if (k.task().containerInstanceArn() != null) instanceOf.putIfAbsent(k.task().taskArn(), k.task().containerInstanceArn());
        }
        Map<String, List<TaskSnapshot>> onInstance = new HashMap<>();
        for (ServiceSnapshot s : services) {
            for (TaskSnapshot t : s.tasks()) {
                String ci = instanceOf.get(t.arn());
                if (ci != null && !"STOPPED".equals(t.lastStatus())) onInstance.computeIfAbsent(ci, x -> new ArrayList<>()).add(t);
            }
        }
        List<InstanceSnapshot> out = new ArrayList<>();
        for (InstanceRead ir : r.instances()) {
            ContainerInstance ci = ir.instance();
            List<TaskSnapshot> tasks = onInstance.getOrDefault(ci.containerInstanceArn(), List.of());
            int calls = tasks.stream().mapToInt(t -> t.calls().count()).sum();
            boolean known = tasks.stream().allMatch(t -> t.calls().known());
            Optional<AutoScalingInstanceDetails> g = ir.group();
            out.add(new InstanceSnapshot(ci.containerInstanceArn(), ci.ec2InstanceId(), r.name(), zone(ci, g),
                    attribute(ci, "ecs.instance-type").orElse(g.map(AutoScalingInstanceDetails::instanceType).orElse("")),
                    ci.status(), Boolean.TRUE.equals(ci.agentConnected()),
                    ci.runningTasksCount() == null ? 0 : ci.runningTasksCount(),
                    tasks.stream().map(TaskSnapshot::arn).toList(), calls, known,
                    g.map(AutoScalingInstanceDetails::autoScalingGroupName),
                    g.isPresent() ? Optional.of(Boolean.TRUE.equals(g.get().protectedFromScaleIn()))
                            : ir.groupKnown() ? Optional.of(false) : Optional.empty(),
                    g.map(AutoScalingInstanceDetails::lifecycleState), ir.hooks().stream().map(InstanceMapper::hook).toList(),
                    ir.groupDesiredCapacity()));
        }
        return out;
    }

    private static String zone(ContainerInstance ci, Optional<AutoScalingInstanceDetails> g) {
        return attribute(ci, "ecs.availability-zone").orElse(g.map(AutoScalingInstanceDetails::availabilityZone).orElse(""));
    }

    private static Optional<String> attribute(ContainerInstance ci, String name) {
        return ci.attributes().stream().filter(a -> name.equals(a.name()) && a.value() != null).map(a -> a.value()).findFirst();
    }

    private static InstanceSnapshot.Hook hook(LifecycleHook h) {
        return new InstanceSnapshot.Hook(h.lifecycleHookName(), h.lifecycleTransition(),
                Duration.ofSeconds(h.heartbeatTimeout() == null ? 3600 : h.heartbeatTimeout()),
                Duration.ofSeconds(h.globalTimeout() == null ? 172_800 : h.globalTimeout()),
                h.defaultResult() == null ? "ABANDON" : h.defaultResult());
    }
}
