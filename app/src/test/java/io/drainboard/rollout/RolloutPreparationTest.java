package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import io.drainboard.sim.autoscaling.ScalableTargets;
import io.drainboard.sim.http.Faults;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the rollout does before it deploys when ECS or Application Auto Scaling refuses a step, in the fast tier (two
 * busy tasks, scenario rollout-tiny, real SDK clients), asserted on the simulator's state: nothing is deployed until
 * dynamic scale-in is suspended and every old task protected, a step refused for ten minutes pauses the rollout, and
 * a scale-in the operator had suspended before is left suspended after.
 */
class RolloutPreparationTest {
    private static final Faults.Rule ALWAYS_5XX = new Faults.Rule(0, 1, 0, Duration.ZERO);
    private static final String TARGET = "service/voice/agent";

    @TempDir
    Path journals;

    private static boolean scaleInSuspended(RolloutRig rig) {
        return rig.sim.scalableTargets().target(TARGET).scaleInSuspended();
    }

    private static int deployments(RolloutRig rig) {
        return rig.model().deployments().size();
    }

    @Test
    void nothingIsDeployedOrSurgedWhileDynamicScaleInCannotBeSuspended() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            rig.sim.faults().set("application-autoscaling:RegisterScalableTarget", ALWAYS_5XX);
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus s = rig.step(e);
            for (int i = 0; i < 12; i++) {
                rig.sim.advance(TwoTaskRolloutTest.PASS);
                s = rig.step(e);
                assertEquals(1, deployments(rig), "deployed while scale-in could still stop new tasks: " + s.line());
                assertEquals(200, rig.model().maximumPercent(), "surge set before scale-in was suspended");
            }
            assertEquals(RolloutPhase.PREPARING, s.phase(), s.line());
            assertTrue(s.lastError().orElse("").startsWith("suspend dynamic scale-in failed"), s.line());

