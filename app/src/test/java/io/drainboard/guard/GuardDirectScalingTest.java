package io.drainboard.guard;

import io.drainboard.SimClients;
import io.drainboard.audit.AuditEntry;
import io.drainboard.audit.AuditLog;
import io.drainboard.aws.EcsMutations;
import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.drain.ServiceScaling;
import io.drainboard.drain.SessionHeadroom;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.rollout.LockHolder;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard service's direct scaling over real wires (ECS UpdateService, DescribeScalableTargets) on the simulator in
 * virtual time, with the simulator's own autoscaler off so the guard's leader is the only writer: a surge raises the
 * desired count within a minute of the aim, a lull lowers it only after 5 readings, every change is audited, and no
 * call is cut; nothing is written on a failed or partial reading, during a deployment, without a scalable target or
 * in a read-only profile.
 */
class GuardDirectScalingTest {
    private static final Faults.Rule DOWN = new Faults.Rule(0, 1, 0, Duration.ZERO);
    private static final DirectScaling.Settings LAB = new DirectScaling.Settings(5, Duration.ofMinutes(3), 0.1);
    private static final int CAPACITY = 5;
    private static final Instant SURGE = Instant.parse("2026-06-01T13:00:00Z");
    private static final Instant LULL = Instant.parse("2026-06-01T14:00:00Z");

    /** A quiet service (4 tasks of 5 sessions) whose traffic trebles at 13:00 and falls back at 14:00. */
    private static String surgeScenario(Path dir) throws Exception {
        Path p = dir.resolve("direct-surge.yaml");
        Files.writeString(p, """
                name: direct-surge
                seed: 29
                start: "2026-06-01T12:50:00Z"
                warmup: 60m
                clusters:
                  - name: voice
                    services:
                      - name: agent
                        launchType: FARGATE
                        desiredCount: 4
                        taskDefinition: {family: agent, revision: 5, containers: [{name: agent, stopTimeout: 120}]}
                        worker: {capacity: 5, drainTimeout: 60m}
                        traffic:
                          load: 0.7
                          median: 4m
                          p99: 30m
                          dailyCurve: [0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 1.0, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]
                """);
        return p.toString();
    }

    /** One reading as the test sees it: time, the guard-visible sessions and desired count, the aim without a ramp. */
    private record Seen(Instant at, int desired, int aimAtLeast) {
    }

