package io.drainboard;

import io.drainboard.audit.AuditLog;
import io.drainboard.audit.DataDirectory;
import io.drainboard.aws.AwsClients;
import io.drainboard.aws.InstanceGateway;
import io.drainboard.aws.InstanceReads;
import io.drainboard.drain.CapacityActions;
import io.drainboard.drain.EngineThreads;
import io.drainboard.drain.FleetActions;
import io.drainboard.aws.InstanceMutations;
import io.drainboard.aws.AwsTarget;
import io.drainboard.aws.Backoff;
import io.drainboard.aws.EcsGateway;
import io.drainboard.aws.EcsReads;
import io.drainboard.aws.RequestScheduler;
import io.drainboard.calls.CallSource;
import io.drainboard.calls.CallsReading;
import io.drainboard.calls.CloudWatchCallSource;
import io.drainboard.calls.CloudWatchCalls;
import io.drainboard.calls.LiveKitCallSource;
import io.drainboard.calls.WorkerEndpointCallSource;
import io.drainboard.calls.WorkerUrl;
import io.drainboard.fleet.FleetReader;
import io.drainboard.fleet.FleetRefresher;
import io.drainboard.fleet.ReadSettings;
import io.drainboard.fleet.ReadTarget;
import io.drainboard.history.History;
import io.drainboard.profile.AwsAccess;
import io.drainboard.profile.CredentialsException;
import io.drainboard.profile.LiveKitAccess;
import io.drainboard.profile.Profile;
import io.drainboard.profile.StartupProbe;
import io.drainboard.rollout.RolloutJournal;
import io.drainboard.rollout.RolloutWiring;
import io.drainboard.sim.Simulator;
import io.drainboard.ui.common.OpenConsole;
import io.livekit.server.RoomServiceClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The composition root: one profile opened into its clients, request scheduler, call source, reader and
 * refresher, wired by hand in this one place. For the demo profile it first starts the embedded
 * simulator and points the real SDK clients at it.
 */
public final class Console implements OpenConsole, io.drainboard.guard.GuardHost, io.drainboard.scaling.ScalingHost {
    private final Profile profile;
    private final Optional<Simulator> simulator;
    private final Clock clock;
    private final List<AwsClients> aws;
    private final RequestScheduler requests;
    private final CallSource calls;
    private final FleetReader reader;
    private final FleetRefresher refresher;
    private final FleetActions actions;
    private final History history;
    private final CapacityActions capacity;

    private Console(Profile profile, Optional<Simulator> simulator, Clock clock, List<AwsClients> aws,
                    RequestScheduler requests, CallSource calls, CompletableFuture<History> opening) {
        this.profile = profile;
        this.simulator = simulator;
        this.clock = clock;
        this.aws = List.copyOf(aws);
        this.requests = requests;
        this.calls = calls;
        List<ReadTarget.Region> targets = new ArrayList<>();
        for (AwsClients a : aws) {
            InstanceReads instances = new InstanceReads(new InstanceGateway(a.readEcs(), a.readAutoScaling()), requests);
            // In a profile of several accounts each client's clusters are labelled with its account's name, and must be
            // in the account the profile says (FleetReader fails the region otherwise).
            Optional<Profile.Account> account = a.target().account().flatMap(id -> profile.accounts().stream()
                    .filter(x -> x.id().equals(id)).findFirst());
            targets.add(new ReadTarget.Region(a.target().region(), new EcsReads(new EcsGateway(a.readEcs()), requests,
                    instances), new HashSet<>(profile.clusters()), account.map(Profile.Account::name).orElse(""),
                    profile.accounts().isEmpty() ? Optional.empty() : a.target().account()));
        }
        // Re-reads of settled tasks fit in what ECS's bucket refills between two refreshes (RereadBudget).
        this.reader = new FleetReader(List.of(new ReadTarget(profile.name(), targets, calls)), requests, clock,
                ReadSettings.DEFAULT.forRefresh(profile.refreshInterval()));
        this.refresher = new FleetRefresher(reader, profile.refreshInterval());
        // Mutations go engine → gateway through the SDK client with standard retries, audited first, each to the
        // region and account in the ARN of what it touches (Regional): never to "the first region".
        this.actions = new FleetActions(profile, AwsClients.byRegion(aws, AwsClients::ecs),
                new AuditLog(DataDirectory.resolve(), clock, profile.name()), clock,
                simulator.map(s -> s.workerUrlTemplate() + "/drain"), engineThreads(simulator));
        refresher.addListener(actions);
        this.capacity = new CapacityActions(actions, new InstanceMutations(AwsClients.byRegion(aws, AwsClients::ecs),
                AwsClients.byRegion(aws, AwsClients::autoScaling)), actions.audit(), profile.readOnly(),
                profile.guard().idleHysteresis(), clock);
        refresher.addListener(capacity);
        StartupProbe.mark("engine-built"); // SDK clients, read path, actions and audit log
        this.history = opening.join();
        StartupProbe.mark("history-open");
        refresher.addListener(history.recorder());
        history.auditFrom(() -> actions.audit().recent(1000));
    }

