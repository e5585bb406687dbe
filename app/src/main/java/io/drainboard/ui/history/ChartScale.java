package io.drainboard.ui.history;

import io.drainboard.history.StopRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The timeline chart's geometry, apart from drawing so it is tested without a window: which stretch of the
 * loaded range is in view, time ↔ x and calls ↔ y, zooming around the pointer, panning, and which stop
 * marker a click hits.
 */
final class ChartScale {
    static final double LEFT = 44, RIGHT = 14, TOP = 26, BOTTOM = 26;
    static final Duration MIN_SPAN = Duration.ofMinutes(1);
    private static final double HIT_RADIUS = 10;
    private static final double STACK_GAP = 18;
    /** A column of stacked "calls cut" markers and their labels ("✕12") beside the next. */
    static final double COLUMN_GAP = 46;
    private final java.util.Map<String, double[]> positions = new java.util.HashMap<>();

    private final Instant dataFrom, dataTo;
    private Instant viewFrom, viewTo;
    private double width = 600, height = 240;
    private int top = 4;

    ChartScale(Instant from, Instant to) {
        this.dataFrom = from;
        this.dataTo = to;
        reset();
    }

    void size(double w, double h) {
        width = Math.max(LEFT + RIGHT + 10, w);
        height = Math.max(TOP + BOTTOM + 10, h);
    }

    /** Most calls on the vertical axis (headroom added). */
    void top(int maxCalls) {
        top = Math.max(4, (int) Math.ceil(maxCalls * 1.15));
    }

    int top() {
        return top;
    }

    double width() {
        return width;
    }

    Instant viewFrom() {
        return viewFrom;
    }

    Instant viewTo() {
        return viewTo;
    }

    void reset() {
        viewFrom = dataFrom;
        viewTo = dataTo;
    }

    double x(Instant t) {
        double span = Math.max(1, Duration.between(viewFrom, viewTo).toMillis());
        return LEFT + (width - LEFT - RIGHT) * Duration.between(viewFrom, t).toMillis() / span;
    }

    Instant time(double x) {
        double span = Duration.between(viewFrom, viewTo).toMillis();
        return viewFrom.plusMillis(Math.round((x - LEFT) / (width - LEFT - RIGHT) * span));
    }

    double y(double calls) {
        return baseline() - (baseline() - TOP) * calls / top;
    }

    double baseline() {
        return height - BOTTOM;
    }

    /** Zooms by {@code factor} (< 1 in, > 1 out) keeping the time under {@code anchorX} where it is. */
    void zoom(double factor, double anchorX) {
        Instant anchor = time(Math.max(LEFT, Math.min(width - RIGHT, anchorX)));
        long span = Duration.between(viewFrom, viewTo).toMillis();
        long full = Duration.between(dataFrom, dataTo).toMillis();
        long next = Math.max(Math.min(MIN_SPAN.toMillis(), full), Math.min(full, Math.round(span * factor)));
        double share = (double) Duration.between(viewFrom, anchor).toMillis() / Math.max(1, span);
        Instant from = anchor.minusMillis(Math.round(next * share));
        place(from, next);
    }

    /** Moves the view by {@code dx} pixels (positive: back in time, as when dragging the chart right). */
    void pan(double dx) {
        long span = Duration.between(viewFrom, viewTo).toMillis();
        long shift = Math.round(-dx / (width - LEFT - RIGHT) * span);
        place(viewFrom.plusMillis(shift), span);
    }

    private void place(Instant from, long spanMillis) {
        if (from.isBefore(dataFrom)) from = dataFrom;
        Instant to = from.plusMillis(spanMillis);
        if (to.isAfter(dataTo)) {
            to = dataTo;
            from = to.minusMillis(spanMillis);
            if (from.isBefore(dataFrom)) from = dataFrom;
        }
        viewFrom = from;
        viewTo = to;
    }

    /**
     * Places the stop markers for the current view: a stop that cut calls stands higher (and bigger) than a
     * clean one, and markers that would overlap (a deploy kills many tasks within seconds) stack upwards; a stack
     * taller than the plot goes on in a column beside it (to the left at the right edge), so no two markers share a
     * place and no label is drawn over another.
     */
    void layout(List<StopRecord> stops) {
        place(stops.stream().map(s -> new Mark(s.taskArn(), s.at(), s.cutCalls())).toList());
    }

    /** A stop as the layout sees it. */
    record Mark(String key, Instant at, boolean cut) {
    }

    void place(List<Mark> stops) {
        positions.clear();
        List<Mark> sorted = new java.util.ArrayList<>(stops);
        sorted.sort(java.util.Comparator.comparing(Mark::at));
        double[] lastX = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int[] level = {0, 0};
        for (Mark s : sorted) {
            int kind = s.cut() ? 0 : 1;
            double x = x(s.at());
            level[kind] = x - lastX[kind] < STACK_GAP ? level[kind] + 1 : 0;
            if (level[kind] == 0) lastX[kind] = x;
            double base = kind == 0 ? baseline() - 19 : baseline() - 6;
            double step = kind == 0 ? 19 : 9;
            int perColumn = Math.max(1, (int) ((base - (TOP + 8)) / step) + 1);
            int column = level[kind] / perColumn, row = level[kind] % perColumn;
            double anchor = kind == 0 && level[kind] > 0 ? lastX[kind] : x;
            double gap = kind == 0 ? COLUMN_GAP : STACK_GAP;
            double right = anchor + column * gap;
            double cx = right <= width - RIGHT ? right : anchor - column * gap;
            positions.put(s.key(), new double[]{cx, base - row * step});
        }
    }

    /** Where a marker's label starts: right of the marker, or left of it where it would leave the plot. */
    double labelX(double markerX, double labelWidth) {
        return markerX + 10 + labelWidth <= width - RIGHT + 2 ? markerX + 10 : markerX - 10 - labelWidth;
    }

    double markerXOf(String key) {
        return positions.get(key)[0];
    }

    double markerYOf(String key) {
        return positions.get(key)[1];
    }

    double markerX(StopRecord s) {
        double[] p = positions.get(s.taskArn());
        return p == null ? x(s.at()) : p[0];
    }

    double markerY(StopRecord s) {
        double[] p = positions.get(s.taskArn());
        return p != null ? p[1] : s.cutCalls() ? baseline() - 19 : baseline() - 6;
    }

    /** The stop whose marker is nearest to (x, y), within a finger's width. */
    Optional<StopRecord> hit(List<StopRecord> stops, double x, double y) {
        StopRecord best = null;
        double bestD = HIT_RADIUS;
        for (StopRecord s : stops) {
            double d = Math.hypot(markerX(s) - x, markerY(s) - y);
            if (d <= bestD) {
                best = s;
                bestD = d;
            }
        }
        return Optional.ofNullable(best);
    }
}
