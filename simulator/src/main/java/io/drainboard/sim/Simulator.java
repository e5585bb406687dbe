package io.drainboard.sim;

import com.sun.net.httpserver.HttpHandler;
import io.drainboard.sim.admin.AdminHandler;
import io.drainboard.sim.autoscaling.AppAutoScalingApi;
import io.drainboard.sim.autoscaling.ModelScalingFleet;
import io.drainboard.sim.autoscaling.ScalableTargets;
import io.drainboard.sim.autoscaling.ScalingDefaults;
import io.drainboard.sim.clock.SimClock;
import io.drainboard.sim.cloudwatch.CloudWatchApi;
import io.drainboard.sim.cloudwatch.CloudWatchJsonApi;
import io.drainboard.sim.cloudwatch.FleetMetrics;
import io.drainboard.sim.cloudwatch.MetricStore;
import io.drainboard.sim.cloudwatch.MinuteTicker;
import io.drainboard.sim.cloudwatch.ModelMetricFleet;
import io.drainboard.sim.ec2autoscaling.AutoScalingGroups;
import io.drainboard.sim.ec2autoscaling.Ec2AutoScalingApi;
import io.drainboard.sim.ec2autoscaling.ModelInstanceFleet;
import io.drainboard.sim.ecs.EcsApi;
import io.drainboard.sim.ssm.CommandResult;
import io.drainboard.sim.ssm.DataChannelServer;
import io.drainboard.sim.http.AwsJsonRouter;
import io.drainboard.sim.http.AwsQueryRouter;
import io.drainboard.sim.http.Exchanges;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.http.RequestGate;
import io.drainboard.sim.http.RequestLog;
import io.drainboard.sim.http.RpcV2CborRouter;
import io.drainboard.sim.http.SimHttpServer;
import io.drainboard.sim.http.TwirpFaults;
import io.drainboard.sim.http.Throttling;
import io.drainboard.sim.livekit.TwirpHandler;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.GroundTruth;
import io.drainboard.sim.model.LiveKitRooms;
import io.drainboard.sim.scenario.Scenario;
import io.drainboard.sim.scenario.ScenarioLoader;
import io.drainboard.sim.worker.ModelWorkerFleet;
import io.drainboard.sim.worker.WorkerEndpoints;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running simulator: the fleet model of one scenario behind one loopback HTTP port that speaks ECS and
 * Application Auto Scaling (awsJson1_1), EC2 Auto Scaling (awsQuery), CloudWatch (RPC v2 CBOR), LiveKit
 * (Twirp), the workers' own HTTP endpoints and the admin API. Embedded by the console's demo profile and
 * by tests; {@link SimulatorMain} runs it standalone.
 */
public final class Simulator implements AutoCloseable {
    /** The simulator's LiveKit API key pair: a local development credential, not a secret. */
    public static final String LIVEKIT_API_KEY = "devkey";
    public static final String LIVEKIT_API_SECRET = "drainboard-simulator-secret-0000000000";
    /** How late a minute's datapoint becomes readable in CloudWatch (agent metrics show 1–2 min late). */
    public static final Duration METRIC_PUBLICATION_DELAY = Duration.ofSeconds(90);

    private final SimClock clock;
    private final FleetModel model;
    private final RequestLog requests = new RequestLog();
    private final Faults faults = new Faults();
    private final Throttling throttling;
    private final SimHttpServer server;
    private final DataChannelServer dataChannels;
    private final Scenario scenario;
    private final MinuteTicker ticker;
    private final MetricStore metrics = new MetricStore(METRIC_PUBLICATION_DELAY);
    private final FleetMetrics fleetMetrics;
    private final ScalableTargets scalableTargets;
    private final AutoScalingGroups autoScalingGroups;
    private ScheduledExecutorService timer;
    /** What POST /admin/reset runs (the standalone simulator restarts itself); null when embedded. */
    private volatile Runnable resetHook;

