package io.drainboard.ui.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallsHistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");

    @Test
    void eachBucketKeepsTheMostCallsSeenInIt() {
        CallsHistory h = new CallsHistory();
        h.record("svc:a", T0, 3);
        h.record("svc:a", T0.plusSeconds(5), 7);
        h.record("svc:a", T0.plusSeconds(10), 4);
        double[] hour = h.lastHour("svc:a", T0.plusSeconds(10));
        assertEquals(CallsHistory.BUCKETS, hour.length);
        assertEquals(7, hour[hour.length - 1]);
        assertTrue(Double.isNaN(hour[0]), "nothing recorded an hour ago");
    }

    @Test
    void gapsReadAsNoDataAndAnHourLaterTheOldDataIsGone() {
        CallsHistory h = new CallsHistory();
        h.record("svc:a", T0, 5);
        h.record("svc:a", T0.plus(Duration.ofMinutes(2)), 6);
        double[] hour = h.lastHour("svc:a", T0.plus(Duration.ofMinutes(2)));
        assertEquals(5, hour[hour.length - 1 - 8]);
        assertTrue(Double.isNaN(hour[hour.length - 1 - 4]), "a gap is no data, not zero");
        h.record("svc:a", T0.plus(Duration.ofMinutes(61)), 1);
        double[] later = h.lastHour("svc:a", T0.plus(Duration.ofMinutes(61)));
        long points = java.util.Arrays.stream(later).filter(v -> !Double.isNaN(v)).count();
        assertEquals(2, points, "the 03:00 bucket fell out of the hour; 03:02 and 04:01 remain");
    }

    @Test
    void goneTasksAreForgotten() {
        CallsHistory h = new CallsHistory();
        h.record("task:1", T0, 1);
        h.record("task:2", T0, 2);
        h.retain(Set.of("task:2"));
        assertEquals(1, h.size());
    }
}