            rig.sim.faults().clear();
            s = TwoTaskRolloutTest.until(rig, e, st -> st.phase() == RolloutPhase.REPLACING);
            assertTrue(scaleInSuspended(rig), "suspended before the deployment: " + s.line());
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertTrue(!scaleInSuspended(rig), "resumed at the end, as it was before");
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void aScaleInTheOperatorSuspendedBeforeTheRolloutIsLeftSuspendedAfterIt() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            rig.sim.scalableTargets().register(TARGET, new ScalableTargets.Registration(null, null, null, true, null, null));
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertTrue(scaleInSuspended(rig), "the operator's suspension is left as it was");
            assertEquals(0, rig.sim.requests().count("application-autoscaling", "RegisterScalableTarget"),
                    "nothing to suspend, nothing to resume");
            assertEquals(0, rig.callsCut());
        }
    }

    /**
     * UpdateTaskProtection refused on every call: no old task is protected, so nothing is deployed, and after ten
     * minutes of refusals (the lock renewed meanwhile) the rollout pauses and says why. Resumed once ECS answers, it
     * completes.
     */
    @Test
    void oldTasksThatCannotBeProtectedAreNeverDeployedOverAndTheRolloutPausesAfterTenMinutes() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            rig.sim.faults().set("ecs:UpdateTaskProtection", ALWAYS_5XX);
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            Duration pass = Duration.ofMinutes(1);
            RolloutStatus s = rig.step(e);
            for (int i = 0; i < 20 && s.phase() != RolloutPhase.PAUSED; i++) {
                rig.sim.advance(pass);
                s = rig.step(e);
                assertEquals(1, deployments(rig), "deployed over unprotected old tasks: " + s.line());
            }
            assertEquals(RolloutPhase.PAUSED, s.phase(), s.line());
            assertTrue(s.pausedBecause().orElseThrow().startsWith("protect 2 task(s) has failed for 10 min"), s.line());
            List<RolloutJournal.Line> lines = rig.journal.lines(e.id());
            Instant firstFailure = lines.stream().filter(l -> l.event().startsWith("failed: protect")).findFirst().orElseThrow().at();
            Instant paused = lines.stream().filter(l -> l.event().startsWith("paused: ")).findFirst().orElseThrow().at();
            assertEquals(RolloutContext.FAILING_TOO_LONG, Duration.between(firstFailure, paused),
                    "paused once the step has failed for ten minutes, not later");
            assertTrue(rig.sim.requests().count("ecs", "TagResource") >= 2, "premise: the lock was renewed meanwhile");

            rig.sim.faults().clear();
            e.resumeRollout();
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(0, rig.callsCut());
        }
    }

    /**
     * Paused on a revision that does not start, the old tasks are what serves: their protection is renewed before it
     * runs out, for as long as the pause lasts (here 1 h 20 min, longer than the 60-min lease), and not on every pass.
     * With ECS's lenient reading of its protected-task limit (only the PRIMARY deployment's tasks count): under the
     * strict one ECS refuses these renewals (docs/benchmarks.md, "Test strength").
     */
    @Test
    void theOldTasksProtectionIsRenewedThroughAPauseLongerThanItsLease() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            rig.sim.model().setRules(rig.sim.model().rules().withStrictProtectionLimit(false));
            String target = rig.newRevision();
            rig.sim.model().failLaunches(target, "CannotPullContainerError: pull image manifest has been retried 5 time(s)");
            RolloutSettings settings = rig.settings(1);
            RolloutEngine e = rig.start(target, settings);
            TwoTaskRolloutTest.until(rig, e, st -> st.phase() == RolloutPhase.PAUSED);
            long writes = rig.sim.requests().count("ecs", "UpdateTaskProtection");
            Duration pass = Duration.ofMinutes(2);
            Duration pause = settings.lease().plus(settings.renewBefore());
            for (Duration spent = Duration.ZERO; spent.compareTo(pause) < 0; spent = spent.plus(pass)) {
                rig.sim.advance(pass);
                RolloutStatus s = rig.step(e);
                // A console that dies now leaves every old task protected for at least the renewal margin.
                Instant margin = rig.sim.clock().instant().plus(settings.renewBefore());
                List<io.drainboard.sim.model.TaskState> thin = rig.sim.model().read(m -> rig.model().tasks().stream()
                        .filter(t -> !t.taskDefinitionArn().equals(target) && "RUNNING".equals(t.desiredStatus())
                                && (!t.isProtected() || !t.protectionExpiresAt().isAfter(margin))).toList());
                assertEquals(List.of(), thin, "an old task's protection ends within " + settings.renewBefore() + " of "
                        + rig.sim.clock().instant() + ": " + s.line());
            }
            assertEquals(RolloutPhase.PAUSED, e.status().phase(), e.status().line());
            long renewals = rig.sim.requests().count("ecs", "UpdateTaskProtection") - writes;
            assertTrue(renewals >= 1 && renewals <= 3, "renewals over " + pause + ": " + renewals);
            assertEquals(0, rig.callsCut());
        }
    }

    /**
     * Known gap, not fixed (docs/benchmarks.md, "Test strength", 2026-12-07 sixth round): paused by the operator after
     * its deployment, under ECS's strict reading of the protected-task limit (the simulator's default), the rollout's
     * renewals of the old tasks' protection are refused (DEPLOYMENT_BLOCKED; the rollout alarms 10 min before the
     * lease ends), the lease lapses at 60 min and ECS's deployment stops both old tasks with their calls: 4 cut here.
     */
    @Disabled("known gap: the old tasks' protection lapses in a pause longer than the lease after the deployment")
    @Test
    void aPauseLongerThanTheLeaseAfterTheDeploymentLeavesNoOldTaskToECSWithItsCalls() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutSettings settings = rig.settings(1);
            RolloutEngine e = rig.start(target, settings);
            TwoTaskRolloutTest.until(rig, e, st -> st.phase() == RolloutPhase.REPLACING);
            e.pause("long lunch");
            Duration pass = Duration.ofMinutes(2);
            Instant callsAt = rig.sim.clock().instant().plus(settings.lease().minus(Duration.ofMinutes(10)));
            boolean called = false;
            for (Duration spent = Duration.ZERO; spent.compareTo(settings.lease().plus(settings.renewBefore())) < 0;
                 spent = spent.plus(pass)) {
                if (!called && !rig.sim.clock().instant().isBefore(callsAt)) {
                    rig.callOnEachServingTask(Duration.ofMinutes(20));
                    called = true;
                }
                rig.sim.advance(pass);
                RolloutStatus s = rig.step(e);
                assertEquals(List.of(), s.stops().problems(), s.line());
            }
            assertEquals(0, rig.callsCut());
        }
    }
}
