package io.drainboard;

import io.drainboard.aws.AwsClients;
import io.drainboard.aws.AwsTarget;
import io.drainboard.aws.EcsGateway;
import io.drainboard.calls.CallSource;
import io.drainboard.calls.CallsReading;
import io.drainboard.calls.LiveKitCallSource;
import io.drainboard.fleet.FleetReader;
import io.drainboard.fleet.FleetRefresher;
import io.drainboard.profile.Profile;
import io.drainboard.sim.Simulator;
import io.livekit.server.RoomServiceClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The composition root: one profile opened into its gateways, reader and refresher, wired by hand in
 * this one place. For the demo profile it first starts the embedded simulator and points the real SDK
 * clients at it.
 */
public final class Console implements AutoCloseable {
    private final Profile profile;
    private final Optional<Simulator> simulator;
    private final Clock clock;
    private final AwsClients aws;
    private final CallSource calls;
    private final ExecutorService pool;
    private final FleetRefresher refresher;

    private Console(Profile profile, Optional<Simulator> simulator, Clock clock, AwsClients aws, CallSource calls) {
        this.profile = profile;
        this.simulator = simulator;
        this.clock = clock;
        this.aws = aws;
        this.calls = calls;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(profile.maxConcurrency(), r -> {
            Thread t = new Thread(r, "fleet-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        FleetReader reader = new FleetReader(new EcsGateway(aws.ecs()), calls, clock, pool, profile.name(),
                profile.primaryRegion(), new HashSet<>(profile.clusters()));
        this.refresher = new FleetRefresher(reader, profile.refreshInterval());
    }

    /** Opens the profile; starts the embedded simulator when the profile asks for one. */
    public static Console open(Profile profile) {
        if (profile.simulator().isPresent()) {
            Profile.SimulatorSettings s = profile.simulator().get();
            return onSimulator(profile, Simulator.start(new Simulator.Options(s.scenario(), 0, false, s.speed())));
        }
        Clock clock = Clock.systemUTC();
        AwsCredentialsProvider credentials = profile.aws().flatMap(Profile.AwsSettings::profileName)
                .<AwsCredentialsProvider>map(ProfileCredentialsProvider::create)
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        String described = profile.aws().flatMap(Profile.AwsSettings::profileName)
                .map(n -> "AWS profile " + n).orElse("AWS default credential chain");
        AwsTarget target = new AwsTarget(profile.primaryRegion(),
                profile.aws().flatMap(Profile.AwsSettings::endpoint).map(URI::create), credentials, described);
        return new Console(profile, Optional.empty(), clock, new AwsClients(target, profile.maxConcurrency()),
                liveKitCalls(profile, clock));
    }

    /**
     * Points the real SDK clients at a running simulator, on the simulator's clock. The console owns
     * the simulator from here on and closes it with itself.
     */
    public static Console onSimulator(Profile profile, Simulator sim) {
        AwsTarget target = new AwsTarget(sim.region(), Optional.of(sim.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("simulator", "simulator")),
                "embedded simulator");
        AwsClients aws = new AwsClients(target, profile.maxConcurrency());
        CallSource calls = profile.calls().source() == Profile.CallSource.LIVEKIT
                ? new LiveKitCallSource(RoomServiceClient.createClient(sim.endpoint().toString(),
                sim.liveKitApiKey(), sim.liveKitApiSecret()), profile.calls().taskAttribute(), sim.clock())
                : () -> CallsReading.disabled(sim.clock().instant());
        return new Console(profile, Optional.of(sim), sim.clock(), aws, calls);
    }

    private static CallSource liveKitCalls(Profile profile, Clock clock) {
        if (profile.calls().source() == Profile.CallSource.NONE || profile.liveKit().isEmpty()) {
            return () -> CallsReading.disabled(clock.instant());
        }
        Profile.LiveKitSettings lk = profile.liveKit().get();
        Optional<String> key = lk.apiKeyEnv().map(System::getenv);
        Optional<String> secret = lk.apiSecretEnv().map(System::getenv);
        if (key.isEmpty() || secret.isEmpty()) {
            String missing = key.isEmpty() ? lk.apiKeyEnv().orElse("apiKeyEnv") : lk.apiSecretEnv().orElse("apiSecretEnv");
            return () -> CallsReading.failed("livekit", clock.instant(), "environment variable " + missing
                    + " is not set; export it before starting Drainboard");
        }
        String url = lk.url().replaceFirst("^wss://", "https://").replaceFirst("^ws://", "http://");
        return new LiveKitCallSource(RoomServiceClient.createClient(url, key.get(), secret.get()),
                profile.calls().taskAttribute(), clock);
    }

    public Profile profile() { return profile; }

    public Optional<Simulator> simulator() { return simulator; }

    public Clock clock() { return clock; }

    public FleetRefresher refresher() { return refresher; }

    @Override
    public void close() {
        refresher.close();
        pool.shutdownNow();
        calls.close();
        aws.close();
        simulator.ifPresent(Simulator::close);
    }
}
