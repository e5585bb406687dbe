package io.drainboard.guard;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        String path = GuardRig.scenario("guard-scale-in.yaml");
        try (GuardRig rig = new GuardRig(path, Simulator.Options.virtual(path), dir)) {
            rig.sim.model().setRules(rig.sim.model().rules().withStrictProtectionLimit(strict));
            GuardService g = rig.replica("guard-a", Duration.ofMinutes(5), Set.of("voice/agent"));
            // Take the lease (written, then read back) and protect every task before counting.
            for (int i = 0; i < 8 && g.stats.protections.get() == 0; i++) rig.step(Duration.ofSeconds(15));
            assertEquals(8, g.stats.protections.get(), String.join("\n", rig.log));
            long cutBefore = rig.sim.groundTruth().callsCut();
            int unprotectedSeen = 0;
            for (int i = 0; i < 2 * 60 + 10; i++) { // 2 h 10 min in 1 min steps
                rig.sim.advance(Duration.ofMinutes(1));
                // Ground truth before the guard acts this step: a lapsed lease shows here.
                unprotectedSeen += rig.sim.model().read(m -> (int) m.cluster("voice").orElseThrow()
                        .services().get("agent").tasks().stream()
                        .filter(t -> "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus()))
                        .filter(t -> rig.sim.clock().instant().isAfter(t.startedAt().plus(Duration.ofMinutes(1))))
                        .filter(t -> !t.isProtected()).count());
                rig.step(Duration.ZERO);
            }
            List<TaskState> live = rig.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks()
                    .stream().filter(t -> "RUNNING".equals(t.desiredStatus())).toList());
            assertEquals(8, live.size());
            assertEquals(0, unprotectedSeen, "a task ran unprotected between two passes:\n" + String.join("\n", rig.log));
            assertTrue(live.stream().allMatch(t -> t.isProtected()
                    && t.protectionExpiresAt().isAfter(rig.sim.clock().instant().plus(Duration.ofMinutes(50)))),
                    "renewed:\n" + String.join("\n", rig.log));
            assertEquals(0, rig.sim.groundTruth().callsCut() - cutBefore);
            assertEquals(0, rig.sim.requests().count("ecs", "StopTask"), "a guard never stops a task");
            assertTrue(g.stats.protections.get() > 8, "renewed past the first grants: " + g.stats.prometheus());
        }
    }
}
