package io.drainboard.fleet;

import io.drainboard.aws.EcsGateway;
import io.drainboard.calls.ActiveCall;
import io.drainboard.calls.CallSource;
import io.drainboard.calls.CallsReading;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a complete {@link FleetSnapshot}: clusters, services, tasks, protection and calls per task.
 * Clusters are read in parallel on a bounded pool, and a cluster that fails is shown failing while the
 * rest of the fleet stays visible. Tasks are listed once per cluster (not per service): fewer requests,
 * and the task's {@code group} names its service.
 */
public final class FleetReader {
    private final EcsGateway ecs;
    private final CallSource calls;
    private final Clock clock;
    private final ExecutorService pool;
    private final String profile;
    private final String region;
    private final Set<String> clusterFilter;
    private final AtomicLong sequence = new AtomicLong();

    public FleetReader(EcsGateway ecs, CallSource calls, Clock clock, ExecutorService pool, String profile,
                       String region, Set<String> clusterFilter) {
        this.ecs = ecs;
        this.calls = calls;
        this.clock = clock;
        this.pool = pool;
        this.profile = profile;
        this.region = region;
        this.clusterFilter = Set.copyOf(clusterFilter);
    }

    public FleetSnapshot read() {
        long started = System.nanoTime();
        CompletableFuture<CallsReading> callsRead = CompletableFuture.supplyAsync(calls::read, pool);
        List<String> errors = new ArrayList<>();
        List<Cluster> clusters;
        try {
            clusters = ecs.describeClusters(ecs.listClusterArns());
        } catch (SdkException e) {
            errors.add("Cannot list clusters: " + AwsErrors.explain(e));
            clusters = List.of();
        }
        List<Cluster> wanted = clusters.stream()
                .filter(c -> clusterFilter.isEmpty() || clusterFilter.contains(c.clusterName()))
                .sorted(Comparator.comparing(Cluster::clusterName))
                .toList();
        List<CompletableFuture<ClusterRead>> reads = wanted.stream()
                .map(c -> CompletableFuture.supplyAsync(() -> readCluster(c), pool))
                .toList();
        CallsReading callsReading = callsRead.join();
        List<ClusterSnapshot> out = new ArrayList<>();
        for (CompletableFuture<ClusterRead> f : reads) {
            ClusterRead r = f.join();
            out.add(r.assemble(callsReading, clock.instant()));
            r.error.ifPresent(e -> errors.add("Cluster " + r.cluster.clusterName() + ": " + e));
        }
        if (!callsReading.ok()) errors.add("Calls unknown: " + callsReading.error().orElse(""));
        return new FleetSnapshot(sequence.incrementAndGet(), profile, region, clock.instant(),
                Duration.ofNanos(System.nanoTime() - started), out, callsReading, errors);
    }

    /** The ECS side of one cluster, joined with the calls reading once both are in. */
    private record ClusterRead(Cluster cluster, List<Service> services, List<Task> tasks,
                               Map<String, TaskDefinition> taskDefinitions, Map<String, ProtectedTask> protection,
                               boolean protectionKnown, Optional<String> error) {

        ClusterSnapshot assemble(CallsReading calls, Instant now) {
            Map<String, List<TaskSnapshot>> byService = new HashMap<>();
            for (Task t : tasks) {
                String service = t.group() != null && t.group().startsWith("service:") ? t.group().substring(8) : "";
                byService.computeIfAbsent(service, k -> new ArrayList<>())
                        .add(TaskMapper.task(t, cluster.clusterName(), service, taskDefinitions.get(t.taskDefinitionArn()),
                                protectionKnown ? TaskMapper.protection(protection.get(t.taskArn())) : Protection.UNKNOWN,
                                callsOn(calls, t.taskArn(), now)));
            }
            List<ServiceSnapshot> svc = new ArrayList<>();
            for (Service s : services) {
                List<TaskSnapshot> ts = byService.getOrDefault(s.serviceName(), List.of()).stream()
                        .sorted(Comparator.comparing(TaskSnapshot::id)).toList();
                svc.add(new ServiceSnapshot(cluster.clusterName(), s.serviceName(), s.serviceArn(),
                        s.launchTypeAsString(), s.desiredCount(), s.runningCount(), s.pendingCount(),
                        s.taskDefinition(), s.deployments().stream().map(ClusterRead::deployment).toList(), ts));
            }
            svc.sort(Comparator.comparing(ServiceSnapshot::name));
            return new ClusterSnapshot(cluster.clusterName(), cluster.clusterArn(), svc, error);
        }

        private static DeploymentSnapshot deployment(Deployment d) {
            return new DeploymentSnapshot(d.id(), d.status(), d.taskDefinition(), d.desiredCount(), d.runningCount(),
                    d.pendingCount(), d.rolloutStateAsString(), d.createdAt());
        }

        private static TaskCalls callsOn(CallsReading calls, String taskArn, Instant now) {
            if (!calls.ok()) return TaskCalls.unknown(calls.source(), calls.observedAt(), calls.error().orElse(""));
            List<ActiveCall> on = calls.callsOn(taskArn);
            Optional<Instant> oldest = on.stream().map(ActiveCall::startedAt).min(Comparator.naturalOrder());
            return new TaskCalls(true, on.size(), oldest, calls.source(), calls.observedAt(), Optional.empty());
        }
    }

    private ClusterRead readCluster(Cluster c) {
        String name = c.clusterName();
        try {
            List<Service> services = ecs.describeServices(name, ecs.listServiceArns(name));
            List<String> taskArns = ecs.listTaskArns(name);
            List<Task> tasks = ecs.describeTasks(name, taskArns);
            Map<String, TaskDefinition> tds = new LinkedHashMap<>();
            for (Task t : tasks) tds.computeIfAbsent(t.taskDefinitionArn(), ecs::taskDefinition);
            for (Service s : services) tds.computeIfAbsent(s.taskDefinition(), ecs::taskDefinition);
            Map<String, ProtectedTask> protection = new HashMap<>();
            boolean protectionKnown = true;
            try {
                List<String> serviceTasks = tasks.stream()
                        .filter(t -> t.group() != null && t.group().startsWith("service:"))
                        .map(Task::taskArn).toList();
                for (ProtectedTask p : ecs.taskProtection(name, serviceTasks)) protection.put(p.taskArn(), p);
            } catch (SdkException e) {
                protectionKnown = false; // shown as unknown, never as "off"
            }
            return new ClusterRead(c, services, tasks, tds, protection, protectionKnown, Optional.empty());
        } catch (SdkException e) {
            return new ClusterRead(c, List.of(), List.of(), Map.of(), Map.of(), false,
                    Optional.of(AwsErrors.explain(e)));
        }
    }

    /** Used by the mapper: the container stopTimeouts of a task definition, null where unset. */
    static List<Integer> stopTimeouts(TaskDefinition td) {
        List<Integer> out = new ArrayList<>();
        if (td != null) for (ContainerDefinition c : td.containerDefinitions()) out.add(c.stopTimeout());
        return out;
    }
}
