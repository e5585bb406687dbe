package io.drainboard.fleet;

import io.drainboard.aws.RequestCounts;
import io.drainboard.aws.RequestScheduler;
import io.drainboard.calls.CallsReading;
import io.drainboard.calls.TaskAddress;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds a complete {@link FleetSnapshot} of every cluster of one or several profiles and regions at
 * once. All requests share one {@link RequestScheduler} (bounded in flight, list pages first, backoff on
 * throttling); each cluster is read as a pipeline ({@link ClusterReader}), and a cluster, service or
 * call source that fails is shown failing (with its last data, marked) while the rest stays visible.
 * Successive refreshes cost less than the first: task definitions are cached, settled tasks are re-read
 * on a rolling basis and stopped tasks never again ({@link RereadPolicy}), LiveKit rooms are asked
 * about once. Each snapshot carries its diff against the previous one.
 */
public final class FleetReader implements AutoCloseable {
    private final List<ReadTarget> targets;
    private final RequestScheduler requests;
    private final Clock clock;
    private final ReadSettings settings;
    private final ExecutorService callReads;
    private final Map<String, TaskMemory> memories = new ConcurrentHashMap<>();
    /** Per account and region: the cluster-resource-read requests the last refresh had to send there. */
    private final Map<String, Long> spent = new ConcurrentHashMap<>();
    private long sequence;
    private List<ClusterSnapshot> previousClusters = List.of();
    private Map<String, TaskCalls> previousCalls = Map.of();

