package io.drainboard.drain;

import io.drainboard.audit.AuditEntry;
import io.drainboard.aws.TaskProtectionGateway.Outcome;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A renewal ECS refuses at its protected-task limit ({@link Renewal#regrantRefused}), on the simulator's ground
 * truth: where nothing waits to stop the task it is released and protected again at once, so its lease does not run
 * out; where a scale-in waits, or the task is not protected, or the refusal is another error, nothing is released —
 * a released task there would be stopped with its calls.
 */
class RefusedRenewalTest {
    private static final String BLOCKED = "DEPLOYMENT_BLOCKED: more protected tasks than the desired count";
    private static final String WHO = "guard mode";

    @Test
    void aRefusedRenewalOnASettledServiceIsGrantedAgainAtOnceAndTheOtherOutcomesStayAsTheyWere(@TempDir Path dir) throws Exception {
        try (DrainRig rig = rig(dir)) {
            ServiceSnapshot s = everyTaskProtectedFor(rig, 10);
            List<String> arns = s.tasks().stream().map(TaskSnapshot::arn).toList();
            String refused = arns.get(0), renewed = arns.get(1), throttled = arns.get(2);
            Outcome ok = new Outcome(renewed, true, Optional.of(rig.sim.clock().instant().plusSeconds(3600)), "ok");
            Outcome rateExceeded = new Outcome(throttled, false, Optional.empty(), "ThrottlingException: Rate exceeded");

            List<Outcome> out = Renewal.regrantRefused(rig.protection, s,
                    List.of(new Outcome(refused, false, Optional.empty(), BLOCKED), ok, rateExceeded), 60, WHO);

            Instant now = rig.sim.clock().instant();
            assertEquals(3, out.size(), "one outcome a task: " + out);
            Outcome again = only(out, refused);
            assertTrue(again.ok(), "the refused task is protected again: " + again);
            assertEquals(Optional.of(now.plus(Duration.ofMinutes(60))), again.expiresAt());
            assertEquals(ok, only(out, renewed));
            assertEquals(rateExceeded, only(out, throttled), "a throttled renewal is no protected-task limit: left as it failed");
            assertEquals(now.plus(Duration.ofMinutes(60)), truth(rig, refused).protectionExpiresAt(), "ground truth: a new 60 min lease");
            assertTrue(truth(rig, throttled).isProtected(), "the throttled task keeps the lease it has");
            assertEquals(s.tasks().get(2).protection().expiresAt(), Optional.of(truth(rig, throttled).protectionExpiresAt()));
            List<AuditEntry> releases = audited(rig, "release");
            assertEquals(1, releases.size(), "one release, audited before it was sent: " + releases);
            assertEquals(List.of(refused), releases.get(0).targets());
            assertTrue(releases.get(0).reason().startsWith(WHO + ": released to be protected again at once"), releases.get(0).reason());
            assertTrue(audited(rig, "protect").stream().anyMatch(e -> e.targets().equals(List.of(refused))
                    && e.reason().equals(WHO + ": protected again after release")), "the new grant is audited with its reason");
        }
    }

    @Test
    void whileAScaleInWaitsARefusedTaskKeepsTheLeaseItHasAndNothingIsReleased(@TempDir Path dir) throws Exception {
        try (DrainRig rig = rig(dir)) {
            everyTaskProtectedFor(rig, 10);
            int desired = rig.last.service(DrainRig.CLUSTER, "agent").orElseThrow().desiredCount();
            rig.ecs.updateService(b -> b.cluster(DrainRig.CLUSTER).service("agent").desiredCount(desired - 1));
            ServiceSnapshot s = rig.step(Duration.ofSeconds(5)).service(DrainRig.CLUSTER, "agent").orElseThrow();
            assertTrue(s.runningCount() > s.desiredCount(), "ECS waits to stop a task: " + s.runningCount() + " > " + s.desiredCount());
            String refused = s.tasks().get(0).arn();
            List<Outcome> renewals = List.of(new Outcome(refused, false, Optional.empty(), BLOCKED));

            assertEquals(renewals, Renewal.regrantRefused(rig.protection, s, renewals, 60, WHO));
            assertTrue(truth(rig, refused).isProtected(), "a task released now would be the one ECS stops, with its calls");
            assertEquals(List.of(), audited(rig, "release"));
        }
    }

    @Test
    void aTaskTheSnapshotShowsUnprotectedOrDoesNotShowIsNotReleased(@TempDir Path dir) throws Exception {
        try (DrainRig rig = rig(dir)) {
            ServiceSnapshot s = everyTaskProtectedFor(rig, 10);
            String shownOff = s.tasks().get(0).arn();
            rig.protection.release(DrainRig.CLUSTER, List.of(shownOff), "test: the task's protection ended");
            s = rig.step(Duration.ofSeconds(5)).service(DrainRig.CLUSTER, "agent").orElseThrow();
            List<Outcome> renewals = List.of(new Outcome(shownOff, false, Optional.empty(), BLOCKED),
                    new Outcome("arn:aws:ecs:us-east-1:000000000000:task/voice/gone", false, Optional.empty(), BLOCKED));
            int releasesBefore = audited(rig, "release").size();

            assertEquals(renewals, Renewal.regrantRefused(rig.protection, s, renewals, 60, WHO));
            assertFalse(truth(rig, shownOff).isProtected(), "not protected by a renewal it never had");
            assertEquals(releasesBefore, audited(rig, "release").size());
        }
    }

    private static DrainRig rig(Path dir) throws Exception {
        return new DrainRig(RenewalWatch.SCENARIO, Simulator.Options.virtual(RenewalWatch.SCENARIO), dir);
    }

    /** The steady service of guard-scale-in.yaml with every task protected for {@code minutes}, as the next read shows it. */
    private static ServiceSnapshot everyTaskProtectedFor(DrainRig rig, int minutes) {
        ServiceSnapshot s = rig.step(Duration.ZERO).service(DrainRig.CLUSTER, "agent").orElseThrow();
        rig.protection.protect(DrainRig.CLUSTER, s.tasks().stream().map(TaskSnapshot::arn).toList(), minutes, "test: guard's first grant");
        return rig.step(Duration.ofSeconds(5)).service(DrainRig.CLUSTER, "agent").orElseThrow();
    }

    private static Outcome only(List<Outcome> out, String arn) {
        List<Outcome> those = out.stream().filter(o -> o.taskArn().equals(arn)).toList();
        assertEquals(1, those.size(), "one outcome for " + arn + ": " + out);
        return those.get(0);
    }

    private static TaskState truth(DrainRig rig, String arn) {
        return rig.sim.model().read(m -> m.cluster(DrainRig.CLUSTER).orElseThrow().services().get("agent").tasks().stream()
                .filter(t -> t.arn().equals(arn)).findFirst().orElseThrow());
    }

    private static List<AuditEntry> audited(DrainRig rig, String action) {
        return rig.audit.recent(200).stream().filter(e -> e.phase() == AuditEntry.Phase.INTENT && e.action().equals(action)).toList();
    }
}