    /**
     * The engines' effects go out on threads of their own, so none holds up a refresh; on a simulator whose time
     * moves only when a test moves it they are sent inline, at the virtual instant they were decided.
     */
    private static EngineThreads engineThreads(Optional<Simulator> simulator) {
        return simulator.filter(s -> s.clock().factor() == 0).isPresent() ? EngineThreads.inline()
                : EngineThreads.background();
    }

    /**
     * Fills the history with what happened while no console was watching (stopped tasks, events, call
     * metrics), in the background through the read clients at the scheduler's background priority. The
     * app calls it once the first fleet is on screen, so that it does not compete with the first read
     * for the CPU (docs/benchmarks.md, startup); not for consoles that tests build on a simulator and
     * count requests of.
     */
    @Override
    public Console backfillHistory() {
        StartupProbe.mark("history-backfill");
        history.resumeWrites(); // held while the app started (ProfileOpening)
        // The CloudWatch clients are built on a thread of their own: the window calls this on the FX thread in the
        // stage that completes the first fleet, and building an SDK client there held that fleet's first layout
        // (docs/benchmarks.md, startup: a JFR of a start).
        Thread start = new Thread(() -> {
            try {
                for (AwsClients a : aws) {
                    history.backfillInBackground(a.readEcs(), Optional.of(a.cloudWatch()), callMetric(profile, simulator.isPresent()),
                            requests, profile.clusters());
                }
            } catch (RuntimeException e) { // as a failed backfill: the history just lacks what happened before
                java.util.logging.Logger.getLogger(Console.class.getName()).warning("history backfill did not start: " + e);
            }
        }, "history-backfill-start");
        start.setDaemon(true);
        start.setPriority(Thread.MIN_PRIORITY);
        start.start();
        return this;
    }

    /** Opens the profile; starts the embedded simulator when the profile asks for one. */
    public static Console open(Profile profile) {
        return open(profile, true);
    }

    /**
     * The history store, opened on a thread of its own while the SDK clients and the read path are built: SQLite's
     * native library, the file and its schema took ~0.1 s of the opening thread before the first read could start
     * (docs/benchmarks.md, startup). Never fails: a corrupt or locked database leaves history off, with the reason
     * in {@code history.status()}. {@code record} false: no file is opened or made.
     */
    private static CompletableFuture<History> historyOpening(boolean record, Clock clock) {
        if (!record) {
            return CompletableFuture.completedFuture(
                    History.none(clock, "History is off for this run (a dry run changes nothing, on disk neither)."));
        }
        return CompletableFuture.supplyAsync(() -> History.open(DataDirectory.resolve(), clock), task -> {
            Thread t = new Thread(task, "history-open");
            t.setDaemon(true);
            t.start();
        });
    }

    /**
     * What was built for a console that could not be opened is closed again, the history file too: waited for, so
     * that the next profile opened in this process finds the file free.
     */
    private static RuntimeException abandoned(RuntimeException e, List<AwsClients> clients, CompletableFuture<History> history) {
        clients.forEach(AwsClients::close);
        try {
            history.join().close();
        } catch (RuntimeException ignored) { // History.open does not throw; nothing more to close if it did
        }
        return e;
    }

