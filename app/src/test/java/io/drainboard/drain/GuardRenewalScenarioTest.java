package io.drainboard.drain;

import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Guard mode keeps every task of a steady service protected past its first lease (120 min, renewed at 60 min
 * left) under both readings of DEPLOYMENT_BLOCKED (docs/simulator.md "Rules and switches"). Strictly, ECS refuses
 * to renew any of them while all are protected; the guard then releases each and protects it again at once — safe,
 * as ECS waits to stop nothing — rather than let the leases run out.
 */
class GuardRenewalScenarioTest {
    @ParameterizedTest(name = "strict DEPLOYMENT_BLOCKED = {0}")
    @ValueSource(booleans = {true, false})
    void everyTaskStaysProtectedThroughItsRenewals(boolean strict, @TempDir Path dir) throws Exception {
        try (DrainRig rig = new DrainRig(RenewalWatch.SCENARIO, Simulator.Options.virtual(RenewalWatch.SCENARIO), dir)) {
            rig.sim.model().setRules(rig.sim.model().rules().withStrictProtectionLimit(strict));
            rig.guard.enable("voice/agent", GuardPolicy.Settings.DEFAULT);
            rig.step(Duration.ZERO);
            long cutBefore = rig.truth("agent").cut();
            int unprotected = RenewalWatch.unprotectedTaskMinutes(rig.sim, () -> rig.sim.clock().advance(Duration.ofMinutes(1)),
                    () -> rig.step(Duration.ZERO));
            RenewalWatch.assertEveryTaskRenewed(rig.sim, unprotected, "");
            assertEquals(0, rig.truth("agent").cut() - cutBefore);
        }
    }
}
