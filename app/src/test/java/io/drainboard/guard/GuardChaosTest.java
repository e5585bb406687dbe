package io.drainboard.guard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The short version of {@link GuardChaosBench}: two seeds, guard off and on (kills and restarts), in the normal run. */
class GuardChaosTest {
    @Test
    void guardReplicasKilledAndRestartedCutNoCallWhereTheUnguardedFleetDoes(@TempDir Path dir) throws Exception {
        long offCut = 0;
        for (long seed = 1; seed <= 2; seed++) {
            GuardChaosRun.Outcome off = GuardChaosRun.run(seed, false, dir);
            GuardChaosRun.Outcome on = GuardChaosRun.run(seed, true, dir);
            System.out.println(off + "\n" + on);
            offCut += off.cut();
            assertEquals(0, on.cut(), "guarded: " + on);
            assertTrue(on.kills() > 0, "replicas were killed: " + on);
            assertEquals(0, on.stopTasks(), "the guard never stops a task");
            // The deploy may still wait for busy old tasks at the end: protection holds them, as it should.
            assertTrue(on.desiredAtEnd() < 8 && on.newTasks() > 0, "the scale-in and the deploy happened: " + on);
        }
        assertTrue(offCut > 0, "without the guard the same seeds cut calls");
    }
}