    /** {@code recordHistory} false: no history file is opened or made (a dry run, which promises to change nothing). */
    public static Console open(Profile profile, boolean recordHistory) {
        if (profile.simulator().isPresent()) {
            Profile.SimulatorSettings s = profile.simulator().get();
            Simulator sim = Simulator.start(new Simulator.Options(s.scenario(), 0, false, s.speed()));
            StartupProbe.mark("simulator-started");
            return onSimulator(profile, sim, recordHistory);
        }
        Clock clock = Clock.systemUTC();
        List<AwsClients> clients = new ArrayList<>();
        CompletableFuture<History> history = historyOpening(recordHistory, clock);
        try {
            AwsAccess aws = AwsAccess.standard();
            if (profile.accounts().isEmpty()) {
                AwsAccess.Resolved access = verified(aws, aws.resolve(profile));
                for (String region : profile.regions()) {
                    clients.add(new AwsClients(new AwsTarget(region, profile.aws().flatMap(Profile.AwsSettings::endpoint)
                            .map(URI::create), access.provider(), access.toString()), profile.maxConcurrency()));
                }
            } else {
                // Several accounts, each through its own AWS profile or SSO session; each client knows its account, so an
                // action goes to (and a read-only account refuses it by) the account in the ARN of what it touches.
                for (Profile.Account account : profile.accounts()) {
                    AwsAccess.Resolved access = verified(aws, aws.resolve(profile, account));
                    for (String region : account.regions()) {
                        clients.add(new AwsClients(new AwsTarget(region, account.aws().flatMap(Profile.AwsSettings::endpoint)
                                .map(URI::create), access.provider(), access.toString(), Optional.of(account.id()),
                                account.readOnly() || profile.readOnly()), profile.maxConcurrency()));
                    }
                }
            }
        } catch (CredentialsException e) {
            // the window shows it; nothing is left open
            throw abandoned(new IllegalStateException(e.getMessage(), e), clients, history);
        } catch (RuntimeException e) {
            throw abandoned(e, clients, history);
        }
        RequestScheduler requests = scheduler(profile, clients.size());
        CallSource calls = switch (profile.calls().source()) {
            case LIVEKIT -> liveKitCalls(profile, clock, requests);
            case WORKER -> new WorkerEndpointCallSource(WorkerUrl.fromProfile(profile.calls().workerUrl()), clock,
                    requests, Duration.ofSeconds(2));
            case CLOUDWATCH -> cloudWatchCalls(profile, clients.get(0), clock, requests, false);
            case NONE -> () -> CallsReading.disabled(clock.instant());
        };
        try {
            return new Console(profile, Optional.empty(), clock, clients, requests, calls, history);
        } catch (RuntimeException e) {
            throw abandoned(e, clients, history);
        }
    }

    /**
     * Nothing configured, or an SSO login never started or expired: said now, in one sentence with the command, rather
     * than as the SDK's provider-chain dump on every refresh.
     */
    private static AwsAccess.Resolved verified(AwsAccess aws, AwsAccess.Resolved access) throws CredentialsException {
        if (access.kind() == AwsAccess.Kind.DEFAULT_CHAIN || access.kind() == AwsAccess.Kind.SSO) aws.verify(access);
        return access;
    }

    /**
     * Points the real SDK clients at a running simulator, on the simulator's clock. The console owns
     * the simulator from here on and closes it with itself.
     */
    public static Console onSimulator(Profile profile, Simulator sim) {
        return onSimulator(profile, sim, true);
    }

    private static Console onSimulator(Profile profile, Simulator sim, boolean recordHistory) {
        CompletableFuture<History> history = historyOpening(recordHistory, sim.clock());
        List<AwsClients> clients = new ArrayList<>();
        try {
            return onSimulator(profile, sim, clients, history);
        } catch (RuntimeException e) {
            throw abandoned(e, clients, history);
        }
    }

