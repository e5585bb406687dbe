package io.drainboard.drain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The headroom the recommended policy keeps, and the ramp it is sized from. */
class SessionHeadroomTest {
    private static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");
    private static final SessionHeadroom H = SessionHeadroom.RECOMMENDED;

    @Test
    void onAFlatDayTheHeadroomIsASpareTaskAndAFifth() {
        // 30 sessions, no ramp, 4 a task: 30 + max(4, 0) + 0.2 × 30 = 40 sessions = 10 tasks; on 8 desired 40 ÷ 32.
        assertEquals(10.0, H.sessions(30, 0, 4), 1e-9);
        assertEquals(10, H.tasksNeeded(30, 0, 4));
        assertEquals(1.25, H.load(30, 0, 8, 4), 1e-9);
        assertEquals(1.0, H.load(30, 0, 10, 4), 1e-9, "the desired count that holds them exactly reads 1.0");
    }

    @Test
    void callersWaitingCountAsSessionsOnlyWhenAsked() {
        assertEquals(30, H.demand(30, 5), "the recommended load counts live sessions only");
        SessionHeadroom withQueue = new SessionHeadroom(H.lead(), H.minTasks(), H.window(), H.share(), true);
        assertEquals(35, withQueue.demand(30, 5));
        assertEquals(30, withQueue.demand(30, -1), "a count below zero is no queue");
    }

    @Test
    void aRampBuysItsLeadsWorthOfSessions() {
        // 10 sessions a minute × 7 minutes = 70 idle sessions, more than the one spare task.
        assertEquals(70 + 0.2 * 30, H.sessions(30, 10, 4), 1e-9);
        assertEquals(27, H.tasksNeeded(30, 10, 4)); // (30 + 70 + 6) ÷ 4 = 26.5
    }

    @Test
    void noiseOnAQuietServiceIsNoRampASurgeIs() {
        SessionHeadroom.Ramp quiet = new SessionHeadroom.Ramp(SessionHeadroom.WINDOW);
        int[] night = {4, 6, 3, 6, 5, 5, 4};
        double last = 0;
        for (int i = 0; i < night.length; i++) last = Math.max(last, quiet.add(T0.plusSeconds(30L * i), night[i]));
        assertEquals(0, last, 1e-9, "a rise within 2 × √(lowest) is noise");

        SessionHeadroom.Ramp surge = new SessionHeadroom.Ramp(SessionHeadroom.WINDOW);
        double ramp = 0;
        for (int i = 0; i <= 6; i++) ramp = surge.add(T0.plusSeconds(30L * i), 28 + 7 * i); // 14 a minute for 3 min
        // (70 − 28 − 2 × √28) ÷ max(3 min, 2.5 min) = 12.5 a minute
        assertEquals((70 - 28 - 2 * Math.sqrt(28)) / 3, ramp, 1e-9);
        assertTrue(surge.add(T0.plusSeconds(240), 60) < ramp, "falling: less");
    }

    @Test
    void theRampForgetsWhatIsOlderThanItsWindow() {
        SessionHeadroom.Ramp r = new SessionHeadroom.Ramp(Duration.ofMinutes(5));
        r.add(T0, 10);
        r.add(T0.plusSeconds(60), 60);
        assertEquals(0, r.add(T0.plusSeconds(60 * 7), 60), 1e-9, "the low of 10 is 7 minutes old: flat since");
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SessionHeadroom(Duration.ofMinutes(-1), 1, SessionHeadroom.WINDOW, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new SessionHeadroom(SessionHeadroom.LEAD, 1, Duration.ZERO, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new SessionHeadroom(SessionHeadroom.LEAD, 1, SessionHeadroom.WINDOW, 1.0));
    }
}
