package io.drainboard.fleet;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the read path sends, and what the snapshot holds, against the demo fleet in virtual time. */
class ReadPathWireTest {
    private SimFleet fleet;

    @AfterEach
    void close() {
        if (fleet != null) fleet.close();
    }

    private SimFleet demo() {
        fleet = SimFleet.liveKit(Simulator.start(Simulator.Options.virtual("demo")));
        return fleet;
    }

    @Test
    void theFirstRefreshSendsExactlyTheMinimumTheApisAllow() {
        SimFleet f = demo();
        Map<String, Long> minimum = MinimumReads.of(f.sim);
        f.sim.requests().reset();
        FleetSnapshot s = f.read();
        assertTrue(s.errors().isEmpty(), s.errors().toString());
        assertEquals(minimum, f.sim.requests().snapshot());
        // The snapshot counts every try; a try that never reached the server (a stale pooled connection under
        // load) is retried and counted once more, so tries minus retries is what the server saw.
        assertEquals(MinimumReads.total(minimum), s.requests().sent() - s.requests().retried(), "the snapshot counts what it cost");
    }

    @Test
    void aSteadyStateRefreshCostsLessThanTheFirst() {
        SimFleet f = demo();
        f.sim.requests().reset();
        f.read();
        long first = f.sim.requests().total();
        f.sim.requests().reset();
        FleetSnapshot second = f.read();
        Map<String, Long> sent = f.sim.requests().snapshot();
        assertEquals(0, sent.getOrDefault("ecs:DescribeTaskDefinition", 0L), "task definitions are cached by ARN");
        assertEquals(0, sent.getOrDefault("ecs:DescribeTasks", 0L), "settled tasks are not re-read at once");
        assertEquals(0, sent.getOrDefault("livekit:ListParticipants", 0L), "no new rooms in frozen time");
        assertTrue(f.sim.requests().total() < first / 2, sent + " vs " + first + " the first time");
        assertEquals(29, second.tasks().count(), "reused tasks are still all there");
        assertTrue(second.diff().isEmpty(), second.diff().toString());

        f.sim.advance(Duration.ofSeconds(31));
        f.sim.requests().reset();
        FleetSnapshot third = f.read();
        assertTrue(f.sim.requests().count("ecs", "DescribeTasks") >= 1, "settled tasks are re-read once their data is old");
        assertTrue(third.tasks().allMatch(t -> !t.describedAt().isBefore(third.takenAt().minusSeconds(30))));
    }

