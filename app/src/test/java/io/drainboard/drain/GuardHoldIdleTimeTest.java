package io.drainboard.drain;

import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guard mode held off a service (a safe scale-in owns its protection) does not watch its tasks, so what it knew of
 * their idle time before the hold says nothing of the hold: a task may have taken calls in between. When it takes the
 * service back, every task gets its whole idle hysteresis again before guard mode releases it for an expected
 * scale-in, over real wires in virtual time (scenario drain-tiny).
 */
class GuardHoldIdleTimeTest {
    private static final String KEY = "voice/agent";
    private static final Duration HYSTERESIS = Duration.ofMinutes(2);
    private static final Duration STEP = Duration.ofSeconds(10);

    @Test
    void afterAHoldGuardModeWaitsAWholeIdleHysteresisBeforeReleasingATask(@TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-tiny.yaml", dir)) {
            rig.guard.enable(KEY, new GuardPolicy.Settings(Duration.ofMinutes(10), Duration.ofMinutes(5), HYSTERESIS));
            for (int i = 0; i < 12 && isProtected(rig) < 3; i++) rig.step(STEP);
            assertEquals(3, isProtected(rig), "guard mode protects every task");
            rig.sim.model().setArrivalRate(service(rig), 0.0);
            for (int i = 0; i < 40 && active(rig) > 0; i++) rig.step(STEP);
            assertEquals(0, active(rig), "the last calls ended");
            rig.step(Duration.ofSeconds(30)); // guard mode has seen every task idle for 30 s
            rig.ecs.updateService(b -> b.cluster("voice").service("agent").desiredCount(1));
            rig.guard.hold(KEY, true);
            for (int i = 0; i < 18; i++) rig.step(STEP); // 3 minutes held: past the hysteresis counted from before
            assertEquals(3, isProtected(rig), "held, guard mode releases nothing");
            rig.guard.hold(KEY, false);
            Instant back = rig.sim.clock().instant();
            while (Duration.between(back, rig.sim.clock().instant()).compareTo(HYSTERESIS) < 0) {
                rig.step(STEP);
                if (Duration.between(back, rig.sim.clock().instant()).compareTo(HYSTERESIS) < 0) {
                    assertEquals(3, isProtected(rig), "released "
                            + Duration.between(back, rig.sim.clock().instant()).toSeconds()
                            + " s after guard mode took the service back, before a whole idle hysteresis it watched");
                }
            }
            for (int i = 0; i < 6 && isProtected(rig) == 3; i++) rig.step(STEP);
            assertTrue(isProtected(rig) < 3, "after the hysteresis guard mode releases the idle surplus");
            assertEquals(0, rig.truth("agent").cut(), "no call cut");
        }
    }

    private static long active(DrainRig rig) {
        var c = rig.truth("agent");
        return c.started() - c.endedNormally() - c.cut();
    }

    private static ServiceState service(DrainRig rig) {
        return rig.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent"));
    }

    private static long isProtected(DrainRig rig) {
        return rig.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks().stream()
                .filter(t -> "RUNNING".equals(t.lastStatus())).filter(TaskState::isProtected).count());
    }
}
