package io.drainboard.rollout;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** maximumPercent for maxParallel + 1 tasks above desired count, as ECS rounds it (down). */
class SurgeTest {
    @Test
    void roomIsMaxParallelPlusASpare() {
        assertEquals(2, Surge.extraTasks(4, Surge.maximumPercent(4, 1, 1)));
        assertEquals(2, Surge.extraTasks(3, Surge.maximumPercent(3, 1, 1)), "ECS rounds 3 × 167 % = 5.01 down to 5");
        assertEquals(3, Surge.extraTasks(20, Surge.maximumPercent(20, 2, 1)));
        assertEquals(115, Surge.maximumPercent(20, 2, 1));
        assertEquals(2, Surge.extraTasks(7, Surge.maximumPercent(7, 1, 1)));
    }

    @Test
    void moreSparesMoreRoom() {
        assertEquals(8, Surge.extraTasks(20, Surge.maximumPercent(20, 4, 4)));
        assertEquals(1, Surge.extraTasks(20, Surge.maximumPercent(20, 1, 0)), "no spare: room for the drain's replacement");
    }

    @Test
    void aboveAHundredTasksOnePercentIsMoreThanTheSpare() {
        int p = Surge.maximumPercent(300, 1, 1);
        assertEquals(101, p);
        assertEquals(3, Surge.extraTasks(300, p));
    }
}
