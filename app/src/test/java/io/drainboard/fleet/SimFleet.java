package io.drainboard.fleet;

import io.drainboard.aws.AwsClients;
import io.drainboard.aws.AwsTarget;
import io.drainboard.aws.Backoff;
import io.drainboard.aws.EcsGateway;
import io.drainboard.aws.EcsReads;
import io.drainboard.aws.RequestScheduler;
import io.drainboard.calls.CallSource;
import io.drainboard.calls.LiveKitCallSource;
import io.drainboard.sim.Simulator;
import io.livekit.server.RoomServiceClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The read path wired by hand against a simulator, with the knobs tests turn: concurrency, backoff,
 * re-read settings, the call source, the cluster filter. Real SDK clients throughout (house rule 1).
 */
final class SimFleet implements AutoCloseable {
    /** Backoff for tests: retries at once (no wall-time waits), throttling retried for up to 30 s. */
    static final Backoff QUICK = new Backoff(Duration.ZERO, Duration.ofMillis(2), Duration.ofSeconds(30), 3);

    final Simulator sim;
    final AwsClients aws;
    final RequestScheduler requests;
    final CallSource calls;
    final FleetReader reader;

    private SimFleet(Simulator sim, int concurrency, Backoff backoff, ReadSettings settings, Set<String> clusters,
                     BiFunction<SimFleet.Parts, RequestScheduler, CallSource> calls) {
        this.sim = sim;
        this.aws = new AwsClients(new AwsTarget(sim.region(), Optional.of(sim.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("simulator", "simulator")), "simulator"),
                concurrency);
        this.requests = new RequestScheduler(concurrency, backoff, "test-read");
        this.calls = calls.apply(new Parts(sim, aws), requests);
        this.reader = new FleetReader(List.of(new ReadTarget("test", List.of(new ReadTarget.Region(sim.region(),
                new EcsReads(new EcsGateway(aws.readEcs()), requests), clusters)), this.calls)), requests, sim.clock(),
                settings);
    }

    record Parts(Simulator sim, AwsClients aws) {
    }

    static SimFleet liveKit(Simulator sim) {
        return liveKit(sim, sim.liveKitApiSecret(), 8, QUICK, ReadSettings.DEFAULT);
    }

    static SimFleet liveKit(Simulator sim, String secret, int concurrency, Backoff backoff, ReadSettings settings) {
        return new SimFleet(sim, concurrency, backoff, settings, Set.of(), (p, r) -> new LiveKitCallSource(
                RoomServiceClient.createClient(sim.endpoint().toString(), sim.liveKitApiKey(), secret),
                "ecs.task_arn", sim.clock(), r));
    }

    static SimFleet with(Simulator sim, int concurrency, Backoff backoff, ReadSettings settings, Set<String> clusters,
                         BiFunction<Parts, RequestScheduler, CallSource> calls) {
        return new SimFleet(sim, concurrency, backoff, settings, clusters, calls);
    }

    FleetSnapshot read() {
        return reader.read();
    }

    @Override
    public void close() {
        closeKeepingSimulator();
        sim.close();
    }

    void closeKeepingSimulator() {
        reader.close();
        requests.close();
        calls.close();
        aws.close();
    }
}
