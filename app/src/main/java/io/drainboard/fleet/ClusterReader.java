package io.drainboard.fleet;

import io.drainboard.aws.EcsGateway;
import io.drainboard.aws.EcsReads;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionResponse;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads one cluster as a pipeline of requests on the shared scheduler: the three lists (services, tasks
 * desired RUNNING, tasks desired STOPPED) walk their pages, and each page's describes go out as soon as
 * a batch is full, while the next page is being fetched. Only tasks the {@link RereadPolicy} picks are
 * described; protection is read for every live task. Nothing here blocks a scheduler thread.
 */
final class ClusterReader {
    private final EcsReads ecs;
    private final TaskMemory memory;
    private final ReadSettings settings;
    private final String profile;
    private final String region;
    private final String name;
    private final String arn;
    private final Instant now;
    private final long refresh;
    private final RereadBudget budget;

    private final List<Service> services = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> serviceErrors = new ConcurrentHashMap<>();
    private final Map<String, KnownTask> running = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, KnownTask> stopped = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, ProtectedTask> protection = new ConcurrentHashMap<>();
    private final Set<String> protectionLost = ConcurrentHashMap.newKeySet();
    private final Map<String, TaskDefinition> taskDefinitions = new ConcurrentHashMap<>();
    private final List<CompletableFuture<?>> taskDefinitionReads = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    /** Listed tasks that could be neither described nor shown from an earlier read: the task lists are incomplete. */
    private final java.util.concurrent.atomic.AtomicInteger tasksNotShown = new java.util.concurrent.atomic.AtomicInteger();

    ClusterReader(EcsReads ecs, TaskMemory memory, ReadSettings settings, String profile, String region, String name,
                  String arn, Instant now, long refresh, RereadBudget budget) {
        this.ecs = ecs;
        this.memory = memory;
        this.settings = settings;
        this.profile = profile;
        this.region = region;
        this.name = name;
        this.arn = arn;
        this.now = now;
        this.refresh = refresh;
        this.budget = budget;
    }

    CompletableFuture<ClusterRead> read() {
        CompletableFuture<List<String>> serviceArns = new CompletableFuture<>();
        CompletableFuture<Void> s = readServices(serviceArns);
        CompletableFuture<Void> r = readRunning(serviceArns);
        TaskListing stopping = new TaskListing(DesiredStatus.STOPPED, stopped);
        CompletableFuture<Void> st = stopping.finish(stopping.walkCluster());
        CompletableFuture<List<InstanceRead>> in = r.thenCompose(v -> readInstances());
        return CompletableFuture.allOf(s, r, st, in)
                .thenCompose(v -> Futures.allOfGrowing(taskDefinitionReads))
                .handle((v, e) -> {
                    if (e != null) return ClusterRead.failed(profile, region, name, arn, now, Futures.explain(e));
                    List<KnownTask> live, gone;
                    Set<String> listed;
                    synchronized (running) {
                        synchronized (stopped) {
                            live = List.copyOf(running.values());
                            gone = List.copyOf(stopped.values());
                            listed = new HashSet<>(running.keySet());
                            listed.addAll(stopped.keySet());
                        }
                    }
                    memory.keepOnly(listed);
                    memory.listed(TaskMemory.Listing.of(live));
                    List<Service> svc;
                    synchronized (services) {
                        svc = List.copyOf(services);
                    }
                    return new ClusterRead(profile, region, name, arn, now, svc, Map.copyOf(serviceErrors),
                            live, gone, Map.copyOf(protection),
                            Set.copyOf(protectionLost), Map.copyOf(taskDefinitions), Futures.copy(problems), Optional.empty(),
                            in.join(), tasksNotShown.get());
                });
    }

    // ------------------------------------------------------------------ container instances

    /** Only a cluster running EC2 tasks is asked for its instances: Fargate-only clusters cost nothing more. */
    private CompletableFuture<List<InstanceRead>> readInstances() {
        if (ecs.instances().isEmpty()) return CompletableFuture.completedFuture(List.of());
        boolean ec2;
        synchronized (running) {
            ec2 = running.values().stream().anyMatch(k -> k != null && k.task().containerInstanceArn() != null);
        }
        if (!ec2) return CompletableFuture.completedFuture(List.of());
        return new InstancesReader(ecs.instances().get(), name, problems).read();
    }

