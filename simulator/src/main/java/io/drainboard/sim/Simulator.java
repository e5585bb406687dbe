package io.drainboard.sim;

import io.drainboard.sim.admin.AdminHandler;
import io.drainboard.sim.clock.SimClock;
import io.drainboard.sim.ecs.EcsApi;
import io.drainboard.sim.http.AwsJsonRouter;
import io.drainboard.sim.http.Exchanges;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.http.RequestLog;
import io.drainboard.sim.http.SimHttpServer;
import io.drainboard.sim.livekit.TwirpHandler;
import io.drainboard.sim.model.LiveKitRooms;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.GroundTruth;
import io.drainboard.sim.scenario.Scenario;
import io.drainboard.sim.scenario.ScenarioLoader;

import java.net.URI;
import java.time.Instant;

/**
 * A running simulator: the fleet model of one scenario behind one loopback HTTP port that speaks ECS
 * (awsJson1_1), LiveKit (Twirp) and the admin API. Embedded by the console's demo profile and by tests;
 * {@link SimulatorMain} runs it standalone.
 */
public final class Simulator implements AutoCloseable {
    /** The simulator's LiveKit API key pair: a local development credential, not a secret. */
    public static final String LIVEKIT_API_KEY = "devkey";
    public static final String LIVEKIT_API_SECRET = "drainboard-simulator-secret-0000000000";

    private final SimClock clock;
    private final FleetModel model;
    private final RequestLog requests = new RequestLog();
    private final Faults faults = new Faults();
    private final SimHttpServer server;
    private final Scenario scenario;

    private Simulator(Scenario scenario, SimClock clock, int port) {
        this.scenario = scenario;
        this.clock = clock;
        this.model = ScenarioLoader.build(scenario, clock);
        this.server = new SimHttpServer(port);
        AwsJsonRouter aws = new AwsJsonRouter(requests, faults, ex -> Exchanges.sendText(ex, 404,
                "Drainboard simulator: no AWS X-Amz-Target header and no known path " + ex.getRequestURI()));
        aws.register(new EcsApi(model));
        server.route("/", aws);
        // Tokens are minted by real SDKs on the wall clock, so they are checked against it, not virtual time.
        TwirpHandler twirp = new TwirpHandler(new LiveKitRooms(model), LIVEKIT_API_KEY, LIVEKIT_API_SECRET,
                java.time.Clock.systemUTC());
        server.route("/twirp/", ex -> {
            String path = ex.getRequestURI().getPath();
            requests.record("livekit", path.substring(path.lastIndexOf('/') + 1));
            twirp.handle(ex);
        });
        server.route("/admin/", new AdminHandler(this));
        server.start();
    }

    /** Options for {@link #start}. */
    public record Options(String scenario, int port, boolean manualClock, double speed) {
        /** Embedded use: bundled or file scenario, ephemeral port, wall-clock speed. */
        public static Options embedded(String scenario) {
            return new Options(scenario, 0, false, 1.0);
        }

        /** Tests: time moves only when the test advances it. */
        public static Options virtual(String scenario) {
            return new Options(scenario, 0, true, 0);
        }

        public Options withPort(int p) { return new Options(scenario, p, manualClock, speed); }
    }

    public static Simulator start(Options o) {
        Scenario s = ScenarioLoader.read(o.scenario());
        Instant start = ScenarioLoader.startOf(s, Instant.now());
        SimClock clock = o.manualClock() ? SimClock.manual(start) : SimClock.scaled(start, o.speed());
        return new Simulator(s, clock, o.port());
    }

    public URI endpoint() { return server.endpoint(); }

    public int port() { return server.port(); }

    public SimClock clock() { return clock; }

    public FleetModel model() { return model; }

    public RequestLog requests() { return requests; }

    public Faults faults() { return faults; }

    public Scenario scenario() { return scenario; }

    public String region() { return model.arns().region(); }

    public String liveKitApiKey() { return LIVEKIT_API_KEY; }

    public String liveKitApiSecret() { return LIVEKIT_API_SECRET; }

    public GroundTruth groundTruth() { return model.groundTruth(); }

    @Override
    public void close() {
        server.close();
    }
}
