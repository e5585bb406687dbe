package io.drainboard.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A calls series as horizontal steps to draw: each value holds from its point to the next one, clipped to the
 * stretches that were watched (a closed console draws nothing, never a flat line) and to the view. Unknown
 * values draw nothing either. Used by the timeline view and the report's SVG alike.
 */
public final class Steps {
    public record Step(Instant from, Instant to, int calls) {
    }

    private Steps() {
    }

    /** Live series: change-only, valid only inside {@code watched}. */
    public static List<Step> live(List<SeriesPoint> points, List<TimelineParts.Span> watched, Instant from, Instant to) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            SeriesPoint p = points.get(i);
            if (!p.known()) continue;
            Instant end = i + 1 < points.size() ? points.get(i + 1).at() : to;
            for (TimelineParts.Span w : watched) {
                Instant a = max(max(p.at(), w.from()), from), b = min(min(end, w.to()), to);
                if (a.isBefore(b)) out.add(new Step(a, b, p.calls()));
            }
        }
        return out;
    }

    /** Backfilled series: one datapoint a minute, each valid for its minute. */
    public static List<Step> perMinute(List<SeriesPoint> points, Instant from, Instant to) {
        List<Step> out = new ArrayList<>();
        for (SeriesPoint p : points) {
            if (!p.known()) continue;
            Instant a = max(p.at(), from), b = min(p.at().plusSeconds(60), to);
            if (a.isBefore(b)) out.add(new Step(a, b, p.calls()));
        }
        return out;
    }

    public static int max(List<Step> steps) {
        int m = 0;
        for (Step s : steps) m = Math.max(m, s.calls());
        return m;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
