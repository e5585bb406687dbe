package io.drainboard.guard;

import io.drainboard.drain.RenewalWatch;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard service keeps every task of a steady, busy service protected past its first lease (120 min, renewed at
 * 60 min left) under both readings of DEPLOYMENT_BLOCKED (docs/simulator.md "Rules and switches"), as guard mode
 * does: strictly, ECS refuses every renewal while all tasks are protected, and the guard releases each and protects
 * it again at once where ECS waits to stop nothing ({@code drain.Renewal}) rather than let the leases run out.
 */
class GuardServiceRenewalTest {
    @ParameterizedTest(name = "strict DEPLOYMENT_BLOCKED = {0}")
    @ValueSource(booleans = {true, false})
    void everyTaskStaysProtectedThroughItsRenewals(boolean strict, @TempDir Path dir) throws Exception {
        try (GuardRig rig = new GuardRig(RenewalWatch.SCENARIO, Simulator.Options.virtual(RenewalWatch.SCENARIO), dir)) {
            rig.sim.model().setRules(rig.sim.model().rules().withStrictProtectionLimit(strict));
            GuardService g = rig.replica("guard-a", Duration.ofMinutes(5), Set.of("voice/agent"));
            // Take the lease and protect every task before counting.
            for (int i = 0; i < 8 && g.stats.protections.get() == 0; i++) rig.step(Duration.ofSeconds(15));
            assertEquals(8, g.stats.protections.get(), String.join("\n", rig.log));
            long cutBefore = rig.sim.groundTruth().callsCut();
            int unprotected = RenewalWatch.unprotectedTaskMinutes(rig.sim, () -> rig.sim.advance(Duration.ofMinutes(1)),
                    () -> rig.step(Duration.ZERO));
            RenewalWatch.assertEveryTaskRenewed(rig.sim, unprotected, String.join("\n", rig.log));
            assertEquals(0, rig.sim.groundTruth().callsCut() - cutBefore);
            assertEquals(0, rig.sim.requests().count("ecs", "StopTask"), "a guard never stops a task");
            assertTrue(g.stats.protections.get() > 8, "renewed past the first grants: " + g.stats.prometheus());
        }
    }
}
