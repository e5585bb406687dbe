package io.drainboard.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.drainboard.history.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Old rows go by age; a file past its size limit loses whole days from the oldest on. */
class RetentionTest {
    @TempDir
    Path dir;

    @Test
    void rowsOlderThanTheRetentionGoAndRecentOnesStay() throws Exception {
        HistorySettings s = HistorySettings.DEFAULT.withBusyTimeout(Duration.ZERO).withRetention(Duration.ofDays(2), 1L << 40);
        try (History h = History.open(dir, Clock.fixed(T0, ZoneOffset.UTC), s)) {
            for (int day = 0; day < 4; day++) record(h, T0.plus(Duration.ofDays(day)), day);
            assertTrue(h.flush(Duration.ofSeconds(10)));
            ServiceRef svc = h.service("voice-prod", "support-agent").orElseThrow();
            List<SeriesPoint> calls = h.timeline(svc, T0.minusSeconds(1), T0.plus(Duration.ofDays(4))).calls();
            // Retention ran with each snapshot (hourly); at day 3 the cut-off is day 1.
            assertEquals(T0.plus(Duration.ofDays(1)), calls.get(0).at(), calls.toString());
        }
    }

    @Test
    void aFileOverItsSizeLimitDropsItsOldestDays() throws Exception {
        HistorySettings s = HistorySettings.DEFAULT.withBusyTimeout(Duration.ZERO).withRetention(Duration.ofDays(365), 200_000);
        try (History h = History.open(dir, Clock.fixed(T0, ZoneOffset.UTC), s)) {
            Instant t = T0;
            for (int day = 0; day < 6; day++) {
                for (int i = 0; i < 100; i++) { // a blob per task-hour: 6 days × 100 tasks fill well past 200 kB
                    record(h, t.plusSeconds(i * 36L), i);
                }
                t = t.plus(Duration.ofDays(1));
            }
            record(h, t.plus(Duration.ofHours(2)), 1);
            assertTrue(h.flush(Duration.ofSeconds(30)));
            ServiceRef svc = h.service("voice-prod", "support-agent").orElseThrow();
            List<SeriesPoint> calls = h.timeline(svc, T0.minusSeconds(1), t.plus(Duration.ofDays(1))).calls();
            assertTrue(calls.get(0).at().isAfter(T0.plus(Duration.ofDays(1))), "the oldest days went: " + calls.get(0));
            assertTrue(calls.get(calls.size() - 1).at().isAfter(t), "today stays");
        }
    }

    private static void record(History h, Instant at, int n) {
        List<io.drainboard.fleet.TaskSnapshot> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) tasks.add(Fixtures.running("t" + i + "-" + n % 7, at, "room-" + n + "-" + i));
        h.recorder().snapshot(Fixtures.snapshot(1, at, tasks, List.of(), List.of()));
        assertTrue(h.flush(Duration.ofSeconds(10)));
    }
}
