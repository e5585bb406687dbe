package io.drainboard.ui.history;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartScaleTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void zoomKeepsTheTimeUnderThePointerInPlace() {
        ChartScale s = new ChartScale(T0, T0.plus(Duration.ofHours(2)));
        s.size(1000, 300);
        double x = s.x(T0.plus(Duration.ofMinutes(30)));
        s.zoom(0.5, x);
        assertEquals(Duration.ofHours(1), Duration.between(s.viewFrom(), s.viewTo()));
        assertEquals(x, s.x(T0.plus(Duration.ofMinutes(30))), 0.5);
    }

    @Test
    void theViewStaysInsideTheLoadedRangeAndNeverBelowAMinute() {
        ChartScale s = new ChartScale(T0, T0.plus(Duration.ofHours(2)));
        s.size(1000, 300);
        for (int i = 0; i < 50; i++) s.zoom(0.5, 500);
        assertEquals(ChartScale.MIN_SPAN, Duration.between(s.viewFrom(), s.viewTo()));
        s.pan(1e6);
        assertEquals(T0, s.viewFrom(), "dragging far right stops at the start");
        s.zoom(1e9, 0);
        assertEquals(T0, s.viewFrom());
        assertEquals(T0.plus(Duration.ofHours(2)), s.viewTo());
    }

    @Test
    void mapsCallsToHeightWithHeadroom() {
        ChartScale s = new ChartScale(T0, T0.plusSeconds(600));
        s.size(800, 300);
        s.top(20);
        assertEquals(23, s.top());
        assertEquals(s.baseline(), s.y(0), 1e-9);
        assertTrue(s.y(23) <= ChartScale.TOP + 1e-9);
    }

    @Test
    void aBurstOfStopsThatCutCallsNeverPilesMarkersOnOnePlaceEvenAtTheRightEdge() {
        ChartScale s = new ChartScale(T0, T0.plusSeconds(3600));
        s.size(900, 240);
        java.util.List<ChartScale.Mark> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) burst.add(new ChartScale.Mark("cut" + i, T0.plusSeconds(3590 + i / 10), true));
        for (int i = 0; i < 30; i++) burst.add(new ChartScale.Mark("clean" + i, T0.plusSeconds(3595), false));
        s.place(burst);
        java.util.Set<String> places = new java.util.HashSet<>();
        for (ChartScale.Mark m : burst) {
            double x = s.markerXOf(m.key()), y = s.markerYOf(m.key());
            assertTrue(places.add(Math.round(x) + "," + Math.round(y)), m.key() + " shares its place with another at " + x + "," + y);
            assertTrue(x >= ChartScale.LEFT && x <= 900 - ChartScale.RIGHT + 1e-9, m.key() + " x " + x);
            assertTrue(y >= ChartScale.TOP && y <= s.baseline(), m.key() + " y " + y);
        }
        double x = s.markerXOf("cut0");
        assertEquals(x - 10 - 21, s.labelX(x, 21), 1e-9, "at the right edge the label goes left of its marker");
        assertEquals(110, s.labelX(100, 21), 1e-9);
    }
}
