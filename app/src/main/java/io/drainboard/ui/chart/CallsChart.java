package io.drainboard.ui.chart;

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

    /** Redraws if the lines changed or a new bucket began since the last drawing. */
    public void show(String heading, List<Line> wanted, CallsHistory history, Instant now) {
        long bucket = Math.floorDiv(now.toEpochMilli(), CallsHistory.BUCKET.toMillis());
        if (wanted.equals(lines) && bucket == drawnBucket) return;
        lines = List.copyOf(wanted);
        drawnBucket = bucket;
        title.setText("Calls, last hour · " + heading);
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        for (Line l : wanted) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(l.name());
            double[] values = history.lastHour(l.key(), now);
            List<XYChart.Data<Number, Number>> points = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                if (Double.isNaN(values[i])) continue;
                double ago = -(values.length - 1 - i) * CallsHistory.BUCKET.toSeconds() / 60.0;
                points.add(new XYChart.Data<>(ago, values[i]));
            }
            s.getData().setAll(points);
            series.add(s);
        }
        chart.getData().setAll(series);
        double max = series.stream().flatMap(s -> s.getData().stream()).mapToDouble(d -> d.getYValue().doubleValue())
                .max().orElse(1);
        calls.setTickUnit(Math.max(1, Math.ceil(max / 5)));
    }
}
