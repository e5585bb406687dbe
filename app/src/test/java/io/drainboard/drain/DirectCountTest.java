package io.drainboard.drain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lab's directly set count: up to the aim at once, down after its minutes below, within min and max. */
class DirectCountTest {
    @Test
    void upAtOnceDownToTheMostOfTheMinutesBelow() {
        DirectCount d = new DirectCount(3, 2, 10);
        assertEquals(6, d.next(4, 6), "up to the aim at once");
        assertEquals(-1, d.next(6, 6));
        assertEquals(-1, d.next(6, 4));
        assertEquals(-1, d.next(6, 5));
        assertEquals(5, d.next(6, 3), "third minute below: down to the most of them");
        assertEquals(-1, d.next(5, 4));
        assertEquals(-1, d.next(5, 5), "a minute at the count starts the minutes again");
        assertEquals(-1, d.next(5, 4));
        assertEquals(-1, d.next(5, 4));
        assertEquals(4, d.next(5, 4));
    }

    @Test
    void keepsWithinMinAndMax() {
        DirectCount d = new DirectCount(1, 2, 10);
        assertEquals(10, d.next(4, 30));
        assertEquals(2, d.next(10, 0));
        assertEquals(-1, d.next(2, 0));
    }
}