    // ------------------------------------------------------------------ services

    /** @param listed completed with every service ARN once ListServices' pages are in (or with its failure) */
    private CompletableFuture<Void> readServices(CompletableFuture<List<String>> listed) {
        Batcher describe = new Batcher(EcsGateway.DESCRIBE_SERVICES_BATCH,
                batch -> ecs.describeServices(name, batch).handle((resp, e) -> described(batch, resp, e)));
        List<String> arns = Collections.synchronizedList(new ArrayList<>());
        return Futures.walk(token -> ecs.listServices(name, token), page -> {
                    arns.addAll(page);
                    page.forEach(describe::add);
                })
                .whenComplete((v, e) -> {
                    if (e != null) listed.completeExceptionally(e);
                    else listed.complete(Futures.copy(arns));
                })
                .thenCompose(v -> describe.finish());
    }

    private Void described(List<String> batch, DescribeServicesResponse resp, Throwable e) {
        if (e != null) {
            String why = Futures.explain(e);
            for (String a : batch) serviceErrors.put(a, "DescribeServices failed: " + why);
            return null;
        }
        for (Service svc : resp.services()) {
            services.add(svc);
            taskDefinition(svc.taskDefinition());
        }
        for (Failure f : resp.failures()) serviceErrors.put(f.arn(), "DescribeServices: " + f.reason()
                + (f.detail() == null ? "" : " (" + f.detail() + ")"));
        return null;
    }

    // ------------------------------------------------------------------ tasks

    /**
     * The tasks desired RUNNING: listed per cluster (the first refresh, or when that is fewer pages), or per
     * service, all services at once, when the last refresh's counts say that costs no more pages. A cluster's
     * pages follow one another (each needs the last one's token), so 2,000 tasks in one list are a chain of 20
     * requests; 20 services of 100 are 20 lists of one page side by side. Tasks outside a service (RunTask) are
     * not part of the fleet view (ClusterAssembler), so listing per service loses nothing shown. A service
     * list that fails (a service deleted since ListServices) falls back to the cluster's list.
     */
    private CompletableFuture<Void> readRunning(CompletableFuture<List<String>> serviceArns) {
        TaskListing listing = new TaskListing(DesiredStatus.RUNNING, running);
        Optional<TaskMemory.Listing> last = memory.lastListing();
        CompletableFuture<Void> walked = last.isEmpty() ? listing.walkCluster()
                : serviceArns.handle((arns, e) -> e == null && ListingPlan.perService(last.get(), ListingPlan.names(arns))
                        ? arns : null)
                .thenCompose(arns -> arns == null ? listing.walkCluster()
                        : listing.walkServices(ListingPlan.names(arns)).exceptionallyCompose(e -> listing.walkCluster()));
        return listing.finish(walked);
    }

    /** One list (desired RUNNING or STOPPED) and the describes and protection reads its pages feed. */
    private final class TaskListing {
        private final DesiredStatus desired;
        private final Map<String, KnownTask> into;
        private final Batcher describe;
        private final Batcher protect;
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        /** Settled tasks this list may still re-read: a batch at a time from the refresh's {@link RereadBudget}. */
        private int rereads;

        TaskListing(DesiredStatus desired, Map<String, KnownTask> into) {
            this.desired = desired;
            this.into = into;
            this.describe = new Batcher(EcsGateway.DESCRIBE_TASKS_BATCH,
                    batch -> ecs.describeTasks(name, batch).handle((resp, e) -> described(batch, resp, e, into)));
            this.protect = desired == DesiredStatus.RUNNING ? new Batcher(EcsGateway.TASK_PROTECTION_BATCH,
                    batch -> ecs.taskProtection(name, batch).handle((resp, e) -> protected_(batch, resp, e))) : null;
        }

        CompletableFuture<Void> walkCluster() {
            return Futures.walk(token -> ecs.listTasks(name, desired, token), this::listed);
        }