    public FleetReader(List<ReadTarget> targets, RequestScheduler requests, Clock clock, ReadSettings settings) {
        if (targets.isEmpty()) throw new IllegalArgumentException("nothing to read: no profile targets");
        this.targets = List.copyOf(targets);
        this.requests = requests;
        this.clock = clock;
        this.settings = settings;
        this.callReads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fleet-calls");
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized FleetSnapshot read() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        long seq = ++sequence;
        RequestCounts before = requests.stats().counts();
        requests.stats().takePeakInFlight();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        Map<ReadTarget, CompletableFuture<CallsReading>> calls = new LinkedHashMap<>();
        for (ReadTarget t : targets) {
            if (!t.calls().perTask()) calls.put(t, guarded(CompletableFuture.supplyAsync(t.calls()::read, callReads), now));
        }
        Map<ReadTarget, List<CompletableFuture<RegionRead>>> ecs = new LinkedHashMap<>();
        for (ReadTarget t : targets) {
            List<CompletableFuture<RegionRead>> regions = new ArrayList<>();
            for (ReadTarget.Region r : t.regions()) {
                String key = t.profile() + "/" + r.account() + "/" + r.region();
                RereadBudget budget = new RereadBudget(settings, spent.getOrDefault(key, -1L));
                regions.add(readRegion(t.profile(), r, now, seq, budget).whenComplete((rr, e) -> {
                    if (rr != null && rr.failure().isEmpty()) spent.put(key, budget.spent());
                }));
            }
            ecs.put(t, regions);
        }
        Map<ReadTarget, List<RegionRead>> read = new LinkedHashMap<>();
        ecs.forEach((t, fs) -> read.put(t, fs.stream().map(CompletableFuture::join).toList()));
        for (ReadTarget t : targets) {
            if (t.calls().perTask()) {
                List<TaskAddress> tasks = addresses(read.get(t));
                calls.put(t, guarded(CompletableFuture.supplyAsync(() -> t.calls().read(tasks), callReads), now));
            }
        }

        Map<String, ClusterSnapshot> previousByArn = new HashMap<>();
        Map<String, ServiceSnapshot> previousServices = new HashMap<>();
        for (ClusterSnapshot c : previousClusters) {
            previousByArn.put(c.arn(), c);
            for (ServiceSnapshot s : c.services()) previousServices.put(s.arn(), s);
        }
        Map<String, TaskCalls> callsOut = new HashMap<>();
        ClusterAssembler assembler = new ClusterAssembler(settings, previousCalls, previousServices, callsOut);
        List<ClusterSnapshot> clusters = new ArrayList<>();
        CallsReading first = null;
        for (ReadTarget t : targets) {
            CallsReading reading = calls.get(t).join();
            if (first == null) first = reading;
            if (!reading.ok()) errors.add("Calls unknown (" + t.profile() + "): " + reading.error().orElse(""));
            for (RegionRead rr : read.get(t)) {
                rr.failure().ifPresent(errors::add);
                rr.missing().ifPresent(errors::add);
                for (ClusterRead cr : rr.clusters()) {
                    if (cr.error().isPresent()) {
                        errors.add("Cluster " + cr.name() + " (" + cr.region() + "): " + cr.error().get());
                        ClusterSnapshot last = previousByArn.get(cr.arn());
                        clusters.add(last == null
                                ? new ClusterSnapshot(cr.name(), cr.arn(), List.of(), cr.error(), cr.profile(), cr.region(), cr.readAt(),
                                List.of(), rr.account())
                                : new ClusterSnapshot(cr.name(), cr.arn(), last.services(), cr.error(), cr.profile(), cr.region(),
                                last.readAt(), last.instances(), rr.account()));
                        continue;
                    }
                    ClusterSnapshot c = assembler.assemble(cr, memories.get(cr.arn()), reading, now).inAccount(rr.account());
                    cr.problems().forEach(p -> errors.add("Cluster " + cr.name() + ": " + p));
                    c.services().forEach(s -> s.error().ifPresent(e -> errors.add("Service " + s.key() + ": " + e)));
                    clusters.add(c);
                }
                for (ClusterSnapshot stale : rr.notRead(previousByArn)) clusters.add(stale);
            }
        }
        if (first != null && first.unattributed() > 0) {
            warnings.add(first.unattributed() + " live calls are unattributed: their agent does not set the task attribute "
                    + "(ecs.task_arn by default), so no task shows them; add the worker snippet from docs/");
        }
        long unknownCalls = callsOut.values().stream().filter(c -> !c.known()).count();
        if (first != null && first.ok() && unknownCalls > 0) {
            warnings.add("calls unknown or stale on " + unknownCalls + " of " + callsOut.size() + " tasks");
        }
        RequestCounts cost = requests.stats().counts().since(before, requests.stats().takePeakInFlight());
        if (cost.throttled() > 0) {
            warnings.add("AWS throttled " + cost.throttled() + " of " + cost.sent() + " requests; the console backed off "
                    + String.format("%.1f", cost.backoff().toMillis() / 1000.0) + " s in all (data complete, refresh slower)");
        }
        if (read.values().stream().flatMap(List::stream).allMatch(rr -> rr.failure().isEmpty())) {
            memories.keySet().retainAll(clusters.stream().map(ClusterSnapshot::arn).toList()); // deleted clusters
        }
        FleetDiff diff = FleetDiff.between(seq - 1, previousClusters, seq, clusters);
        previousClusters = List.copyOf(clusters);
        previousCalls = callsOut; // this refresh's own map, never written again
        ReadTarget head = targets.get(0);
        return new FleetSnapshot(seq, head.profile(), head.regions().isEmpty() ? "" : head.regions().get(0).region(), now,
                Duration.ofNanos(System.nanoTime() - started), clusters, first == null ? CallsStatus.failed("none", now, "no call source read") : CallsStatus.of(first), errors, diff, cost, warnings);
    }

    /**
     * One region's clusters; {@code failure} says why they could not even be found (the clusters last
     * seen there are then shown, marked not read), {@code missing} names clusters the profile wants but
     * the region does not have.
     */
    private record RegionRead(String region, String account, List<ClusterRead> clusters, Optional<String> failure,
                              Optional<String> missing) {
        List<ClusterSnapshot> notRead(Map<String, ClusterSnapshot> previous) {
            if (failure.isEmpty()) return List.of();
            return previous.values().stream().filter(c -> c.region().equals(region) && c.account().equals(account))
                    .sorted(java.util.Comparator.comparing(ClusterSnapshot::name))
                    .map(c -> new ClusterSnapshot(c.name(), c.arn(), c.services(), failure, c.profile(), c.region(), c.readAt(),
                            c.instances(), c.account()))
                    .toList();
        }
    }

