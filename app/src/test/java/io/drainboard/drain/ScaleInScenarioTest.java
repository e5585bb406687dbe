package io.drainboard.drain;

import io.drainboard.audit.AuditEntry;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Safe scale-in (docs/drain.md, Safe scale-in) in virtual time against the simulator's ground truth: removing 2 of 6 busy Fargate
 * tasks (stopTimeout 120 s, calls up to ~30 min) cuts no call, while the same UpdateService desiredCount − 2
 * on the same seed does.
 */
class ScaleInScenarioTest {
    private static final Duration REFRESH = Duration.ofSeconds(15);
    private static final int REMOVE = 2;

    private static ScaleInStatus runToEnd(DrainRig rig, int maxSteps) {
        ScaleInStatus st = rig.scaleIns.status(DrainRig.CLUSTER, "agent").orElseThrow();
        for (int i = 0; i < maxSteps && !st.phase().finished(); i++) {
            rig.step(REFRESH);
            st = rig.scaleIns.status(DrainRig.CLUSTER, "agent").orElseThrow();
        }
        return st;
    }

    private static ScaleInStatus start(DrainRig rig, CordonMethod method) {
        ServiceSnapshot svc = rig.last.service(DrainRig.CLUSTER, "agent").orElseThrow();
        return rig.scaleIns.start(svc, REMOVE, "traffic is down", ScaleIn.plan(method, Duration.ofMinutes(45), 0.999),
                rig.last.takenAt());
    }

