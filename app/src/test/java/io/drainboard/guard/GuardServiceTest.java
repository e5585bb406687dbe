package io.drainboard.guard;

import io.drainboard.SimClients;
import io.drainboard.drain.GuardLease;
import io.drainboard.drain.ProtectionMark;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard service against the simulated autoscaler during a traffic drop, with two replicas: one leads, the other
 * stands by, takes over once the leader is gone and its lease lapses, and no call is cut; the guard never stops a task.
 */
class GuardServiceTest {
    private static final Duration TTL = Duration.ofSeconds(60);

    @Test
    void twoReplicasOneLeaderATakeoverAfterTheLeaderDiesAndNoCallCut(@TempDir Path dir) throws Exception {
        String path = GuardRig.scenario("guard-scale-in.yaml");
        try (GuardRig rig = new GuardRig(path, Simulator.Options.virtual(path).withAutoscaling(true), dir);
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(rig.sim)) {
            aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/voice/agent")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(3).maxCapacity(16));
            rig.replica("guard-a", TTL, Set.of());
            rig.replica("guard-b", TTL, Set.of("voice/agent"));
            long before = rig.sim.groundTruth().callsCut();
            int bothLeading = 0;
            int killed = -1;
            Duration leaderlessAfterKill = Duration.ZERO;
            for (int i = 0; i < 4 * 60 * 2; i++) {
                if (i == 4 * 30) { // the leader dies at +30 min: kill -9, nothing resigns
                    killed = lease(rig).orElseThrow().id().equals("guard-a") ? 0 : 1;
                    rig.kill(killed);
                }
                rig.step(Duration.ofSeconds(15));
                boolean aLeads = rig.alive.get(0) && leads(rig.replicas.get(0));
                boolean bLeads = rig.alive.get(1) && leads(rig.replicas.get(1));
                if (aLeads && bLeads) bothLeading++;
                if (killed >= 0 && !(killed == 0 ? bLeads : aLeads)) leaderlessAfterKill = leaderlessAfterKill.plusSeconds(15);
            }
            GuardService survivor = rig.replicas.get(1 - killed);
            String survivorId = killed == 0 ? "guard-b" : "guard-a";
            ServiceSnapshot s = rig.last.service("voice", "agent").orElseThrow();
            assertTrue(s.desiredCount() < 8, "the autoscaler scaled in: desired " + s.desiredCount());
            assertEquals(0, rig.sim.groundTruth().callsCut() - before, "no call cut; log:\n" + String.join("\n", rig.log));
            assertEquals(0, bothLeading, "never two leaders at once");
            assertTrue(leaderlessAfterKill.compareTo(TTL.plusSeconds(30)) <= 0,
                    "the standby took over within the lease TTL plus a refresh or two: " + leaderlessAfterKill);
            assertEquals(survivorId, lease(rig).orElseThrow().id());
            assertTrue(survivor.stats.releases.get() > 0, "the new leader released idle tasks for the scale-in: "
                    + survivor.stats.prometheus());
            assertEquals(0, rig.sim.requests().count("ecs", "StopTask"), "a guard never stops a task");
            assertEquals(0, rig.sim.requests().count("ecs", "UpdateService"), "nor changes the service");
            assertTrue(rig.log.stream().anyMatch(l -> l.startsWith(survivorId) && l.contains("standing by")), String.join("\n", rig.log));
            assertTrue(rig.log.stream().anyMatch(l -> l.startsWith(survivorId) && l.contains("leading")), String.join("\n", rig.log));
            // Protected tasks carry the guard's mark; the session figures reached CloudWatch.
            assertTrue(s.tasks().stream().anyMatch(t -> ProtectionMark.of(t.tags()).map(m -> m.by().equals("guard")).orElse(false)),
                    "the guard marks the tasks it protects");
            assertTrue(rig.sim.metrics().seriesCount() > 0);
            assertFalse(rig.sim.metrics().list(m -> m.namespace().equals(SessionMetrics.NAMESPACE)
                    && m.name().equals("ActiveSessions") && "agent".equals(m.dimension("ServiceName")),
                    rig.sim.clock().instant(), null).isEmpty(), "ActiveSessions published");
        }
    }

    @Test
    void whereWorkersProtectThemselvesTheGuardReleasesNothing(@TempDir Path dir) throws Exception {
        String path = GuardRig.scenario("guard-scale-in.yaml");
        try (GuardRig rig = new GuardRig(path, Simulator.Options.virtual(path), dir)) {
            String svc = rig.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").arn());
            rig.sim.model().tagResource(svc, Map.of("drainboard:self-protect", "true"));
            // Someone (the worker) protects every task; desired drops, so ECS waits for idle ones.
            rig.step(Duration.ofSeconds(15));
            rig.sim.model().read(m -> {
                var s = m.cluster("voice").orElseThrow().services().get("agent");
                m.updateTaskProtection(s.tasks(), true, 60);
                m.setDesiredCount(s, 3);
                return null;
            });
            GuardService g = rig.replica("guard-a", TTL, Set.of());
            for (int i = 0; i < 4 * 40; i++) rig.step(Duration.ofSeconds(15));
            assertEquals(0, g.stats.releases.get(), "a guard never releases a self-protected task:\n" + String.join("\n", rig.log));
        }
    }