    private CompletableFuture<RegionRead> readRegion(String profile, ReadTarget.Region r, Instant now, long seq,
                                                     RereadBudget budget) {
        return ClusterDiscovery.find(r.ecs(), List.copyOf(new java.util.TreeSet<>(r.clusters()))).thenCompose(found -> {
            Optional<String> elsewhere = r.accountId().flatMap(id -> found.clusters().stream().map(ClusterDiscovery.Ref::arn)
                    .map(FleetReader::accountOf).filter(a -> !a.isEmpty() && !a.equals(id)).findFirst());
            if (elsewhere.isPresent()) {
                // The credentials reach another account than the profile says: nothing read through them may be shown
                // (or acted on) as this account's, whose read-only switch goes by the id.
                return CompletableFuture.failedFuture(new IllegalStateException("the credentials of account "
                        + r.account() + " reach account " + elsewhere.get() + ", not " + r.accountId().get()
                        + "; check that account's aws.profile (or its account id) in the profile"));
            }
            List<CompletableFuture<ClusterRead>> reads = new ArrayList<>();
            for (ClusterDiscovery.Ref c : found.clusters()) {
                TaskMemory memory = memories.computeIfAbsent(c.arn(), k -> new TaskMemory());
                reads.add(new ClusterReader(r.ecs(), memory, settings, profile, r.region(), c.name(), c.arn(), now, seq,
                        budget).read());
            }
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<ClusterRead> out = new ArrayList<>();
                for (CompletableFuture<ClusterRead> f : reads) out.add(f.join());
                Optional<String> missing = found.missing().isEmpty() ? Optional.empty()
                        : Optional.of("No cluster named " + String.join(", ", found.missing()) + " in "
                        + r.region() + " (" + profile + "); check the profile's clusters list");
                return new RegionRead(r.region(), r.account(), out, Optional.empty(), missing);
            });
        }).exceptionally(e -> new RegionRead(r.region(), r.account(), List.of(), Optional.of("Cannot list clusters in "
                + r.region() + " (" + (r.account().isEmpty() ? profile : profile + ", account " + r.account()) + "): "
                + Futures.explain(e)), Optional.empty()));
    }

    /** The account an ARN names ({@code arn:aws:ecs:<region>:<account>:…}); empty when it names none. */
    private static String accountOf(String arn) {
        String[] p = arn.split(":", 6);
        return p.length < 6 ? "" : p[4];
    }

    /** A call source that throws after all (it should not) gives a failed reading, not a failed refresh. */
    private static CompletableFuture<CallsReading> guarded(CompletableFuture<CallsReading> f, Instant now) {
        return f.exceptionally(e -> CallsReading.failed("calls", now, "call source failed: " + Futures.explain(e)));
    }

    /** The tasks a per-task call source should ask: service tasks whose worker may be running. */
    private static List<TaskAddress> addresses(List<RegionRead> regions) {
        List<TaskAddress> out = new ArrayList<>();
        for (RegionRead rr : regions) {
            for (ClusterRead cr : rr.clusters()) {
                Map<String, Task> byArn = new LinkedHashMap<>();
                for (KnownTask k : cr.running()) byArn.put(k.task().taskArn(), k.task());
                for (KnownTask k : cr.stopped()) byArn.putIfAbsent(k.task().taskArn(), k.task());
                for (Task t : byArn.values()) {
                    var service = TaskMapper.serviceOf(t);
                    if (service.isEmpty() || !ClusterAssembler.hasWorker(t)) continue;
                    String arn = t.taskArn();
                    out.add(new TaskAddress(arn, arn.substring(arn.lastIndexOf('/') + 1), cr.name(), service.get(),
                            TaskMapper.privateIp(t)));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        callReads.shutdownNow();
    }
}