    private Simulator(Scenario scenario, SimClock clock, Options o) {
        this.scenario = scenario;
        this.clock = clock;
        // Metric history covers the warm-up too: the builder shows us the fleet at each of its minutes.
        String namespace = FleetMetrics.DEFAULT_NAMESPACE;
        FleetMetrics[] warmup = new FleetMetrics[1];
        this.model = ScenarioLoader.build(scenario, clock, (m, minute) -> {
            if (warmup[0] == null) warmup[0] = new FleetMetrics(new ModelMetricFleet(m), metrics, namespace);
            warmup[0].sample(minute);
        });
        this.throttling = new Throttling(clock, o.throttling(), Throttling.ALL);
        this.ticker = new MinuteTicker(clock, new ModelTimeline(model), model.now());
        this.fleetMetrics = new FleetMetrics(new ModelMetricFleet(model), metrics, namespace);
        ticker.onMinute(fleetMetrics::sample);
        this.scalableTargets = new ScalableTargets(new ModelScalingFleet(model), metrics, clock, region(),
                model.arns().account());
        ScalingDefaults.apply(scalableTargets, namespace);
        if (o.autoscaling()) ticker.onMinute(scalableTargets::evaluate);
        this.autoScalingGroups = new AutoScalingGroups(new ModelInstanceFleet(model), clock, region(),
                model.arns().account());
        ticker.onMinute(autoScalingGroups::onMinute);

        this.server = new SimHttpServer(o.port());
        RequestGate gate = new RequestGate(requests, faults, throttling);
        AwsQueryRouter query = new AwsQueryRouter(gate, ex -> Exchanges.sendText(ex, 404,
                "Drainboard simulator: no X-Amz-Target header, no awsQuery form body and no known path "
                        + ex.getRequestURI()));
        AwsJsonRouter aws = new AwsJsonRouter(gate, query);
        // ECS Exec: the command runs when a client opens the session's data channel (Session Manager protocol).
        this.dataChannels = DataChannelServer.start(java.time.Clock.systemUTC());
        model.deferExecCommands(true);
        aws.register(new EcsApi(model, server::port, session -> {
            dataChannels.expect(session.sessionId(), session.tokenValue(), session.command(), command -> {
                model.runExecCommand(session.sessionId(), command);
                return CommandResult.output("");
            });
            return dataChannels.streamUrl(session.sessionId()).toString();
        }));
        aws.register(new AppAutoScalingApi(scalableTargets));
        query.register(new Ec2AutoScalingApi(autoScalingGroups));
        RpcV2CborRouter cbor = new RpcV2CborRouter(gate);
        CloudWatchApi cloudWatch = new CloudWatchApi(metrics, clock);
        cbor.register(cloudWatch);
        aws.register(new CloudWatchJsonApi(cloudWatch));

        route("/", aws);
        route("/service/", cbor);
        // Tokens are minted by real SDKs on the wall clock, so they are checked against it, not virtual time.
        TwirpHandler twirp = new TwirpHandler(new LiveKitRooms(model), LIVEKIT_API_KEY, LIVEKIT_API_SECRET,
                java.time.Clock.systemUTC());
        route("/twirp/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (TwirpFaults.answer(ex, gate.admit("livekit", path.substring(path.lastIndexOf('/') + 1)))) return;
            twirp.handle(ex);
        });
        route(WorkerEndpoints.PREFIX, new WorkerEndpoints(new ModelWorkerFleet(model), gate));
        route("/admin/", new AdminHandler(this));
        server.start();
        ticker.catchUp();
        if (clock.factor() > 0) runMinutesOnTheirOwn();
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
            ticker.catchUp();
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
        while (ticker.next().isBefore(until)) {
            advanceClockTo(ticker.next());
            ticker.catchUp();
        }
        advanceClockTo(until);
        sync();
    }

    /** A running clock may already be past {@code t}; time never goes back. */
    private void advanceClockTo(Instant t) {
        Duration gap = Duration.between(clock.instant(), t);
        if (!gap.isNegative()) clock.advance(gap);
    }

    /** Runs the minutes that passed and brings the model up to the clock. */
    public void sync() {
        ticker.catchUp();
        model.sync();
    }

    public URI endpoint() { return server.endpoint(); }

    public int port() { return server.port(); }

    public SimClock clock() { return clock; }

    public FleetModel model() { return model; }

    public RequestLog requests() { return requests; }

    public Faults faults() { return faults; }

    public Throttling throttling() { return throttling; }

    public MetricStore metrics() { return metrics; }

    public String metricNamespace() { return fleetMetrics.namespace(); }

    public Scenario scenario() { return scenario; }

    /** Application Auto Scaling: scalable targets of the ECS services and their target tracking. */
    public ScalableTargets scalableTargets() { return scalableTargets; }

    /** EC2 Auto Scaling groups over the clusters' container instances. */
    public AutoScalingGroups autoScalingGroups() { return autoScalingGroups; }

    /** The URL template a profile uses to reach each task's worker endpoint on this simulator. */
    public String workerUrlTemplate() { return endpoint() + WorkerEndpoints.PREFIX + "{taskId}"; }

    public String region() { return model.arns().region(); }

    public String liveKitApiKey() { return LIVEKIT_API_KEY; }

    public String liveKitApiSecret() { return LIVEKIT_API_SECRET; }

    public GroundTruth groundTruth() {
        ticker.catchUp();
        return model.groundTruth();
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

    /** The ticker's view of the model: its lock is the model's monitor (FleetModel methods are synchronized). */
    private record ModelTimeline(FleetModel model) implements MinuteTicker.Fleet {
        @Override
        public Object lock() { return model; }

        @Override
        public Instant now() { return model.now(); }

        @Override
        public void advanceTo(Instant t) { model.advanceTo(t); }
    }
}