    @Test
    void aSurgeRaisesTheCountWithinAMinuteOfTheAimALullLowersItOnlyAfterFiveReadingsAllAuditedNoneCut(@TempDir Path dir)
            throws Exception {
        String path = surgeScenario(dir);
        try (GuardRig rig = new GuardRig(path, Simulator.Options.virtual(path), dir);
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(rig.sim)) {
            String svc = leader(rig, aas, false);
            long cutBefore = rig.sim.groundTruth().callsCut();
            SessionHeadroom h = LAB.headroom();
            List<Seen> seen = new ArrayList<>();
            while (rig.sim.clock().instant().isBefore(LULL.plus(Duration.ofMinutes(25)))) {
                FleetSnapshot s = rig.step(Duration.ofSeconds(15));
                ServiceSnapshot x = agent(s);
                int sessions = SessionFigures.of(x).orElseThrow().activeSessions();
                seen.add(new Seen(s.takenAt(), x.desiredCount(), Math.min(16, Math.max(1, h.tasksNeeded(sessions, 0, CAPACITY)))));
            }
            String log = String.join("\n", rig.log);
            // Surge: the first reading whose aim (even without the ramp) is above the count is followed within a
            // minute (and the reading that shows it) by a higher count.
            int first = -1;
            for (int i = 0; i < seen.size(); i++) {
                if (!seen.get(i).at().isBefore(SURGE) && seen.get(i).aimAtLeast() > seen.get(i).desired()) {
                    first = i;
                    break;
                }
            }
            assertTrue(first >= 0, "the surge raises the aim above the count; log:\n" + log);
            Seen from = seen.get(first);
            boolean raised = false;
            for (Seen later : seen) {
                if (later.at().isAfter(from.at()) && !later.at().isAfter(from.at().plusSeconds(75))
                        && later.desired() > from.desired()) raised = true;
            }
            assertTrue(raised, "raised within a minute of the aim " + from + "; log:\n" + log);
            int quiet = seen.stream().filter(z -> z.at().isBefore(SURGE)).mapToInt(Seen::desired).min().orElseThrow();
            int peak = seen.stream().filter(z -> z.at().isBefore(LULL)).mapToInt(Seen::desired).max().orElseThrow();
            assertTrue(peak > quiet, "the surge's count above the quiet one: " + peak + " > " + quiet);
            // Each decrease was written on a reading j (the next one shows it) after the aim stayed below the count on
            // the guard's 5 one-minute readings, j, j−4, …, j−16 (4 refreshes of 15 s a minute). The aim without the
            // ramp is at most the guard's, so the guard's "below" implies this one's.
            int decreases = 0;
            for (int k = 1; k < seen.size(); k++) {
                if (seen.get(k).desired() >= seen.get(k - 1).desired()) continue;
                decreases++;
                int j = k - 1;
                assertTrue(j >= 16, "lowered at " + seen.get(k).at() + ", before 5 one-minute readings; log:\n" + log);
                for (int m = 0; m < 5; m++) {
                    Seen z = seen.get(j - 4 * m);
                    assertTrue(z.aimAtLeast() < z.desired(), "lowered at " + seen.get(k).at() + " but at " + z.at()
                            + " the aim " + z.aimAtLeast() + " was not below the count " + z.desired() + "; log:\n" + log);
                }
            }
            assertTrue(decreases > 0, "the lull lowers the count; log:\n" + log);
            assertTrue(seen.get(seen.size() - 1).desired() < peak, "the lull's count below the surge's");
            // Every change the guard made is in its audit log, before it was sent, with its outcome.
            int changes = 0;
            int[] truth = desiredHistory(seen, desired(rig));
            for (int i = 1; i < truth.length; i++) if (truth[i] != truth[i - 1]) changes++;
            List<AuditEntry> sets = rig.audit("guard-a").recent(10_000).stream()
                    .filter(e -> e.action().equals("set-desired-count")).toList();
            long intents = sets.stream().filter(e -> e.phase() == AuditEntry.Phase.INTENT).count();
            long ok = sets.stream().filter(e -> e.phase() == AuditEntry.Phase.RESULT && "ok".equals(e.outcome())).count();
            assertEquals(changes, intents, "one audit entry per change of the count; log:\n" + log);
            assertEquals(intents, ok, "each change ECS took");
            assertTrue(sets.stream().allMatch(e -> e.targets().equals(List.of("voice/agent"))
                    && e.reason().contains("aim")), "audited with the service and why");
            assertEquals(0, rig.sim.groundTruth().callsCut() - cutBefore, "no call cut; log:\n" + log);
            assertTrue(svc.startsWith("arn:"));
        }
    }

    @Test
    void nothingIsWrittenOnAFailedOrPartialReading(@TempDir Path dir) throws Exception {
        String path = surgeScenario(dir);
        try (GuardRig rig = new GuardRig(path, Simulator.Options.virtual(path), dir);
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(rig.sim)) {
            leader(rig, aas, false);
            rig.step(Duration.ofSeconds(15)); // leads on a good reading
            rig.sim.faults().set("livekit:*", DOWN); // every task's calls unknown
            untilAfterTheSurge(rig);
            assertEquals(4, desired(rig), "nothing set with the calls unknown; log:\n" + String.join("\n", rig.log));
            assertTrue(rig.log.stream().anyMatch(l -> l.contains("nothing set: a running task's calls are unknown")));
            rig.sim.faults().clear();
            rig.sim.faults().set("ecs:ListTasks", DOWN); // the cluster read fails
            for (int i = 0; i < 12; i++) rig.step(Duration.ofSeconds(15));
            assertEquals(4, desired(rig), "nothing set on a failed read; log:\n" + String.join("\n", rig.log));
            assertTrue(rig.log.stream().anyMatch(l -> l.contains("nothing set: the last read failed")));
            rig.sim.faults().clear();
        }
    }

    @Test
    void nothingIsWrittenDuringADeploymentOrWhileARolloutHoldsTheLock(@TempDir Path dir) throws Exception {
        String path = surgeScenario(dir);
        try (GuardRig rig = new GuardRig(path, Simulator.Options.virtual(path), dir);
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(rig.sim)) {
            String svc = leader(rig, aas, false);
            rig.sim.model().tagResource(svc, Map.of(LockHolder.TAG, "rollout-test"));
            untilAfterTheSurge(rig);
            assertEquals(4, desired(rig), "nothing set under the rollout lock; log:\n" + String.join("\n", rig.log));
            assertTrue(rig.log.stream().anyMatch(l -> l.contains("nothing set: a rollout holds the lock")));
            rig.sim.model().untagResource(svc, List.of(LockHolder.TAG));
            rig.ecs.updateService(b -> b.cluster("voice").service("agent").forceNewDeployment(true));
            for (int i = 0; i < 4; i++) rig.step(Duration.ofSeconds(15));
            assertTrue(rig.log.stream().anyMatch(l -> l.contains("nothing set: a deployment is in progress")),
                    String.join("\n", rig.log));
            assertEquals(4, desired(rig), "nothing set during the deployment");
        }
    }

