package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * No pass is spent waiting where nothing needs to be seen first: a picked task is cordoned in the pass that
 * picks it (until then it takes calls), and the restore steps follow one another in one pass. Each wasted pass
 * was 5 s on every drain's turn and 15 s at the end of every rollout (docs/benchmarks.md, guided rollout).
 */
class RolloutPassesTest {
    @TempDir
    Path journals;

    @Test
    void aPickedTaskIsCordonedInTheSamePassAndTheRestoreTakesOnePass() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            long cutBefore = rig.callsCut();
            RolloutEngine e = rig.start(target, rig.settings(2));
            RolloutStatus end = rig.run(e, Duration.ofSeconds(5), Duration.ofHours(3));
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(0, rig.callsCut() - cutBefore, "no call cut");

            List<RolloutJournal.Line> lines = rig.journal.lines(e.id());
            Map<String, Instant> started = new HashMap<>();
            Map<String, Instant> cordoned = new HashMap<>();
            Instant restoreFrom = null, completed = null;
            for (RolloutJournal.Line l : lines) {
                String ev = l.event();
                if (ev.startsWith("drain: start ")) started.put(RolloutContext.shortId(ev.substring(13).split(" ")[0]), l.at());
                if (ev.startsWith("done: cordon ")) cordoned.put(ev.substring(13).split(" ")[0], l.at());
                if (ev.startsWith("intent: restore ") && restoreFrom == null) restoreFrom = l.at();
                if (ev.startsWith("completed: ")) completed = l.at();
            }
            assertFalse(cordoned.isEmpty(), "tasks were cordoned");
            cordoned.forEach((task, at) -> assertEquals(started.get(task), at, "cordon of " + task + " in its picking pass"));
            assertEquals(restoreFrom, completed, "restored and completed in one pass");
        }
    }
}