    private static Console onSimulator(Profile profile, Simulator sim, List<AwsClients> clients,
                                       CompletableFuture<History> history) {
        // Like AWS, the simulator takes the region from each request's signature and the account from its access key
        // id (the scenario's accessKeys): one client per account and region.
        if (profile.accounts().isEmpty()) {
            for (String region : simulatedRegions(profile, sim)) {
                clients.add(new AwsClients(new AwsTarget(region, Optional.of(sim.endpoint()),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("simulator", "simulator")),
                        "embedded simulator", Optional.of(sim.account())), profile.maxConcurrency()));
            }
        } else {
            for (Profile.Account account : profile.accounts()) {
                for (String region : account.regions()) {
                    clients.add(new AwsClients(new AwsTarget(region, Optional.of(sim.endpoint()),
                            StaticCredentialsProvider.create(AwsBasicCredentials.create(sim.accessKeyFor(account.id()),
                                    "simulator")), "embedded simulator, account " + account.name(), Optional.of(account.id()),
                            account.readOnly() || profile.readOnly()), profile.maxConcurrency()));
                }
            }
        }
        AwsClients aws = clients.get(0);
        RequestScheduler requests = scheduler(profile, clients.size());
        Clock clock = sim.clock();
        CallSource calls = switch (profile.calls().source()) {
            case LIVEKIT -> LiveKitCallSource.connectingOnFirstRead(() -> RoomServiceClient.createClient(
                    sim.endpoint().toString(), sim.liveKitApiKey(), sim.liveKitApiSecret()), profile.calls().taskAttribute(),
                    clock, requests);
            case WORKER -> new WorkerEndpointCallSource(WorkerUrl.simulator(sim.endpoint()), clock, requests,
                    Duration.ofSeconds(2));
            case CLOUDWATCH -> cloudWatchCalls(profile, aws, clock, requests, true);
            case NONE -> () -> CallsReading.disabled(clock.instant());
        };
        return new Console(profile, Optional.of(sim), clock, clients, requests, calls, history);
    }

    /**
     * The profile's regions that the simulator's scenario describes for its account, in the profile's order;
     * the scenario's own region when it describes none of them (a demo profile naming another region still
     * shows the demo).
     */
    static List<String> simulatedRegions(Profile profile, Simulator sim) {
        List<String> described = sim.fleets().stream().filter(f -> f.account().equals(sim.account()))
                .map(io.drainboard.sim.RegionalFleet::region).toList();
        List<String> out = profile.regions().stream().filter(described::contains).distinct().toList();
        return out.isEmpty() ? List.of(sim.region()) : out;
    }

    /**
     * {@code maxConcurrency} requests in flight for each account and region read: ECS's token buckets are per account
     * and region (docs/aws-facts.md#throttling), so each gets the same share however many the profile reads.
     */
    private static RequestScheduler scheduler(Profile profile, int accountRegions) {
        return new RequestScheduler(Math.min(MAX_IN_FLIGHT, profile.maxConcurrency() * Math.max(1, accountRegions)),
                Backoff.DEFAULT, "fleet-read");
    }

    /** Threads of the read path's scheduler, whatever the profile reads. */
    private static final int MAX_IN_FLIGHT = 128;

    /** LiveKit credentials from the environment or the lk CLI's project; without them calls are unknown. */
    private static CallSource liveKitCalls(Profile profile, Clock clock, RequestScheduler requests) {
        LiveKitAccess.Credentials lk;
        try {
            lk = LiveKitAccess.standard().resolve(profile);
        } catch (CredentialsException e) {
            return () -> CallsReading.failed("livekit", clock.instant(), e.getMessage());
        }
        return LiveKitCallSource.connectingOnFirstRead(() -> RoomServiceClient.createClient(lk.httpUrl(), lk.apiKey(),
                lk.apiSecret()), profile.calls().taskAttribute(), clock, requests);
    }

    private static CallSource cloudWatchCalls(Profile profile, AwsClients aws, Clock clock, RequestScheduler requests,
                                              boolean simulator) {
        return new CloudWatchCallSource(aws.cloudWatch(), callMetric(profile, simulator), clock, requests);
    }

    /**
     * The per-task calls metric. The profile names one dimension (the task id's); the simulator publishes
     * per-task metrics with ClusterName, ServiceName and TaskId, and CloudWatch matches only the full set.
     */
    private static CloudWatchCalls callMetric(Profile profile, boolean simulator) {
        Profile.CloudWatchCalls cw = profile.calls().cloudWatch().orElse(null);
        String namespace = cw == null || cw.namespace().isEmpty() ? "Drainboard/Agents" : cw.namespace();
        CloudWatchCalls d = CloudWatchCalls.defaults(namespace);
        List<String> dims = simulator ? d.dimensions() : List.of(cw == null ? "TaskId" : cw.dimension());
        return new CloudWatchCalls(namespace, cw == null ? d.metricName() : cw.metric(), dims, d.period(), d.lookback(),
                d.staleAfter());
    }

    @Override
    public Profile profile() { return profile; }

    public Optional<Simulator> simulator() { return simulator; }

    @Override
    public Clock clock() { return clock; }

    @Override
    public FleetRefresher refresher() { return refresher; }

    @Override
    public FleetActions actions() { return actions; }

    @Override
    public History history() { return history; }

    @Override
    public CapacityActions capacity() { return capacity; }

    /**
     * A rollout's parts on this console: gateways on the read clients of every region (no SDK retries), one read
     * of the fleet through its refresher, and on a simulator the drain route it serves for every worker.
     */
    @Override
    public RolloutWiring rolloutWiring(RolloutJournal journal) {
        return new RolloutWiring(profile, simulator.map(s -> s.workerUrlTemplate() + "/drain"), clock,
                AwsClients.byRegion(aws, AwsClients::readEcs), refresher::readOnce, journal);
    }

    /** The read path's scheduler: every read request goes through it (its stats say what refreshes cost). */
    public RequestScheduler requests() { return requests; }

    /** ECS with the SDK's standard retries, for engines that send single requests (protection, stop). */
    public List<AwsClients> aws() { return aws; }

    @Override
    public void close() {
        refresher.close();
        actions.close();
        history.close();
        reader.close();
        requests.close();
        calls.close();
        aws.forEach(AwsClients::close);
        simulator.ifPresent(Simulator::close);
    }
}
