package io.drainboard.fleet;

import io.drainboard.aws.Backoff;
import io.drainboard.calls.CallsReading;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.model.CallDurations;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ContainerDef;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskDefinitionState;
import io.drainboard.sim.model.TaskState;
import io.drainboard.sim.model.WorkerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults on the wire: the refresh degrades, says so, and never hides or zeroes what it could read. */
class ReadPathFaultsTest {
    private SimFleet fleet;

    @AfterEach
    void close() {
        if (fleet != null) fleet.close();
    }

    private static Simulator demo() {
        return Simulator.start(Simulator.Options.virtual("demo"));
    }

    private static Map<String, Integer> callsTruth(Simulator sim) {
        return sim.model().read(m -> m.clusters().stream().flatMap(c -> c.tasks().values().stream())
                .filter(t -> "RUNNING".equals(t.desiredStatus()))
                .collect(Collectors.toMap(TaskState::arn, t -> t.calls().size())));
    }

    @Test
    void withHalfOfAllRequestsThrottledTheRefreshCompletesAndSaysItIsDegraded() {
        fleet = SimFleet.liveKit(demo());
        long minimum = MinimumReads.total(MinimumReads.of(fleet.sim));
        fleet.sim.faults().set("*", new Faults.Rule(0.5, 0, 0, Duration.ZERO));
        fleet.sim.requests().reset();
        FleetSnapshot s = fleet.read();
        assertEquals(List.of(), s.errors(), "throttling is retried, not reported as a failure");
        assertEquals(29, s.tasks().count());
        Map<String, Integer> truth = callsTruth(fleet.sim);
        s.tasks().forEach(t -> assertEquals(truth.get(t.arn()), t.calls().count(), t.id()));
        assertTrue(s.degraded());
        assertTrue(s.requests().throttled() > 0);
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("throttled")), s.warnings().toString());
        assertTrue(fleet.sim.requests().total() > minimum, "retries cost requests");
        assertEquals(fleet.sim.requests().total(), s.requests().sent(), "every try is counted");
    }

    @Test
    void aServiceThatCannotBeDescribedIsShownFailingAndTheOthersAreShown() {
        // One worker and no retry of 5xx make the order and number of DescribeServices fixed: voice-prod's
        // batch goes first, then voice-staging's. The simulator draws one number per faulted request from
        // SplittableRandom(17); a rate between the first two draws fails exactly one of them.
        SplittableRandom draws = new SplittableRandom(17);
        double x0 = draws.nextDouble(), x1 = draws.nextDouble();
        String failing = x0 < x1 ? "voice-prod" : "voice-staging";
        String fine = x0 < x1 ? "voice-staging" : "voice-prod";
        fleet = SimFleet.liveKit(demo(), Simulator.LIVEKIT_API_SECRET, 1,
                new Backoff(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30), 1), ReadSettings.DEFAULT);
        fleet.sim.faults().set("ecs:DescribeServices", new Faults.Rule(0, (x0 + x1) / 2, 0, Duration.ZERO));
        FleetSnapshot s = fleet.read();

        ClusterSnapshot bad = cluster(s, failing), good = cluster(s, fine);
        assertTrue(bad.error().isEmpty(), "the cluster itself was read");
        assertFalse(bad.services().isEmpty());
        for (ServiceSnapshot svc : bad.services()) {
            assertTrue(svc.error().orElse("").contains("DescribeServices failed"), svc.key() + " " + svc.error());
            int truth = fleet.sim.model().read(m -> m.cluster(failing).orElseThrow().services().get(svc.name()).tasks().size());
            assertEquals(truth, svc.tasks().size(), "its tasks are still shown");
        }
        for (ServiceSnapshot svc : good.services()) {
            assertTrue(svc.error().isEmpty(), svc.key());
            assertTrue(svc.desiredCount() > 0);
        }
        assertTrue(s.errors().stream().anyMatch(e -> e.startsWith("Service " + failing + "/")), s.errors().toString());
        assertEquals(29, s.tasks().count());
    }

    @Test
    void aClusterThatFailsKeepsItsLastDataMarkedWhileTheRestIsShown() {
        fleet = SimFleet.liveKit(demo());
        FleetSnapshot first = fleet.read();
        fleet.sim.faults().set("ecs:ListTasks", new Faults.Rule(0, 1.0, 0, Duration.ZERO));
        fleet.sim.advance(Duration.ofSeconds(5));
        FleetSnapshot second = fleet.read();
        assertEquals(2, second.clusters().size());
        for (ClusterSnapshot c : second.clusters()) {
            assertTrue(c.error().orElse("").contains("ServerException"), c.name() + " " + c.error());
            assertEquals(first.takenAt(), c.readAt(), "its data is the last read, and says when");
        }
        assertEquals(29, second.tasks().count(), "no flicker: the tasks stay on screen");
        assertTrue(second.diff().removedTasks().isEmpty());
        assertTrue(second.errors().stream().anyMatch(e -> e.startsWith("Cluster voice-prod")), second.errors().toString());
    }

    @Test
    void tasksAFreshReaderCannotDescribeMarkEveryServiceOfTheClusterIncomplete() {
        fleet = SimFleet.liveKit(demo());
        fleet.sim.faults().set("ecs:DescribeTasks", new Faults.Rule(0, 1.0, 0, Duration.ZERO));
        FleetSnapshot s = fleet.read(); // nothing read before: the listed tasks cannot be shown at all
        assertTrue(s.errors().stream().anyMatch(e -> e.contains("DescribeTasks failed")), s.errors().toString());
        assertTrue(s.services().allMatch(svc -> svc.error().orElse("").startsWith("task list incomplete")),
                "a task absent from this read may be running: no service may look complete");
        fleet.sim.faults().clear();
        FleetSnapshot next = fleet.read();
        assertTrue(next.services().allMatch(svc -> svc.error().isEmpty()), "complete again once described");
        assertEquals(29, next.tasks().count());
    }

    @Test
    void aClusterTheProfileNamesButTheRegionLacksIsReported() {
        fleet = SimFleet.with(demo(), 8, SimFleet.QUICK, ReadSettings.DEFAULT, Set.of("voice-prod", "voice-dev"),
                (p, r) -> () -> CallsReading.disabled(p.sim().clock().instant()));
        FleetSnapshot s = fleet.read();
        assertEquals(List.of("voice-prod"), s.clusters().stream().map(ClusterSnapshot::name).toList());
        assertTrue(s.errors().stream().anyMatch(e -> e.contains("No cluster named voice-dev")), s.errors().toString());
        assertEquals(1, fleet.sim.requests().count("ecs", "DescribeClusters"));
        assertEquals(0, fleet.sim.requests().count("ecs", "ListClusters"));
    }

    @Test
    void aWrongLiveKitSecretGivesAClearErrorOnTheCallsAndLeavesEcsIntact() {
        fleet = SimFleet.liveKit(demo(), "not-the-secret-0000000000000000000000", 8, SimFleet.QUICK, ReadSettings.DEFAULT);
        FleetSnapshot s = fleet.read();
        assertFalse(s.calls().ok());
        String error = s.calls().error().orElseThrow();
        assertTrue(error.contains("401") && error.contains("key/secret"), error);
        assertTrue(s.errors().stream().anyMatch(e -> e.startsWith("Calls unknown") && e.contains("401")), s.errors().toString());
        assertEquals(29, s.tasks().count());
        assertTrue(s.tasks().noneMatch(t -> t.calls().known()), "unknown, never 0");
        assertTrue(s.tasks().allMatch(t -> t.calls().error().orElse("").contains("401")));
        assertEquals(1, s.errors().size(), "ECS itself is fine: " + s.errors());
        assertEquals(120, s.service("voice-prod", "support-agent").orElseThrow().tasks().get(0).stopTimeout().seconds());
    }

    @Test
    void callsOnAnAgentWithoutTheTaskAttributeAreCountedAsUnattributedVisibly() {
        Simulator sim = demo();
        String legacyTask = sim.model().read(m -> {
            ClusterState c = m.cluster("voice-staging").orElseThrow();
            TaskDefinitionState td = m.registerTaskDefinition("legacy-agent", 1, "1024", "2048", "awsvpc",
                    List.of("FARGATE"), List.of(new ContainerDef("agent", "example/legacy:1", 0, 0, true, 60)));
            ServiceState s = m.addService(c, "legacy-agent", "FARGATE", td.arn(), 1,
                    new WorkerSpec(4, Duration.ofHours(1), "legacy-agent", false),
                    new CallDurations(Duration.ofMinutes(4), Duration.ofMinutes(25)), 0, List.of("us-east-1a"), false);
            TaskState t = m.addRunningTask(s, m.now().minusSeconds(600), null);
            m.startCall(t, m.now().minusSeconds(30), Duration.ofMinutes(10));
            m.startCall(t, m.now().minusSeconds(20), Duration.ofMinutes(10));
            return t.arn();
        });
        fleet = SimFleet.liveKit(sim);
        FleetSnapshot s = fleet.read();
        assertEquals(2, s.calls().unattributed());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("2 live calls") && w.contains("ecs.task_arn")),
                s.warnings().toString());
        assertTrue(s.degraded());
        TaskSnapshot legacy = s.task(legacyTask).orElseThrow();
        assertEquals(0, legacy.calls().count(), "LiveKit could not tie them to this task");
    }

    private static ClusterSnapshot cluster(FleetSnapshot s, String name) {
        return s.clusters().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
