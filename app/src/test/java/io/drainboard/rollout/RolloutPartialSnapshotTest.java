package io.drainboard.rollout;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.Partial;
import io.drainboard.profile.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rollout never steps on a partial snapshot (part of a first read, which may lack running tasks). */
class RolloutPartialSnapshotTest {
    @TempDir
    Path journals;

    @Test
    void aRolloutWaitsForTheWholeSnapshot() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            RolloutEngine e = rig.start(rig.newRevision(), rig.settings(2));
            FleetSnapshot whole = rig.read();
            int lines = rig.journal.lines(e.id()).size();
            rig.sim.requests().reset();
            RolloutStatus st = e.step(Partial.of(whole));
            assertEquals(0, rig.sim.requests().total(), "nothing sent: " + rig.sim.requests().snapshot());
            assertEquals(lines, rig.journal.lines(e.id()).size(), "nothing journalled");
            e.step(whole);
            assertTrue(rig.journal.lines(e.id()).size() > lines || rig.sim.requests().total() > 0,
                    "the whole snapshot moves it (" + st.line() + ")");
        }
    }
}
