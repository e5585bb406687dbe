package io.drainboard.rollout;

import io.drainboard.aws.AwsClients;
import io.drainboard.aws.AwsTarget;
import io.drainboard.aws.Backoff;
import io.drainboard.aws.EcsGateway;
import io.drainboard.aws.EcsReads;
import io.drainboard.aws.RequestScheduler;
import io.drainboard.calls.CallSource;
import io.drainboard.calls.LiveKitCallSource;
import io.drainboard.fleet.FleetReader;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ReadSettings;
import io.drainboard.fleet.ReadTarget;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.ServiceState;
import io.livekit.server.RoomServiceClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A rollout against the simulator in virtual time, with the real SDK clients and the real read path
 * (house rule 1): the rig reads the fleet, steps the engine, and moves the simulator's clock.
 */
final class RolloutRig implements AutoCloseable {
    static final Path SCENARIOS = Path.of("..", "simulator", "src", "test", "resources", "scenarios");
    /** Retries at once (no wall-time waits); throttled reads are retried for up to 30 s of wall time. */
    static final Backoff QUICK = new Backoff(Duration.ZERO, Duration.ofMillis(2), Duration.ofSeconds(30), 3);

    final Simulator sim;
    final AwsClients aws;
    final RequestScheduler requests;
    final CallSource calls;
    final FleetReader reader;
    final RolloutWiring wiring;
    final RolloutJournal journal;
    final String cluster;
    final String service;

    RolloutRig(String scenario, String cluster, String service, Profile.CordonMethod cordon, Path journalDir) {
        this(Simulator.start(Simulator.Options.virtual(SCENARIOS.resolve(scenario + ".yaml").toString())), cluster, service,
                cordon, journalDir);
    }

    /**
     * rollout-tiny (two busy tasks) with one change to its YAML, written next to the journals.
     *
     * @throws AssertionError when the scenario has no {@code from}
     */
    static RolloutRig tinyWith(Path journalDir, Profile.CordonMethod cordon, String from, String to) throws java.io.IOException {
        String yaml = java.nio.file.Files.readString(SCENARIOS.resolve("rollout-tiny.yaml"));
        if (!yaml.contains(from)) throw new AssertionError("rollout-tiny has no " + from);
        Path f = java.nio.file.Files.createTempFile(journalDir, "rollout-tiny-changed", ".yaml");
        java.nio.file.Files.writeString(f, yaml.replace(from, to));
        String name = f.toString().substring(0, f.toString().length() - ".yaml".length());
        return new RolloutRig(name, "voice", "agent", cordon, journalDir);
    }

    private final Profile.CordonMethod cordon;
    private final Path journalDir;

    RolloutRig(Simulator sim, String cluster, String service, Profile.CordonMethod cordon, Path journalDir) {
        this(sim, cluster, service, cordon, journalDir, false);
    }

    /** @param readOnly the console's profile is read-only */
    RolloutRig(Simulator sim, String cluster, String service, Profile.CordonMethod cordon, Path journalDir, boolean readOnly) {
        this.cordon = cordon;
        this.journalDir = journalDir;
        this.sim = sim;
        this.cluster = cluster;
        this.service = service;
        this.aws = new AwsClients(new AwsTarget(sim.region(), Optional.of(sim.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("simulator", "simulator")), "simulator"), 4);
        this.requests = new RequestScheduler(4, QUICK, "rollout-test");
        this.calls = new LiveKitCallSource(RoomServiceClient.createClient(sim.endpoint().toString(), sim.liveKitApiKey(),
                sim.liveKitApiSecret()), "ecs.task_arn", sim.clock(), requests);
        this.reader = new FleetReader(List.of(new ReadTarget("test", List.of(new ReadTarget.Region(sim.region(),
                new EcsReads(new EcsGateway(aws.readEcs()), requests), Set.of(cluster))), calls)), requests, sim.clock(),
                ReadSettings.DEFAULT);
        this.journal = new RolloutJournal(journalDir);
        this.wiring = new RolloutWiring(profile(cordon, readOnly), Optional.of(sim.workerUrlTemplate() + "/drain"), sim.clock(),
                aws.readEcs(), reader::read, journal);
    }