    /**
     * A guard that starts while the autoscaler scales in protects on its very first pass, before its lease is read
     * back: guard chaos seed 19 scales in at 12:41, one refresh after the guard starts, and cut 2 calls on a task the
     * guard would only have protected once it led.
     */
    @Test
    void aGuardStartingDuringAScaleInProtectsBeforeItLeads(@TempDir Path dir) throws Exception {
        String path = GuardChaosRun.scenario(19, dir).toString();
        try (GuardRig rig = new GuardRig(path, Simulator.Options.virtual(path).withAutoscaling(true), dir);
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(rig.sim)) {
            aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/voice/agent")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(3).maxCapacity(16));
            rig.replica("guard-a", TTL, Set.of());
            long before = rig.sim.groundTruth().callsCut();
            for (int i = 0; i < 10; i++) rig.step(GuardChaosRun.STEP);
            assertEquals(0, rig.sim.groundTruth().callsCut() - before, "no call cut; log:\n" + String.join("\n", rig.log));
            assertTrue(rig.log.get(1).contains("no guard leads yet: protecting only"), String.join("\n", rig.log));
        }
    }

    /**
     * Between a leader's death and the end of its lease no guard leads; a standby protects a busy task that nothing
     * protects (a new task, a release that raced a call) instead of leaving it to the next scale-in.
     */
    @Test
    void aStandbyProtectsABusyUnprotectedTaskWhileTheDeadLeadersLeaseRunsOut(@TempDir Path dir) throws Exception {
        String path = GuardRig.scenario("guard-scale-in.yaml");
        try (GuardRig rig = new GuardRig(path, Simulator.Options.virtual(path), dir)) {
            rig.replica("guard-a", TTL, Set.of());
            rig.replica("guard-b", TTL, Set.of());
            for (int i = 0; i < 8; i++) rig.step(Duration.ofSeconds(15));
            int leader = lease(rig).orElseThrow().id().equals("guard-a") ? 0 : 1;
            rig.kill(leader);
            String busy = rig.sim.model().read(m -> {
                var s = m.cluster("voice").orElseThrow().services().get("agent");
                var t = s.tasks().stream().filter(x -> !x.calls().isEmpty()).findFirst().orElseThrow();
                m.updateTaskProtection(java.util.List.of(t), false, 0);
                return t.id();
            });
            rig.step(Duration.ofSeconds(15)); // the leader's lease is still live: the survivor stands by
            assertTrue(rig.replicas.get(1 - leader).stats.prometheus().contains("drainboard_guard_leader{service=\"voice/agent\"} 0"));
            rig.sim.model().read(m -> {
                var s = m.cluster("voice").orElseThrow().services().get("agent");
                m.setDesiredCount(s, s.desiredCount() - 1); // ECS now stops an unprotected task, if there is one
                return null;
            });
            for (int i = 0; i < 4; i++) rig.step(Duration.ofSeconds(15));
            String status = rig.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks()
                    .stream().filter(t -> t.id().equals(busy)).findFirst().orElseThrow().desiredStatus());
            assertEquals("RUNNING", status, "the busy task was protected by the standby; log:\n" + String.join("\n", rig.log));
        }
    }

    /**
     * Guard chaos seed 82: during the deploy ECS refuses to protect a busy new task with DEPLOYMENT_BLOCKED for 3
     * minutes (the busy old tasks already fill the desired count) while an idle task stays protected, and the next
     * scale-in stops the busy one: 1 call cut unless an idle task the guard holds gives up its slot.
     */
    @Test
    void aBusyTaskRefusedAtTheProtectionLimitGetsTheSlotOfAnIdleTask(@TempDir Path dir) throws Exception {
        List<String> trace = new java.util.ArrayList<>();
        GuardChaosRun.Outcome on = GuardChaosRun.run(82, true, dir, trace::add);
        assertEquals(0, on.cut(), "no call cut; trace:\n" + String.join("\n", trace));
        assertTrue(trace.stream().anyMatch(l -> l.contains("release to make room for busy tasks")), String.join("\n", trace));
        assertEquals(0, on.stopTasks(), "a guard never stops a task");
        // Idle churn: an idle task the leader released (to make room, or for a scale-in) is asked for again only into a
        // free protection slot; asked for while the busy tasks fill the desired count, ECS refuses it on every pass.
        assertEquals(List.of(), GroundTruthTrace.refusedIdleAsks(trace), "idle tasks asked for at ECS's limit");
    }

    private static boolean leads(GuardService g) {
        return g.stats.prometheus().contains("drainboard_guard_leader{service=\"voice/agent\"} 1");
    }

    private static Optional<GuardLease> lease(GuardRig rig) {
        String svc = rig.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").arn());
        return GuardLease.of(rig.sim.model().tags(svc));
    }
}
