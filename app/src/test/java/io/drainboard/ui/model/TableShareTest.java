package io.drainboard.ui.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The table takes what its rows need, between a third of the height and its usual share. */
class TableShareTest {
    @Test
    void aSmallServiceLeavesTheRoomToThePanesBelow() {
        // 820 px shared, rows of 28 px, header 30 px: 8 rows need 30 + 8 × 28 + 14 = 268 px, a third of it
        assertEquals(0.33, TableShare.of(8, 28, 30, 820), 0.005);
        assertEquals(TableShare.LEAST, TableShare.of(2, 28, 30, 820), 1e-9, "never less than the least share");
    }

    @Test
    void aLargeFleetKeepsTheUsualShare() {
        assertEquals(TableShare.USUAL, TableShare.of(120, 28, 30, 820), 1e-9);
        assertEquals(TableShare.USUAL, TableShare.of(3, 28, 30, 0), 1e-9, "before the first layout");
        assertEquals(TableShare.USUAL, TableShare.of(0, 28, 30, 820), 1e-9, "no rows: the opening card's place");
    }
}
