package io.drainboard.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.drainboard.sim.autoscaling.ScalableTargets;
import io.drainboard.sim.clock.SimClock;
import io.drainboard.sim.cloudwatch.MetricStore;
import io.drainboard.sim.ec2autoscaling.AutoScalingGroups;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.http.RequestGate;
import io.drainboard.sim.http.RequestLog;
import io.drainboard.sim.http.Scope;
import io.drainboard.sim.http.SignedScope;
import io.drainboard.sim.http.SimHttpServer;
import io.drainboard.sim.http.Throttling;
import io.drainboard.sim.http.TwirpFaults;
import io.drainboard.sim.livekit.DispatchView;
import io.drainboard.sim.livekit.LiveKitBackend;
import io.drainboard.sim.livekit.ParticipantView;
import io.drainboard.sim.livekit.RoomView;
import io.drainboard.sim.livekit.TwirpHandler;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.GroundTruth;
import io.drainboard.sim.scenario.Scenario;
import io.drainboard.sim.scenario.ScenarioLoader;
import io.drainboard.sim.ssm.CommandResult;
import io.drainboard.sim.ssm.DataChannelServer;
import io.drainboard.sim.worker.WorkerEndpoints;
import io.drainboard.sim.agent.ModelAgent;
import io.drainboard.sim.agent.TaskProtectionEndpoint;
import io.drainboard.sim.worker.WorkerFleet;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A running simulator: the fleets of one scenario behind one loopback HTTP port that speaks ECS and
 * Application Auto Scaling (awsJson1_1), EC2 Auto Scaling (awsQuery), CloudWatch (RPC v2 CBOR), LiveKit
 * (Twirp), the workers' own HTTP endpoints and the admin API. Embedded by the console's demo profile and
 * by tests; {@link SimulatorMain} runs it standalone.
 *
 * <p>Like AWS, one endpoint serves every account and region: an AWS request lands in the region its SigV4
 * signature names (the credential scope of its {@code Authorization} header) and in the account of its access
 * key id (the scenario's {@code accessKeys}; any other key, and an unsigned request, stands for the scenario's
 * account). Each account and region is a {@link RegionalFleet} with its own state and its own throttling
 * buckets; a region the scenario does not describe exists, empty, as it would in AWS. LiveKit and the workers'
 * endpoints are one server for all of them (calls name their task by ARN).
 */
public final class Simulator implements AutoCloseable {
    /** The simulator's LiveKit API key pair: a local development credential, not a secret. */
    public static final String LIVEKIT_API_KEY = "devkey";
    public static final String LIVEKIT_API_SECRET = "drainboard-simulator-secret-0000000000";
    /** How late a minute's datapoint becomes readable in CloudWatch (agent metrics show 1–2 min late). */
    public static final Duration METRIC_PUBLICATION_DELAY = Duration.ofSeconds(90);
    /** A region name as AWS spells them (us-east-1, eu-central-2, us-gov-west-1); only such are made on demand. */
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private final SimClock clock;
    private final RequestLog requests = new RequestLog();
    private final Faults faults = new Faults();
    private final Throttling throttling;
    private final SimHttpServer server;
    private final DataChannelServer dataChannels;
    private final Scenario scenario;
    private final Map<String, String> accessKeys;
    private final RegionalFleet.Shared shared;
    private final RegionalFleet home;
    private final Map<Scope, RegionalFleet> fleets = new ConcurrentHashMap<>();
    /** The fleets in the order they were made (the scenario's order, then regions first asked for). */
    private final List<RegionalFleet> ordered = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;
    /** What POST /admin/reset runs (the standalone simulator restarts itself); null when embedded. */
    private volatile Runnable resetHook;