    /** Another console process on the same fleet (its own clients and journal object) with this data directory. */
    RolloutRig another(Path journalDir, boolean readOnly) {
        return new RolloutRig(sim, cluster, service, cordon, journalDir, readOnly);
    }

    static Profile profile(Profile.CordonMethod cordon) {
        return profile(cordon, false);
    }

    static Profile profile(Profile.CordonMethod cordon, boolean readOnly) {
        return new Profile("rollout-test", Path.of("rollout-test.yaml"), "", List.of("us-east-1"), Optional.empty(),
                Optional.empty(), Optional.empty(), new Profile.CallSettings(Profile.CallSource.LIVEKIT, "ecs.task_arn"),
                Duration.ofSeconds(5), 4, readOnly, false, List.of(), List.of(),
                new Profile.CordonSettings(cordon, Profile.CordonSettings.DEFAULT_COMMAND, Optional.empty(),
                        Profile.CordonSettings.DEFAULT_DRAIN_URL),
                new Profile.CallPrior(Duration.ofMinutes(2), Duration.ofMinutes(10)),
                new Profile.DrainSettings(Duration.ofMinutes(30), 1, 0.999), Profile.GuardSettings.DEFAULT, Map.of());
    }

    FleetSnapshot read() {
        return wiring.refresh();
    }

    ServiceSnapshot serviceSnapshot() {
        return read().service(cluster, service).orElseThrow();
    }

    ServiceState model() {
        return sim.model().read(m -> m.cluster(cluster).orElseThrow().services().get(service));
    }

    /** Every task whose worker takes calls starts a call of this length now (the simulator's own traffic goes on). */
    void callOnEachServingTask(Duration length) {
        sim.model().read(m -> {
            for (io.drainboard.sim.model.TaskState t : model().tasks()) {
                if ("RUNNING".equals(t.desiredStatus()) && t.worker() == io.drainboard.sim.model.WorkerState.SERVING) {
                    m.startCall(t, m.now(), length);
                }
            }
            return null;
        });
    }

    /** A new revision of the service's family (an exact copy), registered through the real SDK. */
    String newRevision() {
        return wiring.deploys().registerCopy(model().taskDefinitionArn()).arn();
    }

    RolloutSettings settings(int maxParallel) {
        return wiring.settings(cluster, service, maxParallel);
    }

    RolloutEngine start(String target, RolloutSettings settings) {
        ServiceSnapshot svc = serviceSnapshot();
        RolloutSpec spec = PreflightReader.spec(svc, wiring.deploys().describe(target), settings);
        return RolloutEngine.start(spec, wiring.effects(settings), journal, sim.clock().instant());
    }

    /** One pass: read, step. */
    RolloutStatus step(RolloutEngine e) {
        return e.step(read());
    }

    /** Steps every {@code every} of virtual time until the rollout ends or {@code limit} passes. */
    RolloutStatus run(RolloutEngine e, Duration every, Duration limit) {
        RolloutStatus s = step(e);
        Duration spent = Duration.ZERO;
        while (!e.ended() && spent.compareTo(limit) < 0) {
            sim.advance(every);
            spent = spent.plus(every);
            s = step(e);
        }
        return s;
    }

    long callsCut() {
        return sim.groundTruth().callsCut();
    }

    /** The console process dies and a new one starts on the same fleet and data directory. */
    RolloutRig restart() {
        closeKeepingSimulator();
        return new RolloutRig(sim, cluster, service, cordon, journalDir);
    }

    void closeKeepingSimulator() {
        journal.close(); // the process's hold on the journal directory goes with it, as the OS releases a dead process's locks
        wiring.close();
        reader.close();
        requests.close();
        calls.close();
        aws.close();
    }

    @Override
    public void close() {
        closeKeepingSimulator();
        sim.close();
    }

    /** Removes a temporary journal directory. */
    static void delete(Path dir) {
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
