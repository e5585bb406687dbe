package io.drainboard.fleet;

import io.drainboard.calls.CloudWatchCallSource;
import io.drainboard.calls.CloudWatchCalls;
import io.drainboard.calls.LiveKitCallSource;
import io.drainboard.calls.WorkerEndpointCallSource;
import io.drainboard.calls.WorkerUrl;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.cloudwatch.MetricId;
import io.drainboard.sim.cloudwatch.MetricStore;
import io.drainboard.sim.cloudwatch.Statistic;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.model.TaskState;
import io.livekit.server.RoomServiceClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-task call sources (docs/architecture.md, calls) against the simulator's worker endpoints and CloudWatch. */
class CallSourcesWireTest {
    private SimFleet fleet;

    @AfterEach
    void close() {
        if (fleet != null) fleet.close();
    }

    private SimFleet workers() {
        fleet = SimFleet.with(Simulator.start(Simulator.Options.virtual("demo")), 8, SimFleet.QUICK, ReadSettings.DEFAULT,
                Set.of(), (p, r) -> new WorkerEndpointCallSource(WorkerUrl.simulator(p.sim().endpoint()), p.sim().clock(), r,
                        Duration.ofSeconds(2)));
        return fleet;
    }

    @Test
    void theLiveKitClientIsBuiltAtTheFirstReadOnlyAndThenServesEveryRead() {
        Simulator sim = Simulator.start(Simulator.Options.virtual("demo"));
        java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
        fleet = SimFleet.with(sim, 8, SimFleet.QUICK, ReadSettings.DEFAULT, Set.of(), (p, r) -> LiveKitCallSource.connectingOnFirstRead(
                () -> {
                    built.incrementAndGet();
                    return RoomServiceClient.createClient(sim.endpoint().toString(), sim.liveKitApiKey(), sim.liveKitApiSecret());
                }, "ecs.task_arn", sim.clock(), r));
        assertEquals(0, built.get(), "no client before the first read");
        for (int read = 1; read <= 2; read++) {
            FleetSnapshot s = fleet.read();
            Map<String, Integer> truth = sim.model().read(m -> m.clusters().stream()
                    .flatMap(c -> c.tasks().values().stream())
                    .collect(Collectors.toMap(TaskState::arn, t -> t.calls().size())));
            assertTrue(s.calls().ok(), s.calls().toString());
            for (TaskSnapshot t : s.tasks().toList()) assertEquals(truth.get(t.arn()), t.calls().count(), t.id());
            assertEquals(1, built.get(), "one client, built at the first read");
        }
    }

    @Test
    void theWorkerEndpointCountsEachTasksJobs() {
        SimFleet f = workers();
        FleetSnapshot s = f.read();
        Map<String, Integer> truth = f.sim.model().read(m -> m.clusters().stream()
                .flatMap(c -> c.tasks().values().stream())
                .collect(Collectors.toMap(TaskState::arn, t -> t.calls().size())));
        assertTrue(s.calls().ok(), s.calls().toString());
        assertEquals(29, f.sim.requests().count("worker", "GetWorker"), "one request per task");
        for (TaskSnapshot t : s.tasks().toList()) {
            assertTrue(t.calls().known(), t.id() + " " + t.calls());
            assertEquals("worker", t.calls().source());
            assertEquals(truth.get(t.arn()), t.calls().count(), t.id());
        }
    }

    @Test
    void whenNoWorkerAnswersTheLastCountsAreShownStaleNeverZero() {
        SimFleet f = workers();
        f.read();
        f.sim.faults().set("worker:GetWorker", new Faults.Rule(0, 1.0, 0, Duration.ZERO));
        FleetSnapshot s = f.read();
        assertFalse(s.calls().ok(), "no worker answered");
        assertTrue(s.tasks().allMatch(t -> !t.calls().known() && t.calls().stale()), "the last counts, marked stale");
        assertTrue(s.tasks().allMatch(t -> t.calls().error().orElse("").contains("503")));
        assertTrue(s.errors().stream().anyMatch(e -> e.contains("no worker endpoint answered")), s.errors().toString());
    }

    @Test
    void cloudWatchCountsAreTheNewestDatapointWithItsAge() {
        Simulator sim = Simulator.start(Simulator.Options.virtual("demo"));
        sim.advance(Duration.ofMinutes(3));
        fleet = SimFleet.with(sim, 8, SimFleet.QUICK, ReadSettings.DEFAULT, Set.of(), (p, r) -> new CloudWatchCallSource(
                p.aws().cloudWatch(), CloudWatchCalls.defaults(sim.metricNamespace()), sim.clock(), r));
        FleetSnapshot s = fleet.read();
        Instant now = sim.clock().instant();
        assertTrue(s.calls().ok(), s.calls().toString());
        assertEquals(1, sim.requests().count("cloudwatch", "GetMetricData"), "29 tasks fit one request (500 queries)");
        for (TaskSnapshot t : s.tasks().toList()) {
            assertTrue(t.calls().known(), t.id() + " " + t.calls());
            assertEquals("cloudwatch", t.calls().source());
            assertTrue(t.calls().observedAt().isBefore(now.minusSeconds(60)), "CloudWatch data is delayed: " + t.calls().observedAt());
            List<MetricStore.Datapoint> points = sim.metrics().query(MetricId.of(sim.metricNamespace(), "agent_active_sessions",
                    "ClusterName", t.clusterName(), "ServiceName", t.serviceName(), "TaskId", t.id()),
                    now.minus(Duration.ofMinutes(10)), now, 60, Statistic.Maximum, now);
            MetricStore.Datapoint newest = points.get(points.size() - 1);
            assertEquals(newest.timestamp(), t.calls().observedAt());
            assertEquals((int) Math.round(newest.value()), t.calls().count(), t.id());
        }
    }

    @Test
    void aCloudWatchFailureLeavesCallsUnknownNotZero() {
        Simulator sim = Simulator.start(Simulator.Options.virtual("demo"));
        sim.faults().set("cloudwatch:GetMetricData", new Faults.Rule(0, 1.0, 0, Duration.ZERO));
        fleet = SimFleet.with(sim, 8, SimFleet.QUICK, ReadSettings.DEFAULT, Set.of(), (p, r) -> new CloudWatchCallSource(
                p.aws().cloudWatch(), CloudWatchCalls.defaults(sim.metricNamespace()), sim.clock(), r));
        FleetSnapshot s = fleet.read();
        assertFalse(s.calls().ok());
        assertTrue(s.tasks().noneMatch(t -> t.calls().known()));
        assertEquals(29, s.tasks().count(), "ECS data intact");
    }
}