    @ParameterizedTest
    @EnumSource(value = CordonMethod.class, names = {"HTTP", "EXEC_SIGNAL"})
    void safeScaleInRemovesTheSoonestIdleTasksAndCutsNoCall(CordonMethod method, @TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.step(Duration.ZERO);
            ServiceSnapshot before = rig.last.service(DrainRig.CLUSTER, "agent").orElseThrow();
            assertTrue(before.calls() >= 10, "a busy service: " + before.calls() + " calls");
            List<String> soonest = IdleSoonest.rank(before.tasks(), rig.last.takenAt(), new CutRisk(
                    LognormalSurvival.ofMedianAndP99(240, 1800))).stream().limit(REMOVE).map(p -> p.task().arn()).toList();
            long cutBefore = rig.truth("agent").cut();

            ScaleInStatus started = start(rig, method);
            assertEquals(soonest, started.drains().stream().map(DrainStatus::taskArn).toList(), "the soonest idle");
            ScaleInStatus end = runToEnd(rig, 4 * 60 * 4);

            rig.step(REFRESH); // see the protection as the scale-in put it back
            long cut = rig.truth("agent").cut() - cutBefore;
            ServiceSnapshot after = rig.last.service(DrainRig.CLUSTER, "agent").orElseThrow();
            System.out.printf("safe scale-in (%s) of %d busy tasks: %d calls cut, desired %d → %d, running %d%n",
                    method.key(), REMOVE, cut, before.desiredCount(), after.desiredCount(), after.runningCount());
            assertEquals(ScaleInStatus.Phase.DONE, end.phase(), end.toString());
            assertEquals(0, cut, "calls cut by the safe scale-in");
            assertEquals(before.desiredCount() - REMOVE, after.desiredCount());
            assertEquals(after.desiredCount(), after.runningCount());
            for (String arn : soonest) {
                assertTrue(rig.last.task(arn).map(t -> "STOPPED".equals(t.lastStatus())).orElse(true), "chosen task gone: " + arn);
            }
            assertTrue(after.tasks().stream().filter(t -> "RUNNING".equals(t.lastStatus())).allMatch(t -> t.protection().state() == io.drainboard.fleet.Protection.State.OFF),
                    "the others' protection is back as it was (off): " + after.tasks().stream().map(TaskSnapshot::protection).toList());
            List<String> actions = rig.audit.recent(200).stream().map(AuditEntry::action).toList();
            assertTrue(actions.containsAll(List.of("protect", "set-desired-count", "cordon", "release")), actions.toString());
        }
    }

    @Test
    void theSamePlainDesiredCountChangeCutsCalls(@TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.step(Duration.ZERO);
            ServiceSnapshot before = rig.last.service(DrainRig.CLUSTER, "agent").orElseThrow();
            long cutBefore = rig.truth("agent").cut();
            rig.ecs.updateService(b -> b.cluster(DrainRig.CLUSTER).service("agent").desiredCount(before.desiredCount() - REMOVE));
            for (int i = 0; i < 40; i++) rig.step(REFRESH);
            long cut = rig.truth("agent").cut() - cutBefore;
            ServiceSnapshot after = rig.last.service(DrainRig.CLUSTER, "agent").orElseThrow();
            System.out.printf("plain UpdateService desiredCount %d → %d: %d calls cut, running %d%n",
                    before.desiredCount(), after.desiredCount(), cut, after.runningCount());
            assertTrue(cut > 0, "native scale-in of busy Fargate tasks cuts calls");
        }
    }

    @Test
    void abortBeforeAnyCordonGivesTheDesiredCountBackAndPutsProtectionBack(@TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.step(Duration.ZERO);
            long cutBefore = rig.truth("agent").cut();
            ScaleInStatus started = start(rig, CordonMethod.NONE);
            assertEquals(4, started.targetDesired());
            rig.step(REFRESH);
            rig.scaleIns.abort(DrainRig.CLUSTER, "agent");
            ScaleInStatus end = runToEnd(rig, 40);
            rig.step(REFRESH);
            assertEquals(ScaleInStatus.Phase.STOPPED, end.phase(), end.toString());
            assertEquals(REMOVE, end.givenBack());
            ServiceSnapshot after = rig.last.service(DrainRig.CLUSTER, "agent").orElseThrow();
            assertEquals(6, after.desiredCount());
            assertEquals(6, after.runningCount());
            assertEquals(0, rig.truth("agent").cut() - cutBefore);
            assertTrue(after.tasks().stream().filter(t -> "RUNNING".equals(t.lastStatus())).allMatch(t -> t.protection().state() == io.drainboard.fleet.Protection.State.OFF));
        }
    }

    @Test
    void aDesiredCountChangedElsewhereStopsTheScaleInWithoutCuttingACall(@TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.step(Duration.ZERO);
            long cutBefore = rig.truth("agent").cut();
            start(rig, CordonMethod.NONE);
            rig.step(REFRESH);
            rig.ecs.updateService(b -> b.cluster(DrainRig.CLUSTER).service("agent").desiredCount(7)); // say, the autoscaler
            ScaleInStatus end = runToEnd(rig, 80);
            assertEquals(ScaleInStatus.Phase.STOPPED, end.phase(), end.toString());
            assertTrue(end.alarms().stream().anyMatch(a -> a.contains("changed elsewhere")), end.alarms().toString());
            assertEquals(7, rig.last.service(DrainRig.CLUSTER, "agent").orElseThrow().desiredCount(), "not fought over");
            assertEquals(0, rig.truth("agent").cut() - cutBefore);
        }
    }

    @Test
    void aChosenTaskTakingACallAfterItsCordonRaisesTheAlarmAndIsNotStoppedBusy(@TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.step(Duration.ZERO);
            long cutBefore = rig.truth("stubborn").cut();
            ServiceSnapshot svc = rig.last.service(DrainRig.CLUSTER, "stubborn").orElseThrow();
            rig.scaleIns.start(svc, 1, "test", ScaleIn.plan(CordonMethod.EXEC_SIGNAL, Duration.ofMinutes(45), 0.999),
                    rig.last.takenAt());
            ScaleInStatus st = null;
            for (int i = 0; i < 240; i++) {
                rig.step(REFRESH);
                st = rig.scaleIns.status(DrainRig.CLUSTER, "stubborn").orElseThrow();
                if (st.drains().get(0).phase() == DrainPhase.HELD) break;
            }
            assertEquals(DrainPhase.HELD, st.drains().get(0).phase(), st.toString());
            assertTrue(st.alarms().stream().anyMatch(a -> a.contains("cordon did not take")), st.alarms().toString());
            rig.scaleIns.abort(DrainRig.CLUSTER, "stubborn");
            for (int i = 0; i < 40 && !st.phase().finished(); i++) {
                rig.step(REFRESH);
                st = rig.scaleIns.status(DrainRig.CLUSTER, "stubborn").orElseThrow();
            }
            assertEquals(ScaleInStatus.Phase.STOPPED, st.phase(), st.toString());
            assertEquals(3, rig.last.service(DrainRig.CLUSTER, "stubborn").orElseThrow().desiredCount(), "given back");
            assertEquals(0, rig.truth("stubborn").cut() - cutBefore);
            assertFalse(rig.audit.recent(200).stream().anyMatch(e -> e.action().equals("stop-task")), "never stopped busy");
        }
    }
}
