package io.drainboard.ui.actions;

import io.drainboard.drain.CordonMethod;
import io.drainboard.drain.DrainPhase;
import io.drainboard.drain.DrainStatus;
import io.drainboard.stops.StopLine;
import io.drainboard.ui.model.Activity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A drain that ended is said once, green only when its task was seen stopping with no calls on it. */
class OutcomeNotesTest {
    private static DrainStatus done(String id, StopLine stop, String reason) {
        return new DrainStatus("c", "svc", "arn:aws:ecs:us-east-1:1:task/c/" + id, CordonMethod.HTTP, DrainPhase.DONE,
                Instant.EPOCH, Instant.EPOCH, Optional.empty(), Optional.empty(), reason, List.of(), Optional.empty(),
                Optional.of(stop));
    }

    @Test
    void anEndedDrainIsSaidOnceWithWhatWasObserved() {
        OutcomeNotes n = new OutcomeNotes();
        DrainStatus clean = done("a1", new StopLine("a1", true, true, false, 0, Optional.empty()),
                "drained, replacement running; 0 calls on any task when it stopped");
        DrainStatus cut = done("b2", new StopLine("b2", true, false, false, 2, Optional.of("…")),
                "replacement running; NOT CLEAN: task b2 stopped by SIGKILL (exit 137) with 2 calls (likely cut)");
        List<OutcomeNotes.Note> first = n.drains(List.of(clean, cut));
        assertEquals(Activity.Level.GOOD, first.get(0).level());
        assertEquals(Activity.Level.DANGER, first.get(1).level());
        assertTrue(first.get(1).text().startsWith("Drain of b2: replacement running; NOT CLEAN"), first.get(1).text());
        assertTrue(n.drains(List.of(clean, cut)).isEmpty(), "said once");
    }
}
