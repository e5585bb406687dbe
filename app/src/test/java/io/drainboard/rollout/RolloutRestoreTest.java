package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.model.ServiceUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end of a rollout when ECS or Application Auto Scaling refuses to put things back, in the fast tier (two busy
 * tasks, scenario rollout-tiny, real SDK clients): the rollout is not reported ended while the deployment
 * configuration is still raised or dynamic scale-in still suspended; each is put back once the service answers.
 */
class RolloutRestoreTest {
    private static final Faults.Rule ALWAYS_5XX = new Faults.Rule(0, 1, 0, Duration.ZERO);

    @TempDir
    Path journals;

    private static boolean scaleInSuspended(RolloutRig rig) {
        return rig.sim.scalableTargets().target("service/voice/agent").scaleInSuspended();
    }

    @Test
    void aRolloutIsNotEndedUntilTheDeploymentConfigurationAndScaleInArePutBack() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            // maximumPercent 150 before: the rollout's room (200 % for one replacement and one spare) shows as a change.
            rig.sim.model().updateService(rig.model(), new ServiceUpdate(null, null, null, 150, null, null, false, null));
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            TwoTaskRolloutTest.until(rig, e, st -> st.phase() == RolloutPhase.REPLACING);
            rig.sim.faults().set("ecs:UpdateService", ALWAYS_5XX);
            rig.sim.faults().set("application-autoscaling:RegisterScalableTarget", ALWAYS_5XX);
            RolloutStatus s = TwoTaskRolloutTest.until(rig, e, st -> st.lastError().orElse("").startsWith("restore "));
            for (int i = 0; i < 3; i++) {
                rig.sim.advance(TwoTaskRolloutTest.PASS);
                s = rig.step(e);
                assertFalse(e.ended(), "ended with maximumPercent still raised: " + s.line());
            }
            assertEquals(200, rig.model().maximumPercent(), "premise: still raised");

            rig.sim.faults().set("ecs:UpdateService", Faults.Rule.NONE);
            s = TwoTaskRolloutTest.until(rig, e, st -> st.lastError().orElse("").startsWith("resume dynamic scale-in"));
            assertEquals(150, rig.model().maximumPercent(), "the deployment configuration put back first: " + s.line());
            for (int i = 0; i < 3; i++) {
                rig.sim.advance(TwoTaskRolloutTest.PASS);
                s = rig.step(e);
                assertFalse(e.ended(), "ended with dynamic scale-in still suspended: " + s.line());
            }
            assertTrue(scaleInSuspended(rig), "premise: still suspended");

            rig.sim.faults().clear();
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertFalse(scaleInSuspended(rig), "scale-in resumed");
            assertFalse(rig.sim.model().tags(rig.model().arn()).containsKey(LockHolder.TAG), "lock removed last");
            assertEquals(0, rig.callsCut());
        }
    }
}
