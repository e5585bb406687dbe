package io.drainboard.sim;

import com.sun.net.httpserver.HttpHandler;
import io.drainboard.sim.autoscaling.AppAutoScalingApi;
import io.drainboard.sim.autoscaling.ModelScalingFleet;
import io.drainboard.sim.autoscaling.ScalableTargets;
import io.drainboard.sim.autoscaling.ScalingDefaults;
import io.drainboard.sim.clock.SimClock;
import io.drainboard.sim.cloudwatch.Alarms;
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
import io.drainboard.sim.ecs.ExecChannels;
import io.drainboard.sim.http.AwsJsonRouter;
import io.drainboard.sim.http.AwsQueryRouter;
import io.drainboard.sim.http.Exchanges;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.http.RequestGate;
import io.drainboard.sim.http.RequestLog;
import io.drainboard.sim.http.RpcV2CborRouter;
import io.drainboard.sim.http.Scope;
import io.drainboard.sim.http.Throttling;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.GroundTruth;
import io.drainboard.sim.model.LiveKitRooms;
import io.drainboard.sim.scenario.Scenario;
import io.drainboard.sim.scenario.ScenarioLoader;
import io.drainboard.sim.worker.ModelWorkerFleet;
import io.drainboard.sim.worker.WorkerFleet;

import java.time.Instant;
import java.util.function.IntSupplier;

/**
 * One AWS account in one region of the simulator: its own fleet model (clusters, services, tasks, ARNs with
 * this account and region), its minutes, CloudWatch metrics, scalable targets and Auto Scaling groups, and the
 * AWS API handlers that answer from them. Requests reach it by the region and access key of their signature
 * ({@link Simulator}); its requests are logged and throttled under its {@link Scope}. The model itself knows
 * nothing of other regions: each has its own lock, so regions never wait for one another.
 */
public final class RegionalFleet {
    private final Scope scope;
    private final FleetModel model;
    private final MinuteTicker ticker;
    private final MetricStore metrics = new MetricStore(Simulator.METRIC_PUBLICATION_DELAY);
    private final FleetMetrics fleetMetrics;
    private final Alarms alarms;
    private final ScalableTargets scalableTargets;
    private final AutoScalingGroups autoScalingGroups;
    private final AwsJsonRouter aws;
    private final RpcV2CborRouter cbor;
    private final LiveKitRooms rooms;
    private final WorkerFleet workers;

    /** What every region shares: the clock, the port, the request log, faults, throttling and ECS Exec's data channel. */
    record Shared(SimClock clock, IntSupplier port, RequestLog requests, Faults faults, Throttling throttling,
                  ExecChannelsFactory exec, boolean autoscaling) {
    }

    /** ECS Exec's data channel for one region's model. */
    @FunctionalInterface
    interface ExecChannelsFactory {
        ExecChannels forModel(FleetModel model);
    }

    /** Builds and warms up the fleet {@code scenario} describes (one account and region, see {@link ScenarioLoader#perRegion}). */
    RegionalFleet(Scenario scenario, Shared shared) {
        this.scope = new Scope(scenario.account(), scenario.region());
        // Metric history covers the warm-up too: the builder shows us the fleet at each of its minutes.
        String namespace = FleetMetrics.DEFAULT_NAMESPACE;
        FleetMetrics[] warmup = new FleetMetrics[1];
        this.model = ScenarioLoader.build(scenario, shared.clock(), (m, minute) -> {
            if (warmup[0] == null) warmup[0] = new FleetMetrics(new ModelMetricFleet(m), metrics, namespace);
            warmup[0].sample(minute);
        });
        this.ticker = new MinuteTicker(shared.clock(), new ModelTimeline(model), model.now());
        this.fleetMetrics = new FleetMetrics(new ModelMetricFleet(model), metrics, namespace);
        ticker.onMinute(fleetMetrics::sample);
        this.alarms = new Alarms(metrics, scope.region(), scope.account());
        this.scalableTargets = new ScalableTargets(new ModelScalingFleet(model), metrics, shared.clock(), scope.region(),
                scope.account(), alarms);
        ScalingDefaults.apply(scalableTargets, namespace);
        ticker.onMinute(alarms::evaluate);
        if (shared.autoscaling()) {
            alarms.onActions(scalableTargets::invokeStep);
            ticker.onMinute(scalableTargets::evaluate);
        }
        this.autoScalingGroups = new AutoScalingGroups(new ModelInstanceFleet(model), shared.clock(), scope.region(),
                scope.account());
        ticker.onMinute(autoScalingGroups::onMinute);

        RequestGate gate = new RequestGate(shared.requests(), shared.faults(), shared.throttling(), scope);
        AwsQueryRouter query = new AwsQueryRouter(gate, ex -> Exchanges.sendText(ex, 404,
                "Drainboard simulator: no X-Amz-Target header, no awsQuery form body and no known path "
                        + ex.getRequestURI()));
        this.aws = new AwsJsonRouter(gate, query);
        model.deferExecCommands(true);
        aws.register(new EcsApi(model, shared.port(), shared.exec().forModel(model), autoScalingGroups::capacityProviders,
                scope.region(), scope.account()));
        aws.register(new AppAutoScalingApi(scalableTargets));
        query.register(new Ec2AutoScalingApi(autoScalingGroups));
        this.cbor = new RpcV2CborRouter(gate);
        CloudWatchApi cloudWatch = new CloudWatchApi(metrics, shared.clock(), alarms);
        cbor.register(cloudWatch);
        aws.register(new CloudWatchJsonApi(cloudWatch));
        this.rooms = new LiveKitRooms(model);
        this.workers = new ModelWorkerFleet(model);
        ticker.catchUp();
    }

    public Scope scope() { return scope; }

    public String account() { return scope.account(); }

    public String region() { return scope.region(); }

    public FleetModel model() { return model; }

    public MetricStore metrics() { return metrics; }

    public String metricNamespace() { return fleetMetrics.namespace(); }

    /** Application Auto Scaling: this region's scalable targets and their target tracking. */
    public ScalableTargets scalableTargets() { return scalableTargets; }

    /** CloudWatch metric alarms (step scaling's; target tracking's are shown through them). */
    public Alarms alarms() { return alarms; }

    /** EC2 Auto Scaling groups over this region's container instances. */
    public AutoScalingGroups autoScalingGroups() { return autoScalingGroups; }

    /** What really happened to this region's calls (minutes caught up first). */
    public GroundTruth groundTruth() {
        ticker.catchUp();
        return model.groundTruth();
    }

    /** ECS, Application Auto Scaling, CloudWatch (awsJson) and, behind them, EC2 Auto Scaling (awsQuery) on "/". */
    HttpHandler awsHandler() { return aws; }

    /** CloudWatch over RPC v2 CBOR on "/service/". */
    HttpHandler cborHandler() { return cbor; }

    LiveKitRooms rooms() { return rooms; }

    WorkerFleet workers() { return workers; }

    MinuteTicker ticker() { return ticker; }

    /** Runs the minutes that passed and brings the model up to the clock. */
    void sync() {
        ticker.catchUp();
        model.sync();
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
