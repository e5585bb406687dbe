package io.drainboard.ui.history;

import io.drainboard.history.StopRecord;
import io.drainboard.history.Steps;
import io.drainboard.history.TimeTicks;
import io.drainboard.history.Timeline;
import io.drainboard.history.TimelineParts;
import javafx.geometry.VPos;
import javafx.scene.AccessibleRole;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A service's calls over time on a Canvas: live calls solid, backfilled (CloudWatch, 1-min) dashed;
 * deployments as shaded bands and scale events as hatched bands, each labelled; stops as markers — a stop
 * that cut calls is a large downward triangle with "✕n" above it, a clean stop a small ring (shape and text,
 * not colour alone); operator actions as ticks along the top. Scroll or +/− zooms around the pointer, drag or
 * ←/→ pans, double-click or 0 resets; clicking a marker selects its stop.
 */
public final class TimelineChart extends Region {
    private final Canvas canvas = new Canvas();
    private final ZoneId zone;
    private Timeline timeline;
    private ChartScale scale;
    private Optional<StopRecord> selected = Optional.empty();
    private Consumer<StopRecord> onStop = s -> { };
    private Runnable onView = () -> { };
    private double pressX, lastX;
    private boolean dragged;

    public TimelineChart(ZoneId zone) {
        this.zone = zone;
        setId("timelineChart");
        getChildren().add(canvas);
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setMinSize(300, 180);
        setPrefSize(960, 280);
        setOnScroll(e -> {
            if (scale == null || e.getDeltaY() == 0) return;
            scale.zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, e.getX());
            viewChanged();
        });
        setOnMousePressed(e -> {
            requestFocus();
            pressX = lastX = e.getX();
            dragged = false;
        });
        setOnMouseDragged(e -> {
            if (scale == null) return;
            if (Math.abs(e.getX() - pressX) > 3) dragged = true;
            scale.pan(e.getX() - lastX);
            lastX = e.getX();
            viewChanged();
        });
        setOnMouseClicked(e -> {
            if (scale == null || dragged || e.getButton() != MouseButton.PRIMARY) return;
            if (e.getClickCount() == 2) {
                scale.reset();
                viewChanged();
                return;
            }
            scale.hit(timeline.stops(), e.getX(), e.getY()).ifPresent(this::select);
        });
        setOnKeyPressed(e -> {
            if (scale == null) return;
            double mid = scale.width() / 2;
            KeyCode k = e.getCode();
            if (k == KeyCode.PLUS || k == KeyCode.EQUALS || k == KeyCode.ADD) scale.zoom(0.8, mid);
            else if (k == KeyCode.MINUS || k == KeyCode.SUBTRACT) scale.zoom(1.25, mid);
            else if (k == KeyCode.LEFT) scale.pan(scale.width() / 8);
            else if (k == KeyCode.RIGHT) scale.pan(-scale.width() / 8);
            else if (k == KeyCode.DIGIT0) scale.reset();
            else return;
            e.consume();
            viewChanged();
        });
    }

    public void setTimeline(Timeline t) {
        this.timeline = t;
        this.scale = new ChartScale(t.from(), t.to());
        this.selected = Optional.empty();
        int top = Math.max(Steps.max(Steps.live(t.calls(), t.watched(), t.from(), t.to())),
                Steps.max(Steps.perMinute(t.backfilledCalls(), t.from(), t.to())));
        scale.top(top);
        setAccessibleText("Calls on " + t.service().key() + "; " + t.stopsThatCutCalls().size() + " stops cut "
                + t.callsCut() + " calls");
        viewChanged();
    }

    public void onStopSelected(Consumer<StopRecord> c) {
        this.onStop = c;
    }

    public void onViewChanged(Runnable r) {
        this.onView = r;
    }

    public void select(StopRecord s) {
        selected = Optional.of(s);
        redraw();
        onStop.accept(s);
    }

    public Instant viewFrom() {
        return scale == null ? Instant.EPOCH : scale.viewFrom();
    }

    public Instant viewTo() {
        return scale == null ? Instant.EPOCH : scale.viewTo();
    }

    /** Where a stop's marker is drawn, in this node's coordinates (tests click it). */
    public javafx.geometry.Point2D markerPosition(StopRecord s) {
        return new javafx.geometry.Point2D(scale.markerX(s), scale.markerY(s));
    }

    public void zoom(double factor, double anchorX) {
        scale.zoom(factor, anchorX);
        viewChanged();
    }

    private void viewChanged() {
        redraw();
        onView.run();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        ChartColours c = ChartColours.current();
        g.setFill(c.background());
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (timeline == null) return;
        scale.size(canvas.getWidth(), canvas.getHeight());
        Instant from = scale.viewFrom(), to = scale.viewTo();
        scale.layout(timeline.stops());
        bands(g, c, from, to);
        axes(g, c, from, to);
        g.setLineWidth(1.6);
        g.setStroke(c.backfilled());
        g.setLineDashes(5, 3);
        steps(g, Steps.perMinute(timeline.backfilledCalls(), from, to));
        g.setStroke(c.live());
        g.setLineDashes();
        steps(g, Steps.live(timeline.calls(), timeline.watched(), from, to));
        for (StopRecord s : timeline.stops()) marker(g, c, s);
        double labelsEnd = Double.NEGATIVE_INFINITY;
        for (TimelineParts.Action a : timeline.actions()) {
            double x = scale.x(a.at());
            if (x < ChartScale.LEFT || x > scale.width() - ChartScale.RIGHT) continue;
            g.setStroke(c.action());
            g.setLineWidth(2);
            g.strokeLine(x, 4, x, 14);
            // Every action keeps its tick; its name only where it does not run into the previous one (zoom in to read
            // the others): a burst of actions is a row of ticks, not a smear of words.
            double w = 6 * a.action().length();
            if (x + 3 < labelsEnd + 6 || x + 3 + w > scale.width()) continue;
            g.setFill(c.action());
            g.setFont(Font.font(10));
            g.fillText(a.action(), x + 3, 12);
            labelsEnd = x + 3 + w;
        }
    }

    private void bands(GraphicsContext g, ChartColours c, Instant from, Instant to) {
        double top = ChartScale.TOP, h = scale.baseline() - ChartScale.TOP;
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.TOP);
        for (TimelineParts.Deployment d : timeline.deployments()) {
            double x0 = clampX(scale.x(d.start())), x1 = clampX(scale.x(d.end().orElse(timeline.to())));
            if (x1 - x0 < 1) continue;
            g.setFill(c.deploy());
            g.fillRect(x0, top, x1 - x0, h);
            g.setFill(c.text());
            g.fillText("deploy " + d.revision(), x0 + 3, top + 2);
        }
        List<TimelineParts.Counts> counts = timeline.counts();
        for (int i = 1; i < counts.size(); i++) {
            if (counts.get(i).desired() == counts.get(i - 1).desired()) continue;
            Instant end = timeline.to();
            for (int j = i; j < counts.size(); j++) {
                if (counts.get(j).running() == counts.get(i).desired()) {
                    end = counts.get(j).at();
                    break;
                }
            }
            double x0 = clampX(scale.x(counts.get(i).at())), x1 = Math.max(x0 + 3, clampX(scale.x(end)));
            g.setStroke(c.scale());
            g.setLineWidth(1);
            g.save();
            g.beginPath();
            g.rect(x0, top, x1 - x0, h);
            g.clip();
            for (double x = x0 - h; x < x1; x += 7) g.strokeLine(x, top + h, x + h, top);
            g.restore();
            g.setFill(c.text());
            g.fillText("scale " + counts.get(i - 1).desired() + "→" + counts.get(i).desired(), x0 + 3, top + 14);
        }
        g.setTextBaseline(VPos.BASELINE);
    }

    private double clampX(double x) {
        return Math.max(ChartScale.LEFT, Math.min(scale.width() - ChartScale.RIGHT, x));
    }

    private void axes(GraphicsContext g, ChartColours c, Instant from, Instant to) {
        g.setLineDashes();
        g.setLineWidth(1);
        g.setFont(Font.font(10));
        g.setTextAlign(TextAlignment.RIGHT);
        int step = Math.max(1, scale.top() / 5);
        for (int v = 0; v <= scale.top(); v += step) {
            double y = scale.y(v);
            g.setStroke(c.grid());
            g.strokeLine(ChartScale.LEFT, y, scale.width() - ChartScale.RIGHT, y);
            g.setFill(c.text());
            g.fillText(String.valueOf(v), ChartScale.LEFT - 5, y + 3);
        }
        g.fillText("calls", ChartScale.LEFT - 5, ChartScale.TOP - 12);
        g.setTextAlign(TextAlignment.CENTER);
        Duration span = Duration.between(from, to);
        Duration tick = TimeTicks.step(span);
        DateTimeFormatter f = TimeTicks.format(span).withZone(zone);
        for (Instant t = TimeTicks.first(from, tick); !t.isAfter(to); t = t.plus(tick)) {
            double x = scale.x(t);
            g.strokeLine(x, scale.baseline(), x, scale.baseline() + 4);
            g.fillText(f.format(t), x, scale.baseline() + 16);
        }
        g.setTextAlign(TextAlignment.LEFT);
    }

    private void steps(GraphicsContext g, List<Steps.Step> steps) {
        Steps.Step prev = null;
        for (Steps.Step s : steps) {
            double x0 = scale.x(s.from()), x1 = scale.x(s.to()), y = scale.y(s.calls());
            if (prev != null && prev.to().equals(s.from())) g.strokeLine(x0, scale.y(prev.calls()), x0, y);
            g.strokeLine(x0, y, x1, y);
            prev = s;
        }
    }

    private void marker(GraphicsContext g, ChartColours c, StopRecord s) {
        double x = scale.markerX(s), y = scale.markerY(s);
        if (x < ChartScale.LEFT - 2 || x > scale.width() - ChartScale.RIGHT + 2) return;
        boolean chosen = selected.map(o -> o.taskArn().equals(s.taskArn())).orElse(false);
        if (s.cutCalls()) {
            g.setFill(c.cut());
            g.fillPolygon(new double[]{x - 8, x + 8, x}, new double[]{y - 7, y - 7, y + 9}, 3);
            g.setStroke(c.action());
            g.setLineWidth(1);
            g.strokePolygon(new double[]{x - 8, x + 8, x}, new double[]{y - 7, y - 7, y + 9}, 3);
            String label = "✕" + s.callsCutText();
            g.setFont(Font.font(null, FontWeight.BOLD, 11));
            g.setFill(c.background().deriveColor(0, 1, 1, 0.75)); // the label stays readable over the calls line
            double w = 7 * label.length(), lx = scale.labelX(x, w); // beside the marker, inside the plot
            g.fillRect(lx - 1, y - 6, w + 2, 13);
            g.setFill(c.action());
            g.fillText(label, lx, y + 4);
        } else {
            g.setStroke(c.clean());
            g.setLineWidth(1.2);
            g.strokeOval(x - 3.5, y - 3.5, 7, 7);
        }
        if (chosen) {
            g.setStroke(c.selection());
            g.setLineWidth(2);
            g.strokeOval(x - 12, y - 12, 24, 24);
        }
    }
}