    @Test
    void nothingIsWrittenWithoutAScalableTarget(@TempDir Path dir) throws Exception {
        String path = surgeScenario(dir);
        try (GuardRig rig = new GuardRig(path, Simulator.Options.virtual(path), dir);
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(rig.sim)) {
            tagCapacity(rig);
            rig.sim.scalableTargets().deregister(ScalableTargetGateway.resourceId("voice", "agent"));
            rig.replica("guard-a", Duration.ofSeconds(60), Set.of(), audit -> Optional.of(direct(aas, rig, audit, false)));
            untilAfterTheSurge(rig);
            assertEquals(4, desired(rig), "nothing set without a target; log:\n" + String.join("\n", rig.log));
            assertTrue(rig.log.stream().anyMatch(l -> l.contains("nothing set: no scalable target registered")));
        }
    }

    @Test
    void nothingIsWrittenInAReadOnlyProfile(@TempDir Path dir) throws Exception {
        String path = surgeScenario(dir);
        try (GuardRig rig = new GuardRig(path, Simulator.Options.virtual(path), dir);
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(rig.sim)) {
            leader(rig, aas, true);
            untilAfterTheSurge(rig);
            assertEquals(4, desired(rig), "nothing set read-only; log:\n" + String.join("\n", rig.log));
            assertTrue(rig.log.stream().anyMatch(l -> l.contains("nothing set: the profile is read-only")));
            assertTrue(rig.audit("guard-a").recent(10_000).stream().noneMatch(e -> e.action().equals("set-desired-count")));
        }
    }

    @Test
    void theRolloutLockTagIsTheRollouts() {
        assertEquals(LockHolder.TAG, DirectScaling.ROLLOUT_LOCK_TAG);
    }

    private static DirectScaling direct(ApplicationAutoScalingClient aas, GuardRig rig, AuditLog audit, boolean readOnly) {
        return new DirectScaling(LAB, new ServiceScaling(new EcsMutations(rig.ecs), audit, readOnly),
                arn -> new ScalableTargetGateway(aas), readOnly);
    }

    private static void untilAfterTheSurge(GuardRig rig) {
        while (rig.sim.clock().instant().isBefore(SURGE.plus(Duration.ofMinutes(15)))) rig.step(Duration.ofSeconds(15));
    }

    /**
     * The service tagged with its capacity, a scalable target of 1 to 16, and guard-a started with direct scaling
     * ({@code readOnly}: from a read-only profile).
     * @return the service's ARN
     */
    private static String leader(GuardRig rig, ApplicationAutoScalingClient aas, boolean readOnly) {
        String svc = tagCapacity(rig);
        target(aas, 1, 16);
        rig.replica("guard-a", Duration.ofSeconds(60), Set.of(), audit -> Optional.of(direct(aas, rig, audit, readOnly)));
        return svc;
    }

    private static String tagCapacity(GuardRig rig) {
        String svc = rig.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").arn());
        rig.sim.model().tagResource(svc, Map.of(SessionFigures.CAPACITY_TAG, Integer.toString(CAPACITY)));
        return svc;
    }

    private static void target(ApplicationAutoScalingClient aas, int min, int max) {
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .resourceId(ScalableTargetGateway.resourceId("voice", "agent")).minCapacity(min).maxCapacity(max));
    }

    private static ServiceSnapshot agent(FleetSnapshot s) {
        return s.services().filter(x -> x.key().equals("voice/agent")).findFirst().orElseThrow();
    }

    private static int desired(GuardRig rig) {
        return rig.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").desiredCount());
    }

    /** The count each reading saw, and the count now (a write on the last pass shows in no reading). */
    private static int[] desiredHistory(List<Seen> seen, int now) {
        return java.util.stream.IntStream.concat(seen.stream().mapToInt(Seen::desired), java.util.stream.IntStream.of(now))
                .toArray();
    }
}
