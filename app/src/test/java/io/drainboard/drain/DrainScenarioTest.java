package io.drainboard.drain;

import io.drainboard.audit.AuditEntry;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.sim.model.CallCounts;
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
 * Safe drain's scenario checks (docs/drain.md), in virtual time against the simulator's ground truth: draining a busy
 * Fargate task (stopTimeout 120 s, calls up to ~30 min) cuts no call with any cordon method.
 */
class DrainScenarioTest {
    private static final Duration REFRESH = Duration.ofSeconds(15);

    @ParameterizedTest
    @EnumSource(CordonMethod.class)
    void drainingABusyFargateTaskCutsNoCallAndTheTaskIsReplaced(CordonMethod method, @TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.step(Duration.ZERO);
            TaskSnapshot target = rig.busiest("agent");
            assertTrue(target.calls().count() >= 2, "a busy task: " + target.calls());
            CallCounts before = rig.truth("agent");
            rig.drains.drain(DrainRig.CLUSTER, "agent", target.arn(), DrainPlan.defaults(method), rig.last.takenAt());

            DrainStatus status = null;
            for (int i = 0; i < 6 * 240 && (status == null || !status.phase().finished()); i++) {
                rig.step(REFRESH);
                status = rig.drains.drainOf(target.arn()).orElseThrow().status();
            }
            assertEquals(DrainPhase.DONE, status.phase(), status.toString());
            assertEquals(0, rig.truth("agent").cut() - before.cut(), "calls cut while draining with " + method);

            FleetSnapshot end = rig.last;
            ServiceSnapshot svc = end.service(DrainRig.CLUSTER, "agent").orElseThrow();
            assertTrue(end.task(target.arn()).isEmpty(), "the drained task is gone");
            assertEquals(svc.desiredCount(), svc.runningCount(), "and replaced");
            List<String> actions = rig.audit.recent(100).stream().map(AuditEntry::action).toList();
            assertTrue(actions.contains("protect"), actions.toString());
            assertEquals(method != CordonMethod.NONE, actions.contains("cordon"), actions.toString());
            assertEquals(method != CordonMethod.EXEC_SIGNAL, actions.contains("stop-task"),
                    "a signalled worker is never sent StopTask: " + actions);
        }
    }

    @Test
    void withoutADrainStoppingTheSameBusyTaskCutsCalls(@TempDir Path dir) throws Exception {
        // The control: what the drain avoids. StopTask → SIGTERM → SIGKILL after 120 s.
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.step(Duration.ZERO);
            TaskSnapshot target = rig.busiest("agent");
            long before = rig.truth("agent").cut();
            rig.ecs.stopTask(b -> b.cluster(DrainRig.CLUSTER).task(target.arn()).reason("native stop"));
            for (int i = 0; i < 20; i++) rig.step(REFRESH);
            assertTrue(rig.truth("agent").cut() - before > 0, "a busy Fargate task stopped natively cuts calls");
        }
    }

    @Test
    void aWorkerThatIgnoresSigtermRaisesTheAlarmWithinOneRefreshOfItsNextCall(@TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.step(Duration.ZERO);
            TaskSnapshot target = rig.busiest("stubborn");
            rig.drains.drain(DrainRig.CLUSTER, "stubborn", target.arn(), DrainPlan.defaults(CordonMethod.EXEC_SIGNAL),
                    rig.last.takenAt());
            DrainStatus status = null;
            for (int i = 0; i < 240 && (status == null || status.phase() != DrainPhase.HELD); i++) {
                rig.step(REFRESH);
                status = rig.drains.drainOf(target.arn()).orElseThrow().status();
            }
            assertEquals(DrainPhase.HELD, status.phase(), status.toString());
            assertTrue(status.alarms().get(0).contains("cordon did not take"), status.alarms().toString());
            List<String> actions = rig.audit.recent(100).stream().map(AuditEntry::action).toList();
            assertFalse(actions.contains("stop-task"), "a held drain does not proceed blindly: " + actions);
        }
    }

    @Test
    void aPassedDeadlineIsAlertedExtendedAndAudited(@TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.step(Duration.ZERO);
            TaskSnapshot target = rig.busiest("agent");
            DrainPlan quick = new DrainPlan(CordonMethod.NONE, DrainPlan.Finish.STOP, Duration.ofMinutes(1),
                    DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND, Duration.ofMinutes(60), Duration.ofMinutes(20), 0.999);
            rig.drains.drain(DrainRig.CLUSTER, "agent", target.arn(), quick, rig.last.takenAt());
            DrainStatus status = null;
            for (int i = 0; i < 12 && (status == null || status.alarms().isEmpty()); i++) {
                rig.step(REFRESH);
                status = rig.drains.drainOf(target.arn()).orElseThrow().status();
            }
            assertTrue(status.alarms().get(0).startsWith("deadline passed"), status.toString());
            assertTrue(status.deadline().isAfter(rig.last.takenAt()), "extended");
            assertTrue(rig.audit.recent(100).stream().anyMatch(e -> e.action().equals("drain-deadline")),
                    "the applied policy is audited");
        }
    }
}