        CompletableFuture<Void> walkServices(List<String> services) {
            List<CompletableFuture<Void>> walks = new ArrayList<>();
            for (String service : services) {
                walks.add(Futures.walk(token -> ecs.listServiceTasks(name, service, desired, token), this::listed));
            }
            return CompletableFuture.allOf(walks.toArray(CompletableFuture[]::new));
        }

        private void listed(List<String> arns) {
            budget.listed();
            page(arns);
        }

        private synchronized boolean reread(KnownTask k) {
            if (!budget.mayReread(k.describedAt())) {
                budget.defer();
                return false;
            }
            if (rereads == 0 && budget.takeBatch()) rereads = EcsGateway.DESCRIBE_TASKS_BATCH;
            if (rereads == 0) {
                budget.defer();
                return false;
            }
            rereads--;
            return true;
        }

        /** Each task once, however many lists name it (a fallback walk after a partial per-service one). */
        private void page(List<String> arns) {
            for (String a : arns) {
                if (!seen.add(a)) continue;
                KnownTask k = memory.get(a);
                Optional<TaskDefinition> td = k == null ? Optional.empty()
                        : ecs.gateway().cachedTaskDefinition(k.task().taskDefinitionArn());
                RereadPolicy.Need need = RereadPolicy.need(k, desired, now, refresh, settings, td);
                if (need == RereadPolicy.Need.MUST) budget.mustDescribe();
                if (need == RereadPolicy.Need.MUST || need == RereadPolicy.Need.DUE && reread(k)) {
                    into.put(a, null); // keeps list order; filled when described
                    describe.add(a);
                } else {
                    into.put(a, k);
                    taskDefinition(k.task().taskDefinitionArn());
                }
                if (protect != null) protect.add(a);
            }
        }

        CompletableFuture<Void> finish(CompletableFuture<Void> walked) {
            return walked.thenCompose(v -> protect == null ? describe.finish()
                            : CompletableFuture.allOf(describe.finish(), protect.finish()))
                    .thenRun(() -> {
                        synchronized (into) {
                            into.values().removeIf(java.util.Objects::isNull);
                        }
                    });
        }
    }

    private Void described(List<String> batch, DescribeTasksResponse resp, Throwable e, Map<String, KnownTask> into) {
        if (e != null) {
            // Shown from the last read when there is one; otherwise the task cannot be placed in a service.
            int lost = 0;
            for (String a : batch) {
                KnownTask old = memory.get(a);
                if (old != null) into.put(a, old);
                else lost++;
            }
            tasksNotShown.addAndGet(lost);
            problems.add("DescribeTasks failed for " + batch.size() + " tasks" + (lost > 0 ? " (" + lost
                    + " not shown)" : " (shown as last read)") + ": " + Futures.explain(e));
            return null;
        }
        for (Task t : resp.tasks()) {
            KnownTask k = new KnownTask(t, now, refresh);
            memory.described(k);
            into.put(t.taskArn(), k);
            taskDefinition(t.taskDefinitionArn());
        }
        return null; // failures: MISSING tasks are gone; the next listing will not name them
    }

    private Void protected_(List<String> batch, GetTaskProtectionResponse resp, Throwable e) {
        if (e != null) {
            protectionLost.addAll(batch);
            problems.add("protection unknown for " + batch.size() + " tasks: " + Futures.explain(e));
            return null;
        }
        for (ProtectedTask p : resp.protectedTasks()) protection.put(p.taskArn(), p);
        for (Failure f : resp.failures()) protectionLost.add(f.arn());
        return null;
    }

    private void taskDefinition(String tdArn) {
        if (tdArn == null || taskDefinitions.containsKey(tdArn)) return;
        Optional<TaskDefinition> cached = ecs.gateway().cachedTaskDefinition(tdArn);
        if (cached.isPresent()) {
            taskDefinitions.put(tdArn, cached.get());
            return;
        }
        taskDefinitionReads.add(ecs.taskDefinition(tdArn).handle((td, e) -> {
            if (td != null) taskDefinitions.put(tdArn, td);
            else problems.add("task definition " + tdArn.substring(tdArn.lastIndexOf('/') + 1)
                    + " unreadable (stopTimeout shown as ECS default): " + Futures.explain(e));
            return null;
        }));
    }
}
