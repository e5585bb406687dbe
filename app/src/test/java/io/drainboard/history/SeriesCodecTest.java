package io.drainboard.history;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesCodecTest {
    static final Instant H = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void roundTripsPointsIncludingUnknown() {
        long hour = SeriesCodec.hourOf(H);
        List<SeriesPoint> pts = List.of(new SeriesPoint(H, 3), new SeriesPoint(H.plusMillis(5_300), 4),
                new SeriesPoint(H.plusSeconds(1800), SeriesPoint.UNKNOWN), new SeriesPoint(H.plusSeconds(3599), 250));
        byte[] b = SeriesCodec.encode(hour, pts);
        assertEquals(pts, SeriesCodec.decode(hour, b));
        assertTrue(b.length <= 14, "about two bytes a point: " + b.length);
    }

    @Test
    void theAppenderKeepsOnlyChanges() {
        long hour = SeriesCodec.hourOf(H);
        SeriesCodec.Appender a = new SeriesCodec.Appender(hour, new byte[0]);
        assertTrue(a.append(H, 1, false));
        assertFalse(a.append(H.plusSeconds(5), 1, false));
        assertTrue(a.append(H.plusSeconds(10), 3, false));
        assertEquals(List.of(new SeriesPoint(H, 1), new SeriesPoint(H.plusSeconds(10), 3)), SeriesCodec.decode(hour, a.bytes()));
        SeriesCodec.Appender resumed = new SeriesCodec.Appender(hour, a.bytes());
        assertTrue(resumed.append(H.plusSeconds(20), 3, false), "the first point of a session is always kept");
        assertFalse(resumed.append(H.plusSeconds(5), 7, false), "never back in time");
        assertEquals(3, SeriesCodec.decode(hour, resumed.bytes()).size());
    }
}
