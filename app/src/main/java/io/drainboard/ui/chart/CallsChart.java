package io.drainboard.ui.chart;

import io.drainboard.ui.model.CallsHistory;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls over the last hour for the services in view (and the selected task), from {@link CallsHistory}.
 * Redrawn when the view changes or a 15-second bucket closes, never per tick; no animation, no symbols.
 */
public final class CallsChart {
    /** One line: its legend name and history key. */
    public record Line(String name, String key) {
    }

    private final NumberAxis minutes = new NumberAxis(-60, 0, 10);
    private final NumberAxis calls = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(minutes, calls);
    private final Label title = new Label("Calls, last hour");
    private final VBox box = new VBox(2);
    private List<Line> lines = List.of();
    private long drawnBucket = Long.MIN_VALUE;

    public CallsChart() {
        chart.setId("callsChart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        chart.setHorizontalGridLinesVisible(true);
        chart.setVerticalGridLinesVisible(false);
        minutes.setLabel("minutes ago");
        minutes.setMinorTickVisible(false);
        calls.setForceZeroInRange(true);
        calls.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n.doubleValue() == Math.rint(n.doubleValue()) ? Integer.toString(n.intValue()) : ""; // calls are whole
            }

            @Override
            public Number fromString(String s) {
                return Integer.valueOf(s);
            }
        });
        calls.setMinorTickVisible(false);
        calls.setTickUnit(1);
        title.getStyleClass().add("section-title");
        box.getStyleClass().add("details-pane");
        box.getChildren().addAll(title, new StackPane(chart));
        VBox.setVgrow(box.getChildren().get(1), javafx.scene.layout.Priority.ALWAYS);
    }

    public Node node() {
        return box;
    }

    /**
     * Redraws if the lines changed or a new bucket began since the last drawing. The same lines keep their
     * series and points and only move the values: a chart whose series are replaced rebuilds its paths and
     * legend (≈ 8 ms of one frame every 15 s at fleet scope, docs/benchmarks.md, UI).
     */
    public void show(String heading, List<Line> wanted, CallsHistory history, Instant now) {
        long bucket = Math.floorDiv(now.toEpochMilli(), CallsHistory.BUCKET.toMillis());
        if (wanted.equals(lines) && bucket == drawnBucket) return;
        boolean sameLines = wanted.equals(lines);
        lines = List.copyOf(wanted);
        drawnBucket = bucket;
        title.setText("Calls, last hour · " + heading);
        if (!sameLines) {
            List<XYChart.Series<Number, Number>> series = new ArrayList<>();
            for (Line l : wanted) {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName(l.name());
                series.add(s);
            }
            chart.getData().setAll(series);
        }
        double max = 1;
        for (int n = 0; n < wanted.size(); n++) {
            double[] values = history.lastHour(wanted.get(n).key(), now);
            max = Math.max(max, draw(chart.getData().get(n), values));
        }
        calls.setTickUnit(Math.max(1, Math.ceil(max / 5)));
    }

    /** Puts one line's values into its series, in place when the points are the same minutes; returns the peak. */
    private static double draw(XYChart.Series<Number, Number> series, double[] values) {
        List<double[]> points = new ArrayList<>();
        double max = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) continue;
            double ago = -(values.length - 1 - i) * CallsHistory.BUCKET.toSeconds() / 60.0;
            points.add(new double[]{ago, values[i]});
            max = Math.max(max, values[i]);
        }
        ObservableList<XYChart.Data<Number, Number>> data = series.getData();
        boolean sameMinutes = data.size() == points.size();
        for (int i = 0; sameMinutes && i < points.size(); i++) {
            sameMinutes = data.get(i).getXValue().doubleValue() == points.get(i)[0];
        }
        if (sameMinutes) {
            for (int i = 0; i < points.size(); i++) {
                if (data.get(i).getYValue().doubleValue() != points.get(i)[1]) data.get(i).setYValue(points.get(i)[1]);
            }
        } else {
            List<XYChart.Data<Number, Number>> fresh = new ArrayList<>(points.size());
            for (double[] p : points) fresh.add(new XYChart.Data<>(p[0], p[1]));
            data.setAll(fresh);
        }
        return max;
    }
}
