package io.drainboard.ui.tasks;

import io.drainboard.ui.model.KillOutlook;
import io.drainboard.ui.model.RowUpdate;
import io.drainboard.fleet.Protection;
import io.drainboard.ui.Fleets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingRowsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");

    private static RowUpdate row(String id, int calls) {
        Duration[] ages = new Duration[calls];
        Arrays.fill(ages, Duration.ofMinutes(1));
        var t = Fleets.running("c", "s", id, 1, NOW, Protection.OFF, Fleets.calls(Fleets.taskArn("c", id), NOW, ages));
        return new RowUpdate(t, null, null, KillOutlook.NONE);
    }

    @Test
    void theLatestUpdatePerTaskWinsUntilTheFxThreadTakesThem() {
        PendingRows p = new PendingRows();
        p.add(List.of(row("a", 1), row("b", 1)), Set.of(), false);
        p.add(List.of(row("a", 3)), Set.of(), false);
        PendingRows.Batch b = p.take();
        assertEquals(2, b.upserts().size());
        assertEquals(3, b.upserts().get(0).task().calls().count());
        assertTrue(p.take().isEmpty());
    }

    @Test
    void aTaskGoneAfterAnUpdateIsGoneAndBackAgainIsBack() {
        PendingRows p = new PendingRows();
        p.add(List.of(row("a", 1)), Set.of(), false);
        p.add(List.of(), Set.of(Fleets.taskArn("c", "a")), false);
        PendingRows.Batch b = p.take();
        assertTrue(b.upserts().isEmpty());
        assertEquals(Set.of(Fleets.taskArn("c", "a")), b.removed());
        p.add(List.of(), Set.of(Fleets.taskArn("c", "a")), false);
        p.add(List.of(row("a", 2)), Set.of(), false);
        b = p.take();
        assertTrue(b.removed().isEmpty());
        assertEquals(1, b.upserts().size());
    }

    @Test
    void aWholeFleetReplacesWhatWasPending() {
        PendingRows p = new PendingRows();
        p.add(List.of(row("a", 1)), Set.of("x"), false);
        p.add(List.of(row("b", 1)), Set.of(), true);
        PendingRows.Batch b = p.take();
        assertTrue(b.reset());
        assertEquals(List.of("b"), b.upserts().stream().map(u -> u.task().id()).toList());
        assertTrue(b.removed().isEmpty());
    }
}
