package io.drainboard.guard;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard service when things fail (docs/guard-service.md, "When things fail"): killed, it sends nothing more and
 * the leases it granted simply run out; partitioned from LiveKit, it releases no task whose calls it cannot see; with
 * its ECS reads throttled, it releases nothing on the old reading. It never stops a task. Virtual time, one replica,
 * a busy service (guard-scale-in) whose desired count the test lowers so that ECS waits to stop tasks.
 */
class GuardFailureTest {
    private static final Duration TTL = Duration.ofSeconds(60);
    private static final String SCENARIO = GuardRig.scenario("guard-scale-in.yaml");
    private static final Faults.Rule DOWN = new Faults.Rule(0, 1, 0, Duration.ZERO);

    @Test
    void aKilledGuardSendsNothingMoreAndTheLeasesItGrantedRunOut(@TempDir Path dir) throws Exception {
        try (GuardRig rig = new GuardRig(SCENARIO, Simulator.Options.virtual(SCENARIO), dir)) {
            GuardService g = rig.replica("guard-a", TTL, Set.of());
            for (int i = 0; i < 4; i++) rig.step(Duration.ofSeconds(15));
            assertEquals(8, protectedTasks(rig), "the guard protected every task: " + String.join("\n", rig.log));
            rig.kill(0); // kill -9: no shutdown hook, nothing resigns, nothing is released
            long writes = rig.sim.requests().count("ecs", "UpdateTaskProtection");
            for (int i = 0; i < 13; i++) rig.step(Duration.ofMinutes(10)); // past the 120-minute lease
            assertEquals(writes, rig.sim.requests().count("ecs", "UpdateTaskProtection"), "nothing sent after its death");
            assertEquals(0, protectedTasks(rig), "every lease it granted ran out");
            assertEquals(8, running(rig), "and nothing was stopped: ECS wanted no fewer tasks");
            assertEquals(0, rig.sim.requests().count("ecs", "StopTask"), "a guard never stops a task");
            assertTrue(g.stats.protections.get() >= 8);
        }
    }

    /**
     * LiveKit unreachable: every task's calls are unknown, so while ECS waits to stop five tasks the guard releases
     * none (it cannot tell an idle task from a busy one); once LiveKit answers again it releases idle ones.
     */
    @Test
    void partitionedFromLiveKitItReleasesNoTaskWhoseCallsItCannotSee(@TempDir Path dir) throws Exception {
        try (GuardRig rig = new GuardRig(SCENARIO, Simulator.Options.virtual(SCENARIO), dir)) {
            untilTheTrafficDrops(rig);
            GuardService g = rig.replica("guard-a", TTL, Set.of());
            for (int i = 0; i < 2; i++) rig.step(Duration.ofSeconds(30));
            assertEquals(8, protectedTasks(rig), String.join("\n", rig.log));
            long cutBefore = rig.sim.groundTruth().callsCut();
            rig.sim.faults().set("livekit:*", DOWN);
            rig.step(Duration.ofSeconds(30));
            assertTrue(rig.last.tasks().noneMatch(t -> t.calls().known()), "calls unknown on every task");
            setDesired(rig, 3); // the autoscaler's scale-in: ECS waits for protected tasks
            for (int i = 0; i < 20; i++) rig.step(Duration.ofSeconds(30));
            assertEquals(0, g.stats.releases.get(), "nothing released while calls are unknown:\n" + String.join("\n", rig.log));
            assertEquals(8, running(rig), "so ECS stopped nothing");

            rig.sim.faults().clear();
            for (int i = 0; i < 20; i++) rig.step(Duration.ofSeconds(30));
            assertTrue(g.stats.releases.get() > 0, "with calls known again, idle tasks go: " + String.join("\n", rig.log));
            assertEquals(0, rig.sim.groundTruth().callsCut() - cutBefore, "no call cut");
            assertEquals(0, rig.sim.requests().count("ecs", "StopTask"));
        }
    }

    /**
     * ECS throttles the guard's reads past its backoff, or fails them: the cluster read fails and the guard keeps the
     * last reading, on which a task idle then may have calls now. It releases nothing until a read succeeds, and
     * carries on after; no call is cut. (A throttled read gives up after a minute of wall time, so the test fails the
     * read with a server error instead: the guard sees the same failed cluster read.)
     */
    @Test
    void withItsReadsFailingItReleasesNothingOnTheOldReadingAndCarriesOn(@TempDir Path dir) throws Exception {
        try (GuardRig rig = new GuardRig(SCENARIO, Simulator.Options.virtual(SCENARIO), dir)) {
            // A lease longer than the outage: the leader leads on through it, as with a slow refresh and the default.
            untilTheTrafficDrops(rig);
            GuardService g = rig.replica("guard-a", Duration.ofMinutes(10), Set.of());
            rig.step(Duration.ofSeconds(30)); // takes the lease, protects every task
            assertEquals(8, protectedTasks(rig), String.join("\n", rig.log));
            long cutBefore = rig.sim.groundTruth().callsCut();
            setDesired(rig, 3);
            // One good read: the guard leads and sees the desired count and the idle tasks, idle since now for it.
            rig.step(Duration.ofSeconds(30));
            assertTrue(rig.last.tasks().anyMatch(t -> t.calls().known() && t.calls().count() == 0), "some task is idle");
            long released = g.stats.releases.get();
            rig.sim.faults().set("ecs:ListTasks", DOWN);
            for (int i = 0; i < 8; i++) rig.step(Duration.ofSeconds(30));
            assertTrue(rig.last.clusters().get(0).error().isPresent(), "the cluster read failed");
            assertEquals(released, g.stats.releases.get(), "nothing released on the old reading:\n" + String.join("\n", rig.log));

            rig.sim.faults().clear();
            for (int i = 0; i < 20; i++) rig.step(Duration.ofSeconds(30));
            assertTrue(g.stats.releases.get() > released, "it carries on once ECS answers: " + String.join("\n", rig.log));
            assertEquals(0, rig.sim.groundTruth().callsCut() - cutBefore, "no call cut");
            assertEquals(0, rig.sim.requests().count("ecs", "StopTask"));
        }
    }

    /** Steps to 13:30, half an hour after the traffic drop, when some tasks are idle at times; no guard yet. */
    private static void untilTheTrafficDrops(GuardRig rig) {
        while (rig.sim.clock().instant().isBefore(java.time.Instant.parse("2026-06-01T13:30:00Z"))) {
            rig.step(Duration.ofSeconds(30));
        }
    }

    private static void setDesired(GuardRig rig, int desired) {
        rig.sim.model().read(m -> {
            m.setDesiredCount(service(m), desired);
            return null;
        });
    }

    private static ServiceState service(io.drainboard.sim.model.FleetModel m) {
        return m.cluster("voice").orElseThrow().services().get("agent");
    }

    private static long protectedTasks(GuardRig rig) {
        return rig.sim.model().read(m -> service(m).tasks().stream().filter(t -> "RUNNING".equals(t.desiredStatus()) && t.isProtected()).count());
    }

    private static long running(GuardRig rig) {
        return rig.sim.model().read(m -> {
            List<TaskState> tasks = List.copyOf(service(m).tasks());
            return tasks.stream().filter(t -> "RUNNING".equals(t.desiredStatus())).count();
        });
    }
}
