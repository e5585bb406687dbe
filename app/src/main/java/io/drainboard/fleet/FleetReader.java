package io.drainboard.fleet;

import io.drainboard.aws.RequestCounts;
import io.drainboard.aws.RequestScheduler;
import io.drainboard.calls.CallsReading;
import io.drainboard.calls.TaskAddress;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
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
    /** A refresh has ended: partial snapshots are handed out only before the first one. */
    private boolean completedOnce;
    /** The partial snapshots of the first read under way, if any. */
    private volatile Progress showing;
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

    public FleetSnapshot read() {
        return read(null);
    }

    /**
     * One refresh. Until one has completed, {@code progress} (when given) is handed partial snapshots on this thread
     * as clusters come in ({@link FleetSnapshot#partial()}: the clusters read so far, their calls unknown until the
     * call source has answered), so a window can show the first cluster while the rest loads; later refreshes are
     * quick enough to show whole.
     */
    public FleetSnapshot read(Consumer<FleetSnapshot> progress) {
        return read(progress, null);
    }

    /**
     * As {@link #read(Consumer)}; {@code onScreen} (when given: a window shows the partial snapshots) completes once the
     * partial snapshot handed out last is shown. The first cluster (in the tree's order) is then read ahead of the
     * others, which start once it is on screen (at most {@link Progress#LEAD_READ_AT_MOST},
     * {@link Progress#LEAD_SHOWN_AT_MOST}); without it all are read side by side.
     */
    public synchronized FleetSnapshot read(Consumer<FleetSnapshot> progress,
                                           java.util.function.Supplier<? extends java.util.concurrent.CompletionStage<?>> onScreen) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        long seq = ++sequence;
        Progress shown = progress != null && !completedOnce ? new Progress(seq, now, started, progress,
                onScreen == null ? () -> CompletableFuture.completedFuture(null) : onScreen) : null;
        Progress leading = onScreen == null ? null : shown; // the first cluster is read first only for a window
        showing = shown;
        RequestCounts before = requests.stats().counts();
        requests.stats().takePeakInFlight();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        Map<ReadTarget, CompletableFuture<CallsReading>> calls = new LinkedHashMap<>();
        for (ReadTarget t : targets) {
            // A first read shown cluster by cluster asks for calls after the first cluster is on screen: its partial
            // snapshots show calls unknown anyway, and the call source's requests (a LiveKit room each, the first time)
            // took the CPU and the scheduler's slots from that cluster's read.
            if (!t.calls().perTask()) calls.put(t, guarded(leading == null
                    ? CompletableFuture.supplyAsync(t.calls()::read, callReads)
                    : leading.afterLead().thenApplyAsync(v -> t.calls().read(), callReads), now));
        }
        Map<ReadTarget, List<CompletableFuture<RegionRead>>> ecs = new LinkedHashMap<>();
        ReadTarget.Region leadRegion = targets.stream().flatMap(t -> t.regions().stream()).findFirst().orElse(null);
        if (shown != null && (leading == null || leadRegion == null)) shown.lead(null);
        for (ReadTarget t : targets) {
            List<CompletableFuture<RegionRead>> regions = new ArrayList<>();
            for (ReadTarget.Region r : t.regions()) {
                String key = t.profile() + "/" + r.account() + "/" + r.region();
                RereadBudget budget = new RereadBudget(settings, spent.getOrDefault(key, -1L));
                boolean leads = leading != null && r == leadRegion;
                regions.add(readRegion(t, r, now, seq, budget, shown, leads).whenComplete((rr, e) -> {
                    if (rr != null && rr.failure().isEmpty()) spent.put(key, budget.spent());
                }));
            }
            ecs.put(t, regions);
        }
        if (shown != null) shown.follow(calls, ecs);
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
                    clusters.add(cluster(cr, rr.account(), assembler, reading, now, previousByArn, errors));
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
        completedOnce = true;
        showing = null;
        FleetDiff diff = FleetDiff.between(seq - 1, previousClusters, seq, clusters);
        previousClusters = List.copyOf(clusters);
        previousCalls = callsOut; // this refresh's own map, never written again
        ReadTarget head = targets.get(0);
        return new FleetSnapshot(seq, head.profile(), head.regions().isEmpty() ? "" : head.regions().get(0).region(), now,
                Duration.ofNanos(System.nanoTime() - started), clusters, first == null ? CallsStatus.failed("none", now, "no call source read") : CallsStatus.of(first), errors, diff, cost, warnings);
    }

    /**
     * A listener joined while a first read goes on: the reading thread hands out what it has read so far again, and the
     * other clusters wait for that to be on screen too.
     */
    public void showAgain() {
        Progress p = showing;
        if (p != null) p.again();
    }

    /** How long a first read's other clusters wait at most for the first one to be on screen once it is handed out. */
    static Duration leadShownAtMost() {
        return Progress.LEAD_SHOWN_AT_MOST;
    }

    /** One cluster as read: assembled with the calls, or (when it could not be read) its last read, marked. */
    private ClusterSnapshot cluster(ClusterRead cr, String account, ClusterAssembler assembler, CallsReading reading,
                                    Instant now, Map<String, ClusterSnapshot> previousByArn, List<String> errors) {
        if (cr.error().isPresent()) {
            errors.add("Cluster " + cr.name() + " (" + cr.region() + "): " + cr.error().get());
            ClusterSnapshot last = previousByArn.get(cr.arn());
            return last == null
                    ? new ClusterSnapshot(cr.name(), cr.arn(), List.of(), cr.error(), cr.profile(), cr.region(), cr.readAt(),
                    List.of(), account)
                    : new ClusterSnapshot(cr.name(), cr.arn(), last.services(), cr.error(), cr.profile(), cr.region(),
                    last.readAt(), last.instances(), account);
        }
        ClusterSnapshot c = assembler.assemble(cr, memories.get(cr.arn()), reading, now).inAccount(account);
        cr.problems().forEach(p -> errors.add("Cluster " + cr.name() + ": " + p));
        c.services().forEach(s -> s.error().ifPresent(e -> errors.add("Service " + s.key() + ": " + e)));
        return c;
    }

    /**
     * The partial snapshots of a first read: clusters are queued as their reads end (on the scheduler's threads,
     * which must not wait) and assembled here, on the reading thread; what arrives together is handed out as one
     * snapshot, at most one every {@link #GAP} after the first, so 24 clusters do not cost 24 digests of a window.
     */
    private final class Progress {
        private static final long GAP = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(250);
        /**
         * The first cluster in the window's tree order (the first region's first by name) is read alone, ahead of the
         * rest, and handed out as soon as it is in; the other clusters' reads start once it is on screen. Read side
         * by side, ten clusters' cold reads ended together, and then competed with the first rows' layout for the
         * CPU (docs/benchmarks.md, "The first fleet, shown as it loads"). The others wait at most {@code
         * LEAD_READ_AT_MOST} from the read's start for the first cluster to be read, then at most {@code
         * LEAD_SHOWN_AT_MOST} for it to be on screen.
         */
        static final Duration LEAD_READ_AT_MOST = Duration.ofSeconds(5);
        static final Duration LEAD_SHOWN_AT_MOST = Duration.ofSeconds(2);
        /** Completes once the lead cluster is on screen (or cannot be): the other clusters' reads wait for it. */
        private final CompletableFuture<Void> leadShown = new CompletableFuture<>();
        private volatile boolean leadIn;
        private volatile String leadArn;
        private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        private final Object end = new Object();
        private final Object again = new Object();
        private final long seq;
        private final Instant now;
        private final long started;
        private final Consumer<FleetSnapshot> out;
        private final java.util.function.Supplier<? extends java.util.concurrent.CompletionStage<?>> onScreen;
        private final List<ClusterSnapshot> clusters = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();
        private final java.util.concurrent.atomic.AtomicInteger found = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger listed = new java.util.concurrent.atomic.AtomicInteger();
        private final int regions = targets.stream().mapToInt(t -> t.regions().size()).sum();

        private record Read(ReadTarget target, String account, ClusterRead cluster) {
        }

        Progress(long seq, Instant now, long started, Consumer<FleetSnapshot> out,
                 java.util.function.Supplier<? extends java.util.concurrent.CompletionStage<?>> onScreen) {
            this.seq = seq;
            this.now = now;
            this.started = started;
            this.out = out;
            this.onScreen = onScreen;
            CompletableFuture.delayedExecutor(LEAD_READ_AT_MOST.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .execute(() -> {
                        if (!leadIn) leadShown.complete(null);
                    });
        }

        /** A region's clusters are known (or it failed to list them: then it has none to wait for). */
        void listed(int clusters) {
            found.addAndGet(clusters);
            listed.incrementAndGet();
            arrived.add(this);
        }

        void read(ReadTarget t, String account, ClusterRead cr) {
            arrived.add(new Read(t, account, cr));
        }

        /** Hands out what was read so far once more (for a listener that joined). */
        void again() {
            arrived.add(again);
        }

        /** Hands out partial snapshots until every region's read has ended. */
        void follow(Map<ReadTarget, CompletableFuture<CallsReading>> calls,
                    Map<ReadTarget, List<CompletableFuture<RegionRead>>> ecs) {
            CompletableFuture.allOf(ecs.values().stream().flatMap(List::stream).toArray(CompletableFuture[]::new))
                    .whenComplete((v, e) -> arrived.add(end));
            Map<String, TaskCalls> ignored = new HashMap<>();
            long last = 0;
            boolean pending = false;
            try {
                while (true) {
                    long wait = pending ? Math.max(0, last + GAP - System.nanoTime()) : Long.MAX_VALUE;
                    Object a = pending ? arrived.poll(wait, java.util.concurrent.TimeUnit.NANOSECONDS) : arrived.take();
                    if (a == end) return;
                    if (a instanceof Read r) {
                        CompletableFuture<CallsReading> f = calls.get(r.target());
                        CallsReading reading = f != null && f.isDone() ? f.join()
                                : CallsReading.failed("calls", now, "calls are still being read");
                        ClusterAssembler assembler = new ClusterAssembler(settings, Map.of(), Map.of(), ignored);
                        clusters.add(cluster(r.cluster(), r.account(), assembler, reading, now, Map.of(), errors));
                    }
                    pending = pending || a != null;
                    boolean lead = a instanceof Read r && r.cluster().arn().equals(leadArn);
                    boolean shownAgain = a == again && leadIn && !leadShown.isDone();
                    if (pending && (lead || shownAgain || arrived.isEmpty() && (last == 0 || System.nanoTime() - last >= GAP))) {
                        last = System.nanoTime();
                        pending = false;
                        handOut();
                    }
                    // The other clusters' reads start once the window has laid the first one's rows out (a window that
                    // joins later is handed them again, and waited for in turn).
                    if (lead) {
                        leadIn = true;
                        CompletableFuture.delayedExecutor(LEAD_SHOWN_AT_MOST.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                                .execute(() -> leadShown.complete(null));
                    }
                    if (lead || shownAgain) onScreen.get().whenComplete((v, e) -> leadShown.complete(null));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // A view's or an assembly's failure ends the showing, never the read: the whole snapshot still comes.
            } finally {
                leadShown.complete(null);
            }
        }

        /** The lead region's clusters are known: the first of them is read first ({@code null}: it has none). */
        void lead(String arn) {
            leadArn = arn;
            if (arn == null) leadShown.complete(null);
        }

        /** Completes once the lead cluster is on screen, or the others may wait no longer. */
        CompletableFuture<Void> afterLead() {
            return leadShown;
        }

        /** A cluster other than the lead: read once the lead is shown. */
        CompletableFuture<ClusterRead> after(java.util.function.Supplier<CompletableFuture<ClusterRead>> read) {
            return leadShown.thenCompose(v -> read.get());
        }

        private void handOut() {
            if (clusters.isEmpty()) return; // nothing to show yet: the window keeps saying it is reading
            ReadTarget head = targets.get(0);
            CallsStatus calls = CallsStatus.failed("calls", now, "calls are still being read");
            out.accept(new FleetSnapshot(seq, head.profile(), head.regions().isEmpty() ? "" : head.regions().get(0).region(),
                    now, Duration.ofNanos(System.nanoTime() - started), clusters, calls, errors,
                    FleetDiff.between(0, List.of(), seq, clusters), RequestCounts.NONE, List.of(),
                    new ReadProgress(clusters.size(), found.get(), listed.get(), regions)));
        }
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

    /**
     * @param leads the region whose first cluster a first read shows first ({@link Progress#LEAD_READ_AT_MOST}); with
     *              {@code shown}, every other cluster's read waits for that one's
     */
    private CompletableFuture<RegionRead> readRegion(ReadTarget target, ReadTarget.Region r, Instant now, long seq,
                                                     RereadBudget budget, Progress shown, boolean leads) {
        String profile = target.profile();
        CompletableFuture<RegionRead> read = ClusterDiscovery.find(r.ecs(), List.copyOf(new java.util.TreeSet<>(r.clusters()))).thenCompose(found -> {
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
            if (shown != null) shown.listed(found.clusters().size());
            if (leads) shown.lead(found.clusters().isEmpty() ? null : found.clusters().get(0).arn());
            List<Instant> due = new ArrayList<>();
            if (budget.limited()) for (ClusterDiscovery.Ref c : found.clusters()) {
                for (KnownTask k : memories.computeIfAbsent(c.arn(), x -> new TaskMemory()).known()) {
                    if (RereadPolicy.need(k, DesiredStatus.RUNNING, now, seq, settings, r.ecs().gateway()
                            .cachedTaskDefinition(k.task().taskDefinitionArn())) == RereadPolicy.Need.DUE) due.add(k.describedAt());
                }
            }
            budget.oldestFirst(due);
            for (ClusterDiscovery.Ref c : found.clusters()) {
                TaskMemory memory = memories.computeIfAbsent(c.arn(), k -> new TaskMemory());
                boolean first = leads && c == found.clusters().get(0);
                java.util.function.Supplier<CompletableFuture<ClusterRead>> reader = () -> new ClusterReader(
                        first ? r.ecs().ahead() : r.ecs(), memory, settings, profile, r.region(), c.name(), c.arn(), now, seq,
                        budget).read();
                CompletableFuture<ClusterRead> one = shown == null || first ? reader.get() : shown.after(reader);
                if (shown != null) one = one.whenComplete((cr, e) -> {
                    if (cr != null) shown.read(target, r.account(), cr);
                });
                reads.add(one);
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
        if (shown != null) read = read.whenComplete((rr, e) -> {
            if (rr == null || rr.failure().isPresent()) {
                shown.listed(0); // never listed: nothing more to wait for there
                if (leads) shown.lead(null);
            }
        });
        return read;
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
