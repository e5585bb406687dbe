package io.drainboard.fleet;

import io.drainboard.aws.EcsGateway;
import io.drainboard.aws.InstanceGateway;
import io.drainboard.aws.InstanceReads;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads one cluster's container instances and their Auto Scaling side, without blocking: the list, the
 * describes (≤ 100), DescribeAutoScalingInstances (≤ 50 ids), each group's hooks once and the groups'
 * desired capacity in one DescribeAutoScalingGroups. A failed ASG read
 * leaves protection unknown (never "off"); a failed ECS read is a problem and no instances.
 */
final class InstancesReader {
    private final InstanceReads reads;
    private final String cluster;
    private final List<String> problems;

    InstancesReader(InstanceReads reads, String cluster, List<String> problems) {
        this.reads = reads;
        this.cluster = cluster;
        this.problems = problems;
    }

    CompletableFuture<List<InstanceRead>> read() {
        List<String> arns = Collections.synchronizedList(new ArrayList<>());
        return Futures.walk(token -> reads.listContainerInstances(cluster, token), arns::addAll)
                .thenCompose(v -> describe(Futures.copy(arns)))
                .thenCompose(this::withGroups)
                .exceptionally(e -> {
                    problems.add("container instances unreadable: " + Futures.explain(e));
                    return List.of();
                });
    }

    private CompletableFuture<List<ContainerInstance>> describe(List<String> arns) {
        List<CompletableFuture<List<ContainerInstance>>> parts = new ArrayList<>();
        for (List<String> b : EcsGateway.batches(arns, InstanceGateway.DESCRIBE_INSTANCES_BATCH)) {
            parts.add(reads.describeContainerInstances(cluster, b));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(v -> parts.stream().flatMap(f -> f.join().stream()).toList());
    }

    private CompletableFuture<List<InstanceRead>> withGroups(List<ContainerInstance> instances) {
        if (instances.isEmpty()) return CompletableFuture.completedFuture(List.of());
        List<String> ids = instances.stream().map(ContainerInstance::ec2InstanceId).toList();
        Map<String, AutoScalingInstanceDetails> byId = new ConcurrentHashMap<>();
        List<CompletableFuture<Boolean>> parts = new ArrayList<>();
        for (List<String> b : EcsGateway.batches(ids, InstanceGateway.ASG_INSTANCES_BATCH)) {
            parts.add(reads.autoScalingInstances(b).handle((r, e) -> {
                if (e != null) {
                    problems.add("instance scale-in protection unknown: " + Futures.explain(e));
                    return false;
                }
                r.forEach(d -> byId.put(d.instanceId(), d));
                return true;
            }));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            boolean known = parts.stream().allMatch(CompletableFuture::join);
            Map<String, CompletableFuture<List<LifecycleHook>>> hooks = new ConcurrentHashMap<>();
            for (AutoScalingInstanceDetails d : byId.values()) {
                hooks.computeIfAbsent(d.autoScalingGroupName(), g -> reads.lifecycleHooks(g).exceptionally(e -> {
                    problems.add("lifecycle hooks of " + g + " unknown: " + Futures.explain(e));
                    return List.of();
                }));
            }
            CompletableFuture<Map<String, Integer>> desired = hooks.isEmpty()
                    ? CompletableFuture.completedFuture(Map.of())
                    : reads.desiredCapacities(List.copyOf(hooks.keySet())).exceptionally(e -> {
                        problems.add("Auto Scaling groups' desired capacity unknown: " + Futures.explain(e));
                        return Map.of();
                    });
            List<CompletableFuture<?>> all = new ArrayList<>(hooks.values());
            all.add(desired);
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(w -> {
                List<InstanceRead> out = new ArrayList<>();
                for (ContainerInstance ci : instances) {
                    Optional<AutoScalingInstanceDetails> d = Optional.ofNullable(byId.get(ci.ec2InstanceId()));
                    out.add(new InstanceRead(ci, d, known, d.map(x -> hooks.get(x.autoScalingGroupName()).join())
                            .orElse(List.of()), d.map(x -> desired.join().get(x.autoScalingGroupName()))));
                }
                return out;
            });
        });
    }
}
