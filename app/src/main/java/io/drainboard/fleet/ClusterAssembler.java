package io.drainboard.fleet;

import io.drainboard.calls.CallsReading;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Joins one cluster's ECS read with the calls reading into a {@link ClusterSnapshot}: tasks grouped
 * under their service (a task's {@code group} names it), live and stopping tasks in {@code tasks}, stopped
 * ones in {@code recentlyStopped}, each with protection, calls, stopTimeout and kill clock.
 */
final class ClusterAssembler {
    private final ReadSettings settings;
    private final Map<String, TaskCalls> previousCalls;
    private final Map<String, ServiceSnapshot> previousServices;
    private final Map<String, TaskCalls> callsOut;

    /**
     * @param callsOut receives every task's calls, for the next refresh's stale answers
     */
    ClusterAssembler(ReadSettings settings, Map<String, TaskCalls> previousCalls,
                     Map<String, ServiceSnapshot> previousServices, Map<String, TaskCalls> callsOut) {
        this.settings = settings;
        this.previousCalls = previousCalls;
        this.previousServices = previousServices;
        this.callsOut = callsOut;
    }

    ClusterSnapshot assemble(ClusterRead r, TaskMemory memory, CallsReading calls, Instant now) {
        Map<String, KnownTask> byArn = new LinkedHashMap<>();
        for (KnownTask k : r.running()) byArn.put(k.task().taskArn(), k);
        for (KnownTask k : r.stopped()) byArn.merge(k.task().taskArn(), k,
                (a, b) -> a.describedAt().isAfter(b.describedAt()) ? a : b);
        Map<String, Service> services = new LinkedHashMap<>();
        for (Service s : r.services()) services.put(s.serviceName(), s);
        Map<String, Boolean> loadBalanced = new HashMap<>();
        services.values().forEach(s -> loadBalanced.put(s.serviceName(), !s.loadBalancers().isEmpty()));

        Map<String, List<TaskSnapshot>> live = new HashMap<>(), stopped = new HashMap<>();
        for (KnownTask k : byArn.values()) {
            Task t = k.task();
            Optional<String> service = TaskMapper.serviceOf(t);
            if (service.isEmpty()) continue; // standalone tasks (RunTask) are not part of the fleet view
            String lt = TaskMapper.launchType(t);
            StopTimeout st = TaskMapper.stopTimeout(lt, r.taskDefinitions().get(t.taskDefinitionArn()));
            // Protection is read for live tasks only; for a task already stopping it no longer matters (OFF).
            Protection p = r.protectionLost().contains(t.taskArn()) ? Protection.UNKNOWN
                    : TaskMapper.protection(r.protection().get(t.taskArn()));
            boolean done = "STOPPED".equals(t.lastStatus());
            TaskCalls c = CallsJoin.of(t.taskArn(), calls, previousCalls.get(t.taskArn()), hasWorker(t));
            callsOut.put(t.taskArn(), c);
            Optional<KillClock> kill = KillClocks.of(t.lastStatus(), t.desiredStatus(), t.stoppingAt(), st,
                    loadBalanced.getOrDefault(service.get(), false), memory.firstSeenStopping(t.taskArn()),
                    settings.deregistrationDelay(), now);
            TaskSnapshot ts = task(memory, k, r.name(), service.get(), st, p, c, kill);
            (done ? stopped : live).computeIfAbsent(service.get(), x -> new ArrayList<>()).add(ts);
        }

        List<ServiceSnapshot> out = new ArrayList<>();
        Set<String> named = new java.util.HashSet<>();
        for (Service s : services.values()) {
            named.add(s.serviceName());
            out.add(ServiceMapper.service(s, r.name(), r.taskDefinitions().get(s.taskDefinition()),
                    sorted(live.get(s.serviceName())), newestStopped(stopped.get(s.serviceName()))));
        }
        for (Map.Entry<String, String> e : r.serviceErrors().entrySet()) {
            String name = ServiceMapper.nameOf(e.getKey());
            if (!named.add(name)) continue;
            out.add(ServiceMapper.failed(e.getKey(), r.name(), previousServices.get(e.getKey()), sorted(live.get(name)),
                    newestStopped(stopped.get(name)), e.getValue()));
        }
        if (r.tasksNotShown() > 0) {
            // A task missing from this read may be running: nothing may conclude from its absence (a drain
            // taking it for stopped would leave it unprotected with calls), so every service says so.
            String why = "task list incomplete: " + r.tasksNotShown() + " task(s) of the cluster could not be described";
            out.replaceAll(s -> s.error().isPresent() ? s : s.withError(why));
        }
        out.sort(Comparator.comparing(ServiceSnapshot::name));
        return new ClusterSnapshot(r.name(), r.arn(), out, r.error(), r.profile(), r.region(), r.readAt(),
                InstanceMapper.instances(r, out));
    }

    /**
     * The task's snapshot: the last one built from the same description with this refresh's calls when nothing else
     * it shows changed (most tasks at most refreshes), else mapped anew from ECS's data.
     */
    private static TaskSnapshot task(TaskMemory memory, KnownTask k, String cluster, String service, StopTimeout st,
                                     Protection p, TaskCalls c, Optional<KillClock> kill) {
        TaskSnapshot last = memory == null ? null : memory.lastBuilt(k);
        if (last != null && last.serviceName().equals(service) && last.clusterName().equals(cluster)
                && last.stopTimeout().equals(st) && last.protection().equals(p) && last.kill().equals(kill)) {
            return last.calls().equals(c) ? last : last.withCalls(c);
        }
        TaskSnapshot ts = TaskMapper.task(k.task(), cluster, service, st, p, c, kill, k.describedAt());
        if (memory != null) memory.built(k, ts);
        return ts;
    }

    /** A worker process can be running (and holding calls) only between RUNNING and STOPPING. */
    static boolean hasWorker(Task t) {
        String s = t.lastStatus();
        return "RUNNING".equals(s) || "DEACTIVATING".equals(s) || "STOPPING".equals(s);
    }

    private static final Comparator<TaskSnapshot> BY_ID = (a, b) -> a.id().compareTo(b.id());

    private static List<TaskSnapshot> sorted(List<TaskSnapshot> tasks) {
        if (tasks == null) return List.of();
        tasks.sort(BY_ID);
        return tasks;
    }

    private List<TaskSnapshot> newestStopped(List<TaskSnapshot> tasks) {
        if (tasks == null) return List.of();
        return tasks.stream()
                .sorted(Comparator.comparing((TaskSnapshot t) -> t.stoppedAt().orElse(Instant.MAX)).reversed()
                        .thenComparing(TaskSnapshot::id))
                .limit(settings.stoppedTasksPerService()).toList();
    }
}