    private Simulator(Scenario scenario, SimClock clock, Options o) {
        this.scenario = scenario;
        this.clock = clock;
        this.accessKeys = scenario.accessKeys() == null ? Map.of() : Map.copyOf(scenario.accessKeys());
        this.throttling = new Throttling(clock, o.throttling(), Throttling.ALL);
        this.server = new SimHttpServer(o.port());
        // ECS Exec: the command runs when a client opens the session's data channel (Session Manager protocol).
        this.dataChannels = DataChannelServer.start(java.time.Clock.systemUTC());
        this.shared = new RegionalFleet.Shared(clock, server::port, requests, faults, throttling, model -> session -> {
            dataChannels.expect(session.sessionId(), session.tokenValue(), session.command(), command -> {
                model.runExecCommand(session.sessionId(), command);
                return CommandResult.output("");
            });
            return dataChannels.streamUrl(session.sessionId()).toString();
        }, o.autoscaling());
        List<Scenario> perRegion = ScenarioLoader.perRegion(scenario);
        for (Scenario s : perRegion) add(new RegionalFleet(s, shared));
        this.home = ordered.get(0);

        route("/", ex -> fleetFor(ex).awsHandler().handle(ex));
        route("/service/", ex -> fleetFor(ex).cborHandler().handle(ex));
        // LiveKit and the workers are not regional: one gate with no scope, so their requests count in the totals.
        RequestGate gate = new RequestGate(requests, faults, throttling);
        // Tokens are minted by real SDKs on the wall clock, so they are checked against it, not virtual time.
        TwirpHandler twirp = new TwirpHandler(new EveryRegionRooms(ordered), LIVEKIT_API_KEY, LIVEKIT_API_SECRET,
                java.time.Clock.systemUTC());
        route("/twirp/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (TwirpFaults.answer(ex, gate.admit("livekit", path.substring(path.lastIndexOf('/') + 1)))) return;
            twirp.handle(ex);
        });
        route(WorkerEndpoints.PREFIX, new WorkerEndpoints(new EveryRegionWorkers(ordered), gate));
        route(TaskProtectionEndpoint.PREFIX, new TaskProtectionEndpoint(taskId -> agent(taskId), gate));
        route("/admin/", new AdminHandler(this));
        server.start();
        if (clock.factor() > 0) runMinutesOnTheirOwn();
    }

    private void add(RegionalFleet f) {
        fleets.put(f.scope(), f);
        ordered.add(f);
    }

    /**
     * The account and region a request lands in: the region its signature names, the account of its access
     * key id; an unsigned request lands in the scenario's own account and region.
     */
    private RegionalFleet fleetFor(HttpExchange ex) {
        Optional<SignedScope> signed = SignedScope.of(ex.getRequestHeaders().getFirst("Authorization"));
        if (signed.isEmpty() || !REGION_NAME.matcher(signed.get().region()).matches()) return home;
        String account = accessKeys.getOrDefault(signed.get().accessKeyId(), home.account());
        return fleet(account, signed.get().region());
    }

    /**
     * One account's region; one the scenario does not describe is made empty on first use, as every region
     * exists in AWS and lists no clusters until some are created.
     */
    public RegionalFleet fleet(String account, String region) {
        Scope scope = new Scope(account, region);
        RegionalFleet f = fleets.get(scope);
        if (f != null) return f;
        synchronized (fleets) {
            f = fleets.get(scope);
            if (f == null) {
                f = new RegionalFleet(new Scenario(scenario.name(), scenario.seed(), region, account, scenario.start(),
                        "0s", scenario.stoppedTaskRetention(), null, List.of(), null, null, null, scenario.rules()), shared);
                add(f);
            }
            return f;
        }
    }

    /** The scenario's account in {@code region}. */
    public RegionalFleet fleet(String region) {
        return fleet(home.account(), region);
    }

    /** Every account and region with state, the scenario's own first. */
    public List<RegionalFleet> fleets() {
        return List.copyOf(ordered);
    }

    /** The fleet of the scenario's top-level account and region (where unsigned requests land). */
    public RegionalFleet home() {
        return home;
    }

    /**
     * An access key id whose requests land in {@code account} (the scenario's {@code accessKeys}); for the scenario's
     * own account, or one no key names, a key no entry lists (which stands for the scenario's account).
     */
    public String accessKeyFor(String account) {
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(accessKeys).entrySet()) {
            if (e.getValue().equals(account)) return e.getKey();
        }
        return "simulator";
    }

    /** The account a request signed with this access key id lands in. */
    public String accountOf(String accessKeyId) {
        return accessKeys.getOrDefault(accessKeyId, home.account());
    }

    /**
     * While the clock runs by itself, a timer catches up the minutes every wall second, so metrics and
     * scaling happen even when no request comes in.
     */
    public synchronized void runMinutesOnTheirOwn() {
        if (timer != null) return;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-minutes");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sync, 1, 1, TimeUnit.SECONDS);
    }

    /** Every request first catches up the minutes of virtual time that passed (metrics, scaling). */
    private void route(String prefix, HttpHandler h) {
        server.route(prefix, ex -> {
            for (RegionalFleet f : ordered) f.ticker().catchUp();
            h.handle(ex);
        });
    }

    /**
     * Options for {@link #start}.
     *
     * @param throttling  ECS-style request rate limits (token buckets per API category); on for the demo and
     *                    the standalone simulator, off for virtual-time tests unless they ask for it
     * @param autoscaling the target tracking policies act on desired counts; same defaults, so scenario tests
     *                    of other behaviour are not disturbed by scaling (targets and policies are described
     *                    either way)
     */
    public record Options(String scenario, int port, boolean manualClock, double speed, boolean throttling,
                          boolean autoscaling) {
        public Options(String scenario, int port, boolean manualClock, double speed) {
            this(scenario, port, manualClock, speed, !manualClock, !manualClock);
        }

        /** Embedded use: bundled or file scenario, ephemeral port, wall-clock speed, throttling on. */
        public static Options embedded(String scenario) {
            return new Options(scenario, 0, false, 1.0);
        }

        /** Tests: time moves only when the test advances it; no throttling. */
        public static Options virtual(String scenario) {
            return new Options(scenario, 0, true, 0);
        }

        public Options withPort(int p) { return new Options(scenario, p, manualClock, speed, throttling, autoscaling); }

        public Options withThrottling(boolean on) {
            return new Options(scenario, port, manualClock, speed, on, autoscaling);
        }

        public Options withAutoscaling(boolean on) {
            return new Options(scenario, port, manualClock, speed, throttling, on);
        }
    }

    public static Simulator start(Options o) {
        Scenario s = ScenarioLoader.read(o.scenario());
        Instant start = ScenarioLoader.startOf(s, Instant.now());
        SimClock clock = o.manualClock() ? SimClock.manual(start) : SimClock.scaled(start, o.speed());
        return new Simulator(s, clock, o);
    }

    /**
     * Moves virtual time forward and runs everything due on the way (each minute's metrics and scaling
     * decisions in order). Tests use this rather than {@code clock().advance} when they look at metrics or
     * scaling.
     */
    public void advance(Duration d) {
        Instant until = clock.instant().plus(d);
        for (Instant next = nextMinute(); next.isBefore(until); next = nextMinute()) {
            advanceClockTo(next);
            for (RegionalFleet f : ordered) f.ticker().catchUp();
        }
        advanceClockTo(until);
        sync();
    }

    /** A running clock may already be past {@code t}; time never goes back. */
    private void advanceClockTo(Instant t) {
        Duration gap = Duration.between(clock.instant(), t);
        if (!gap.isNegative()) clock.advance(gap);
    }

    /** The earliest minute some region has still to run. */
    private Instant nextMinute() {
        Instant next = Instant.MAX;
        for (RegionalFleet f : ordered) {
            if (f.ticker().next().isBefore(next)) next = f.ticker().next();
        }
        return next;
    }

    /** Runs the minutes that passed and brings every region's model up to the clock. */
    public void sync() {
        for (RegionalFleet f : ordered) f.sync();
    }

    public URI endpoint() { return server.endpoint(); }

    public int port() { return server.port(); }

    public SimClock clock() { return clock; }

    /** The model of the scenario's own account and region ({@link #home()}); others: {@link #fleet}. */
    public FleetModel model() { return home.model(); }

    public RequestLog requests() { return requests; }

    public Faults faults() { return faults; }

    public Throttling throttling() { return throttling; }

    /** CloudWatch of the scenario's own account and region. */
    public MetricStore metrics() { return home.metrics(); }

    public String metricNamespace() { return home.metricNamespace(); }

    public Scenario scenario() { return scenario; }

    /** Application Auto Scaling of the scenario's own account and region. */
    public ScalableTargets scalableTargets() { return home.scalableTargets(); }

    /** EC2 Auto Scaling groups of the scenario's own account and region. */
    public AutoScalingGroups autoScalingGroups() { return home.autoScalingGroups(); }

    /**
     * The task's {@code ECS_AGENT_URI}: its task-protection endpoint is this plus {@code /task-protection/v1/state}
     * ({@link TaskProtectionEndpoint}).
     */
    public URI agentUri(String taskArn) {
        return URI.create(endpoint() + TaskProtectionEndpoint.PREFIX + taskArn.substring(taskArn.lastIndexOf('/') + 1));
    }

    /** The agent of the task with this id, in whichever account and region runs it. */
    private Optional<TaskProtectionEndpoint.Agent> agent(String taskId) {
        for (RegionalFleet f : ordered) {
            Optional<io.drainboard.sim.model.TaskState> t = ModelAgent.find(f.model(), taskId);
            if (t.isPresent()) return Optional.of(new ModelAgent(f.model(), t.get(), new RequestGate(requests, faults,
                    throttling, f.scope())));
        }
        return Optional.empty();
    }

    /** The URL template a profile uses to reach each task's worker endpoint on this simulator. */
    public String workerUrlTemplate() { return endpoint() + WorkerEndpoints.PREFIX + "{taskId}"; }

    /** The scenario's own region (where unsigned requests land). */
    public String region() { return home.region(); }

    /** The scenario's own account (unlisted access keys stand for it). */
    public String account() { return home.account(); }

    public String liveKitApiKey() { return LIVEKIT_API_KEY; }

    public String liveKitApiSecret() { return LIVEKIT_API_SECRET; }

    /** What really happened to the calls of every account and region together ({@link RegionalFleet#groundTruth} for one). */
    public GroundTruth groundTruth() {
        long[] sum = new long[10];
        for (RegionalFleet f : ordered) {
            GroundTruth g = f.groundTruth();
            long[] v = {g.callsStarted(), g.callsEndedNormally(), g.callsCut(), g.callsUnserved(), g.callsActive(),
                    g.cutBySigkill(), g.cutBySecondSignal(), g.cutByInstanceTermination(), g.cutByDrainTimeout(), g.cutByRoomClosed()};
            for (int i = 0; i < v.length; i++) sum[i] += v[i];
        }
        return new GroundTruth(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7], sum[8], sum[9]);
    }

    /**
     * Lets POST /admin/reset bring the scenario's fleet back: the standalone simulator sets a hook that closes
     * this simulator and starts a fresh one on the same port ({@link SimulatorMain}).
     */
    public void onReset(Runnable hook) {
        this.resetHook = hook;
    }

    /** The reset hook, if this simulator can be reset (standalone); empty when embedded. */
    public java.util.Optional<Runnable> resetHook() {
        return java.util.Optional.ofNullable(resetHook);
    }

    /** Serves an extra path on the simulator's port (benchmarks compare against a trivial handler). */
    public void addRoute(String prefix, HttpHandler handler) {
        server.route(prefix, handler);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (timer != null) timer.shutdownNow();
        }
        server.close();
        dataChannels.close();
    }

    /** The LiveKit server's rooms: one server for every region, as a LiveKit Cloud project spans them. */
    private record EveryRegionRooms(List<RegionalFleet> fleets) implements LiveKitBackend {
        @Override
        public List<RoomView> listRooms(Collection<String> names) {
            List<RoomView> out = new ArrayList<>();
            for (RegionalFleet f : fleets) out.addAll(f.rooms().listRooms(names));
            return out;
        }

        @Override
        public Optional<List<ParticipantView>> listParticipants(String room) {
            for (RegionalFleet f : fleets) {
                Optional<List<ParticipantView>> p = f.rooms().listParticipants(room);
                if (p.isPresent()) return p;
            }
            return Optional.empty();
        }

        @Override
        public List<DispatchView> listDispatches(String room) {
            for (RegionalFleet f : fleets) {
                List<DispatchView> d = f.rooms().listDispatches(room);
                if (!d.isEmpty()) return d;
            }
            return List.of();
        }

        // The writes go to the region whose model holds the room; a room nobody holds is not found.
        private static final LiveKitBackend NOWHERE = new LiveKitBackend() { // the interface's defaults: not found
            @Override
            public List<RoomView> listRooms(Collection<String> names) {
                return List.of();
            }

            @Override
            public Optional<List<ParticipantView>> listParticipants(String room) {
                return Optional.empty();
            }

            @Override
            public List<DispatchView> listDispatches(String room) {
                return List.of();
            }
        };

        private LiveKitBackend holding(String room) {
            for (RegionalFleet f : fleets) {
                if (f.rooms().listParticipants(room).isPresent()) return f.rooms();
            }
            return NOWHERE;
        }

        @Override
        public ParticipantView participant(String room, String identity) {
            return holding(room).participant(room, identity);
        }

        @Override
        public void removeParticipant(String room, String identity) {
            holding(room).removeParticipant(room, identity);
        }

        @Override
        public ParticipantView updateParticipant(String room, String identity, String name, String metadata,
                                                 java.util.Map<String, String> attributes) {
            return holding(room).updateParticipant(room, identity, name, metadata, attributes);
        }

        @Override
        public String muteTrack(String room, String identity, String trackSid, boolean muted) {
            return holding(room).muteTrack(room, identity, trackSid, muted);
        }

        @Override
        public boolean trackMuted(String room, String identity) {
            return holding(room).trackMuted(room, identity);
        }

        @Override
        public void deleteRoom(String room) {
            holding(room).deleteRoom(room);
        }

        /** A new room lives on the first region's model (the server is one for every region). */
        @Override
        public RoomView createRoom(String name, String metadata) {
            LiveKitBackend held = holding(name);
            return (held == NOWHERE ? fleets.get(0).rooms() : held).createRoom(name, metadata);
        }

        @Override
        public RoomView updateRoomMetadata(String room, String metadata) {
            return holding(room).updateRoomMetadata(room, metadata);
        }

        @Override
        public void sendData(String room) {
            holding(room).sendData(room);
        }
    }

    /** Every task's worker, whichever region runs it (task ids are unique across regions). */
    private record EveryRegionWorkers(List<RegionalFleet> fleets) implements WorkerFleet {
        @Override
        public Optional<Worker> worker(String taskId) {
            for (RegionalFleet f : fleets) {
                Optional<Worker> w = f.workers().worker(taskId);
                if (w.isPresent()) return w;
            }
            return Optional.empty();
        }

        @Override
        public boolean cordon(String taskId) {
            for (RegionalFleet f : fleets) {
                if (f.workers().worker(taskId).isPresent()) return f.workers().cordon(taskId);
            }
            return false;
        }

        @Override
        public boolean lean(String taskId, long seconds) {
            for (RegionalFleet f : fleets) {
                if (f.workers().worker(taskId).isPresent()) return f.workers().lean(taskId, seconds);
            }
            return false;
        }
    }
}