    @Test
    void aSteadyStateRefreshListsFullServicesSideBySideWithoutAnExtraRequest() {
        fleet = SimFleet.with(Simulator.start(Simulator.Options.virtual(java.nio.file.Path.of("..", "simulator", "src",
                        "test", "resources", "scenarios", "services-wide.yaml").toString())), 8, SimFleet.QUICK,
                ReadSettings.DEFAULT, Set.of(),
                (p, r) -> () -> io.drainboard.calls.CallsReading.disabled(p.sim().clock().instant()));
        fleet.sim.requests().reset();
        FleetSnapshot first = fleet.read();
        assertTrue(first.tasks().count() >= 400, first.tasks().count() + " tasks");
        // The first refresh knows no counts: each cluster's list (wide: 4 pages, narrow: 1) plus a STOPPED list each.
        assertEquals(4 + 1 + 1 + 1, fleet.sim.requests().count("ecs", "ListTasks"));
        fleet.read(); // a steady refresh on a warm JVM (and the last tasks settled): what the timed one is compared with is not the JIT

        // Each ListTasks page takes LATENCY_MS: the wide cluster's 4 pages one after another would take 4 of them.
        fleet.sim.faults().set("ecs:ListTasks", new Faults.Rule(0, 0, 0, Duration.ofMillis(LATENCY_MS)));
        // The cluster's 4 pages one after another cannot take less than 4 x LATENCY_MS; side by side they take about
        // one. The best of 3 refreshes, so that a stall of this busy machine does not decide the test.
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            fleet.sim.requests().reset();
            long t0 = System.nanoTime();
            FleetSnapshot steady = fleet.read();
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            assertTrue(steady.errors().stream().allMatch(e -> e.startsWith("Calls unknown")), steady.errors().toString());
            assertEquals(first.tasks().count(), steady.tasks().count());
            assertTrue(steady.diff().isEmpty(), steady.diff().toString());
            // wide per service (4 lists of one page), narrow per cluster (1 page, not 3), a STOPPED list each: no extra request.
            assertEquals(4 + 1 + 1 + 1, fleet.sim.requests().count("ecs", "ListTasks"));
            assertEquals(4 + 1, fleet.sim.requests().count("ecs", "GetTaskProtection"));
        }
        assertTrue(best < 3.5 * LATENCY_MS, best + " ms: the wide cluster's pages were not listed side by side");
    }

    @Test
    void reReadsOfSettledTasksStayWithinWhatTheBucketRefillsBetweenRefreshes() {
        // A bucket of 8 requests a refresh: the lists take 7 (wide per service 4, narrow 1, a STOPPED list each), so one
        // DescribeTasks of 100 settled tasks is left; the other due tasks wait for later refreshes, none for ever.
        ReadSettings tight = new ReadSettings(Duration.ofSeconds(30), 10, Duration.ofSeconds(300), 50, 8);
        fleet = SimFleet.with(Simulator.start(Simulator.Options.virtual(java.nio.file.Path.of("..", "simulator", "src",
                        "test", "resources", "scenarios", "services-wide.yaml").toString())), 8, SimFleet.QUICK, tight, Set.of(),
                (p, r) -> () -> io.drainboard.calls.CallsReading.disabled(p.sim().clock().instant()));
        FleetSnapshot first = fleet.read();
        fleet.read();
        java.time.Instant due = fleet.sim.clock().instant();
        fleet.sim.advance(Duration.ofSeconds(31)); // every settled task's data is now older than its re-read age
        java.util.Set<String> reread = new java.util.HashSet<>();
        FleetSnapshot s = first;
        for (int i = 0; i < 12; i++) {
            fleet.sim.requests().reset();
            s = fleet.read();
            assertEquals(1, fleet.sim.requests().count("ecs", "DescribeTasks"), "refresh " + i + ": "
                    + fleet.sim.requests().snapshot());
            assertEquals(first.tasks().count(), s.tasks().count(), "a task waiting for its re-read is still shown");
            s.tasks().filter(t -> t.describedAt().isAfter(due)).forEach(t -> reread.add(t.arn()));
            fleet.sim.advance(Duration.ofSeconds(5));
        }
        // 12 refreshes of one batch of 100 re-read more than the 412 tasks twice over (tasks the scenario starts
        // meanwhile are described first and take part of a batch), so each was re-read: none starves (a task the
        // scenario stopped meanwhile is no longer there to re-read).
        java.util.Set<String> stillThere = s.tasks().map(t -> t.arn()).collect(java.util.stream.Collectors.toSet());
        java.util.List<String> starved = first.tasks().map(t -> t.arn()).filter(stillThere::contains)
                .filter(a -> !reread.contains(a)).toList();
        assertEquals(java.util.List.of(), starved);
        assertTrue(stillThere.size() > 400, "the scenario keeps its tasks: " + stillThere.size());
    }

    /** Long enough that CPU overhead on a loaded 2-core machine stays small beside it. */
    private static final long LATENCY_MS = 300;

    @Test
    void atMostTheConfiguredNumberOfRequestsAreInFlight() {
        fleet = SimFleet.with(Simulator.start(Simulator.Options.virtual("demo")), 3, SimFleet.QUICK,
                ReadSettings.DEFAULT.describeEverything(), Set.of(),
                (p, r) -> () -> io.drainboard.calls.CallsReading.disabled(p.sim().clock().instant()));
        fleet.read(); // warm up: class loading and connections are not what this measures
        fleet.sim.faults().set("ecs:*", new Faults.Rule(0, 0, 0, Duration.ofMillis(LATENCY_MS)));
        fleet.sim.requests().reset();
        long t0 = System.nanoTime();
        FleetSnapshot s = fleet.read();
        double wallMs = (System.nanoTime() - t0) / 1e6;
        long n = fleet.sim.requests().total();
        // With at most 3 in flight, n requests of LATENCY_MS each cannot finish faster than n/3 × LATENCY_MS …
        assertTrue(wallMs >= Math.ceil(n / 3.0) * LATENCY_MS * 0.95, wallMs + " ms for " + n + " requests");
        assertTrue(s.requests().peakInFlight() <= 3 && s.requests().peakInFlight() >= 2, "peak " + s.requests().peakInFlight());
        // … and the bound is used: far faster than one at a time.
        assertTrue(wallMs < n * LATENCY_MS * 0.75, wallMs + " ms for " + n + " requests is not parallel");
    }

    @Test
    void oneReaderReadsSeveralProfilesAndRegionsAtOnce() {
        Simulator us = Simulator.start(Simulator.Options.virtual("demo"));
        Simulator eu = Simulator.start(Simulator.Options.virtual(
                java.nio.file.Path.of("..", "simulator", "src", "test", "resources", "scenarios", "ecs-paging.yaml").toString()));
        try (SimFleet a = SimFleet.liveKit(us); SimFleet b = SimFleet.liveKit(eu);
             var requests = new io.drainboard.aws.RequestScheduler(8, SimFleet.QUICK, "both");
             FleetReader both = new FleetReader(java.util.List.of(
                     new ReadTarget("prod", java.util.List.of(new ReadTarget.Region(us.region(),
                             new io.drainboard.aws.EcsReads(new io.drainboard.aws.EcsGateway(a.aws.readEcs()), requests), Set.of())), a.calls),
                     new ReadTarget("eu", java.util.List.of(new ReadTarget.Region(eu.region(),
                             new io.drainboard.aws.EcsReads(new io.drainboard.aws.EcsGateway(b.aws.readEcs()), requests), Set.of())), b.calls)),
                     requests, us.clock(), ReadSettings.DEFAULT)) {
            FleetSnapshot s = both.read();
            assertEquals(java.util.List.of(), s.errors());
            assertEquals(java.util.List.of("prod/us-east-1/voice-prod", "prod/us-east-1/voice-staging", "eu/eu-west-1/big",
                    "eu/eu-west-1/default"), s.clusters().stream().map(c -> c.profile() + "/" + c.region() + "/" + c.name()).toList());
            assertEquals(29 + 10 + 2 * 2 + 250, s.tasks().count());
        }
    }

    @Test
    void theSnapshotCarriesWhatTheEnginesNeed() {
        FleetSnapshot s = demo().read();
        ServiceSnapshot support = s.service("voice-prod", "support-agent").orElseThrow();
        assertTrue(support.enableExecuteCommand());
        assertEquals(120, support.stopTimeout().orElseThrow().seconds());
        assertEquals("ACTIVE", support.status());
        assertFalse(support.events().isEmpty());
        for (int i = 1; i < support.events().size(); i++) {
            assertFalse(support.events().get(i).createdAt().isAfter(support.events().get(i - 1).createdAt()), "newest first");
        }
        DeploymentSnapshot primary = support.deployments().get(0);
        assertEquals("PRIMARY", primary.status());
        assertEquals("COMPLETED", primary.rolloutState());
        assertEquals(100, support.deploymentConfig().minimumHealthyPercent());

        TaskSnapshot t = support.tasks().get(0);
        TaskState truth = fleet.sim.model().read(m -> m.task(t.arn()).orElseThrow());
        assertEquals(truth.privateIp(), t.privateIp().orElseThrow());
        assertEquals(1, t.containers().size());
        assertEquals("agent", t.containers().get(0).name());
        assertEquals("RUNNING", t.containers().get(0).lastStatus());
        assertTrue(t.startedBy().isPresent(), "service tasks are started by their deployment");
        assertTrue(t.kill().isEmpty());
        assertEquals(s.takenAt(), t.describedAt());
        int calls = fleet.sim.model().read(m -> m.task(t.arn()).orElseThrow().calls().size());
        assertEquals(calls, t.calls().calls().size(), "each call with its start, for ages");
    }

    @Test
    void aStoppedTaskShowsItsKillClockThenLeavesForRecentlyStopped() {
        SimFleet f = demo();
        FleetSnapshot before = f.read();
        TaskSnapshot victim = before.service("voice-prod", "support-agent").orElseThrow().tasks().get(0);
        f.aws.ecs().stopTask(b -> b.cluster("voice-prod").task(victim.arn()).reason("test"));
        // ECS's reads may lag the StopTask by up to the simulator's read-after-write lag (5 s): read after it.
        f.sim.advance(f.sim.model().rules().readAfterWriteLag());

        FleetSnapshot stopping = f.read();
        TaskSnapshot t = stopping.task(victim.arn()).orElseThrow();
        assertTrue(t.stopping(), t.lastStatus() + "/" + t.desiredStatus());
        KillClock kill = t.kill().orElseThrow();
        assertEquals(t.stoppingAt().orElseThrow().plusSeconds(120), kill.earliestSigkill());
        assertEquals(Set.of(victim.arn()), Set.copyOf(stopping.diff().changedTasks().stream().map(TaskSnapshot::arn)
                .filter(victim.arn()::equals).toList()));

        f.sim.advance(Duration.ofMinutes(5));
        FleetSnapshot after = f.read();
        assertTrue(after.task(victim.arn()).isEmpty(), "a stopped task leaves the live list");
        assertTrue(after.diff().removedTasks().contains(victim.arn()));
        TaskSnapshot gone = after.service("voice-prod", "support-agent").orElseThrow().recentlyStopped().stream()
                .filter(x -> x.arn().equals(victim.arn())).findFirst().orElseThrow();
        assertEquals("STOPPED", gone.lastStatus());
        assertEquals("UserInitiated", gone.stopCode().orElseThrow());
        assertTrue(gone.stoppedAt().isPresent());
        f.sim.requests().reset();
        f.read();
        assertEquals(0, f.sim.requests().count("ecs", "DescribeTasks"),
                "in frozen time nothing is old, and a STOPPED task is never described again");
    }
}
