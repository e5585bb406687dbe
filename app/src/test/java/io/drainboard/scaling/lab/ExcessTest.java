package io.drainboard.scaling.lab;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where the task-hours above the bound go: each part peeled off in order, the parts adding up to the ratio less one. */
class ExcessTest {
    private static final LowerBound BOUND = new LowerBound(new int[]{2, 2}, 4 / 60.0);

    /**
     * Minute 0: 5 billed, 4 desired, the headroom aimed at 3, 8 sessions of 4 a task (2 tasks; 3 with the 20 %).
     * Minute 1: 4 billed, 6 desired, aimed at 4, 4 sessions (1 task; 2 with the 20 %).
     */
    private static LabResult result() {
        return new LabResult("p", 10, 0, 0, 0, 1, 9 / 60.0, BOUND.taskHours(), 1, 0, new int[]{5, 4}, new int[]{8, 4},
                new LabResult.Minutes(new int[]{4, 6}, new int[]{0, 0}, new int[]{3, 4}, new int[]{4, 4}));
    }

    @Test
    void aHeadroomPolicysExcessSplitsIntoHeldLagRoomShareAndWholeTasks() {
        Excess x = Excess.of(result(), BOUND, 4, Optional.of(0.2));
        assertEquals(1 / 4.0, x.held(), 1e-9, "one task above desired in minute 0");
        assertEquals(1 / 4.0, x.lag(), 1e-9, "desired 4 against the aim of 3 in minute 0; in minute 1 the billed 4 are the aim");
        assertEquals(2 / 4.0, x.room(), 1e-9, "minute 1: the aim of 4 against the 2 the sessions and the share fill");
        assertEquals(2 / 4.0, x.share(), 1e-9, "one task of share in each minute");
        assertEquals(-1 / 4.0, x.whole(), 1e-9, "minute 1: the sessions fill 1 task where the bound holds 2");
        assertEquals(result().costRatio() - 1, x.total(), 1e-9, "the parts add up to the ratio less one");
        assertEquals(1 / 4.0, x.starting(), 1e-9, "minute 0: one billed task not serving");
    }

    @Test
    void anotherPolicysLagIsDesiredAboveWhatItsSessionsFill() {
        Excess x = Excess.of(result(), BOUND, 4, Optional.empty());
        assertEquals(1 / 4.0, x.held(), 1e-9);
        assertEquals(5 / 4.0, x.lag(), 1e-9, "4 − 2 in minute 0, 4 − 1 in minute 1");
        assertEquals(0, x.room() + x.share(), 1e-9);
        assertEquals(result().costRatio() - 1, x.total(), 1e-9);
    }

    @Test
    void aPerfectHourlyForecastHoldsEachHoursMostAllHour() {
        int[] tasks = new int[90];
        java.util.Arrays.fill(tasks, 1);
        tasks[30] = 3;
        tasks[70] = 2;
        LowerBound hourly = new LowerBound(tasks, 92 / 60.0).hourly();
        assertEquals(3, hourly.tasks()[0]);
        assertEquals(2, hourly.tasks()[89]);
        assertEquals((3 * 60 + 2 * 30) / 60.0, hourly.taskHours(), 1e-9);
    }
}
