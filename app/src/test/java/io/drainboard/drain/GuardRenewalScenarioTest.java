package io.drainboard.drain;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        String path = Path.of("..", "simulator", "src", "test", "resources", "scenarios", "guard-scale-in.yaml").toString();
        try (DrainRig rig = new DrainRig(path, Simulator.Options.virtual(path), dir)) {
            rig.sim.model().setRules(rig.sim.model().rules().withStrictProtectionLimit(strict));
            rig.guard.enable("voice/agent", GuardPolicy.Settings.DEFAULT);
            rig.step(Duration.ZERO);
            long cutBefore = rig.truth("agent").cut();
            int unprotectedSeen = 0;
            for (int i = 0; i < 2 * 60 + 10; i++) { // 2 h 10 min in 1 min steps
                rig.sim.clock().advance(Duration.ofMinutes(1));
                // Ground truth before the guard acts this step: a lapsed lease shows here.
                unprotectedSeen += rig.sim.model().read(m -> (int) rig.sim.model().cluster("voice").orElseThrow()
                        .services().get("agent").tasks().stream()
                        .filter(t -> "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus()))
                        .filter(t -> rig.sim.clock().instant().isAfter(t.startedAt().plus(Duration.ofMinutes(1))))
                        .filter(t -> !t.isProtected()).count());
                rig.step(Duration.ZERO);
            }
            List<TaskState> live = rig.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks()
                    .stream().filter(t -> "RUNNING".equals(t.desiredStatus())).toList());
            assertEquals(8, live.size());
            assertEquals(0, unprotectedSeen, "a task ran unprotected between two refreshes");
            assertTrue(live.stream().allMatch(t -> t.isProtected()
                    && t.protectionExpiresAt().isAfter(rig.sim.clock().instant().plus(Duration.ofMinutes(50)))), "renewed");
            assertEquals(0, rig.truth("agent").cut() - cutBefore);
        }
    }
}
