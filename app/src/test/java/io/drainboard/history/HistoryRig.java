package io.drainboard.history;

import io.drainboard.aws.AwsClients;
import io.drainboard.aws.AwsTarget;
import io.drainboard.aws.Backoff;
import io.drainboard.aws.EcsGateway;
import io.drainboard.aws.EcsReads;
import io.drainboard.aws.RequestScheduler;
import io.drainboard.calls.CloudWatchCalls;
import io.drainboard.calls.LiveKitCallSource;
import io.drainboard.fleet.FleetReader;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ReadSettings;
import io.drainboard.fleet.ReadTarget;
import io.drainboard.sim.Simulator;
import io.livekit.server.RoomServiceClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The console's read path and history wired by hand against a simulator: real EcsClient, CloudWatchClient
 * and LiveKit RoomServiceClient on 127.0.0.1 (house rule 1), the simulator's clock, history in a temp dir.
 */
final class HistoryRig implements AutoCloseable {
    static final Backoff QUICK = new Backoff(Duration.ZERO, Duration.ofMillis(2), Duration.ofSeconds(30), 3);

    final Simulator sim;
    final AwsClients aws;
    final RequestScheduler requests;
    final LiveKitCallSource calls;
    final FleetReader reader;
    final History history;

    HistoryRig(Simulator sim, Path dataDir) {
        this.sim = sim;
        this.aws = new AwsClients(new AwsTarget(sim.region(), Optional.of(sim.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("simulator", "simulator")), "simulator"), 8);
        this.requests = new RequestScheduler(8, QUICK, "history-test");
        this.calls = new LiveKitCallSource(RoomServiceClient.createClient(sim.endpoint().toString(), sim.liveKitApiKey(),
                sim.liveKitApiSecret()), "ecs.task_arn", sim.clock(), requests);
        this.reader = new FleetReader(List.of(new ReadTarget("test", List.of(new ReadTarget.Region(sim.region(),
                new EcsReads(new EcsGateway(aws.readEcs()), requests), Set.of())), calls)), requests, sim.clock(),
                ReadSettings.DEFAULT);
        this.history = History.open(dataDir, sim.clock(), HistorySettings.DEFAULT.withBusyTimeout(Duration.ZERO));
    }

    /** One refresh, handed to history as the refresher would. */
    FleetSnapshot refresh() {
        FleetSnapshot s = reader.read();
        history.recorder().snapshot(s);
        return s;
    }

    Backfill backfill() {
        return new Backfill(history, new EcsHistoryGateway(aws.readEcs(), requests),
                Optional.of(new MetricHistoryGateway(aws.cloudWatch(), CloudWatchCalls.defaults(sim.metricNamespace()),
                        requests)), sim.clock(), Duration.ofHours(3));
    }

    void flush() {
        if (!history.flush(Duration.ofSeconds(60))) throw new AssertionError("history did not catch up");
    }

    @Override
    public void close() {
        history.close();
        reader.close();
        requests.close();
        calls.close();
        aws.close();
        sim.close();
    }
}
