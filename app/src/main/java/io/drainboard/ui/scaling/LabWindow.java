package io.drainboard.ui.scaling;

import atlantafx.base.theme.Styles;
import io.drainboard.scaling.lab.LabResult;
import io.drainboard.scaling.lab.ScalingLab;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The scaling lab for one service: pick a traffic shape and policies (the current one, the recommended one — the count
 * set from the live sessions by the guard service, with the scale-out-only backstop —, CPU, and a variant the operator
 * edits, such as {@code headroom}, the previous recommendation), run them in the embedded simulator in virtual time, and compare side by side:
 * a table of the figures, sessions against capacity over the day per policy (with the perfect-foresight bound), and
 * bars for callers kept waiting or refused, calls cut, task-hours against the bound and scaling activity. The run is
 * the owner's, off the FX thread ({@link ScalingViews}).
 */
final class LabWindow {
    static final List<String> SHAPES = List.of("monday-flood", "friday-peak", "crisis-surge", "history:1", "history:7");
    /** Points on a day's chart: one per 5 minutes (the most of each), enough to see every scaling step. */
    static final int BUCKET_MINUTES = 5;

    /** What the window asks of its owner. */
    interface Actions {
        void run(String shape, List<String> policies, long seed);
    }

    private final Stage stage = new Stage();
    private final ComboBox<String> shape = new ComboBox<>();
    private final CheckBox current = new CheckBox("current");
    private final CheckBox recommended = new CheckBox("recommended");
    private final CheckBox cpu = new CheckBox("cpu");
    private final TextField variant = new TextField();
    private final TextField seed = new TextField("1");
    private final Button run = new Button("Run");
    private final Label status = new Label();
    private final TableView<LabResult> table = new TableView<>();
    private final TilePane charts = new TilePane(8, 8);
    private final TilePane bars = new TilePane(8, 8);
    private final Actions actions;

    LabWindow(String serviceKey, Actions actions) {
        this.actions = actions;
        stage.setTitle("Scaling lab — " + serviceKey);
        shape.getItems().setAll(SHAPES);
        shape.setValue("crisis-surge");
        shape.setId("labShape");
        current.setId("labCurrent");
        recommended.setId("labRecommended");
        recommended.setTooltip(new javafx.scene.control.Tooltip("The desired count set each minute from the live sessions"
                + " (the guard service's direct scaling: up at once, down after 5 minutes below its aim, lead 3 min, share"
                + " 0.1), with the scale-out-only worker-load backstop in Application Auto Scaling"));
        cpu.setId("labCpu");
        current.setSelected(true);
        recommended.setSelected(true);
        variant.setId("labVariant");
        variant.setPromptText("edited variant, e.g. headroom or recommended:share=0.15");
        variant.setPrefColumnCount(26);
        seed.setId("labSeed");
        seed.setPrefColumnCount(4);
        run.setId("labRun");
        run.getStyleClass().add(Styles.ACCENT);
        run.setOnAction(e -> start());
        status.setId("labStatus");
        status.setWrapText(true);
        ToolBar bar = new ToolBar(new Label("Traffic"), shape, new Label("Policies"), current, recommended, cpu, variant,
                new Label("Seed"), seed, run);
        table.setId("labTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPrefHeight(190); // the header and four policies without a scroll bar
        column("policy", LabResult::policy);
        column("cut", r -> Long.toString(r.cut()));
        column("waited > 10 s", r -> pct(r.waitedShare()));
        column("refused", r -> pct(r.refusedShare()));
        column("peak utilisation", r -> String.format(Locale.ROOT, "%.0f %%", 100 * r.peakUtilisation()));
        column("task-hours", r -> String.format(Locale.ROOT, "%.1f", r.taskHours()));
        column("× bound", r -> String.format(Locale.ROOT, "%.2f", r.costRatio()));
        column("scale-outs / ins", r -> r.scaleOuts() + " / " + r.scaleIns());
        charts.setId("labCharts");
        charts.setPrefColumns(3); // current, recommended and a variant side by side
        charts.setPrefTileWidth(450);
        charts.setPrefTileHeight(270);
        bars.setId("labBars");
        bars.setPrefColumns(4);
        bars.setPrefTileWidth(340);
        bars.setPrefTileHeight(230);
        VBox body = new VBox(10, status, table, charts, bars);
        body.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        BorderPane root = new BorderPane(scroll);
        root.setTop(bar);
        Scene scene = new Scene(root, 1320, 860);
        scene.getStylesheets().add(ScalingViews.STYLESHEET);
        stage.setScene(scene);
        io.drainboard.ui.common.CloseKeys.install(stage);
        status.setText("Pick a traffic shape and policies, then Run: each policy replays the same callers in the embedded"
                + " simulator, in virtual time (a day in seconds).");
    }

    Stage stage() {
        return stage;
    }

    void show() {
        stage.show();
        stage.toFront();
    }

    private void column(String name, Function<LabResult, String> value) {
        TableColumn<LabResult, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setSortable(false);
        table.getColumns().add(c);
    }

    private void start() {
        List<String> policies = new ArrayList<>();
        if (current.isSelected()) policies.add("current");
        if (recommended.isSelected()) policies.add("recommended");
        if (cpu.isSelected()) policies.add("cpu");
        if (!variant.getText().isBlank()) policies.add(variant.getText().trim());
        if (policies.isEmpty()) {
            status.setText("Pick at least one policy.");
            return;
        }
        long s;
        try {
            s = Long.parseLong(seed.getText().trim());
            if (s < 0) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            status.setText("The seed is a whole number ≥ 0, e.g. 1.");
            return;
        }
        run.setDisable(true);
        status.setText("Replaying " + shape.getValue() + " against " + String.join(", ", policies) + " (seed " + s + ")…");
        actions.run(shape.getValue(), policies, s);
    }

    void failed(String why) {
        run.setDisable(false);
        status.setText(why);
    }

    /** Shows a comparison: the table, a day's sessions against capacity per policy, and the figures as bars. */
    void show(ScalingLab.Comparison c, List<String> notes) {
        status.setText(String.format(Locale.ROOT, "%s: %d calls offered over %d min, peak %.0f sessions; perfect-foresight"
                        + " bound %.1f task-hours%s%s", c.shape().name(), c.calls(), c.shape().minutes(), c.shape().peak(),
                c.bound().taskHours(), c.anyCut() ? " · A POLICY CUT CALLS" : " · no policy cut calls",
                notes.isEmpty() ? "" : " · " + String.join("; ", notes)));
        table.getItems().setAll(c.results());
        charts.getChildren().clear();
        for (LabResult r : c.results()) charts.getChildren().add(dayChart(r, c));
        bars.getChildren().setAll(
                bar("Callers waiting > 10 s / refused (%)", c, List.of("waited > 10 s", "refused"),
                        r -> new double[]{100 * r.waitedShare(), 100 * r.refusedShare()}),
                bar("Calls cut", c, List.of("cut"), r -> new double[]{r.cut()}),
                bar("Task-hours × bound · peak utilisation", c, List.of("× bound", "peak utilisation"),
                        r -> new double[]{r.costRatio(), r.peakUtilisation()}),
                bar("Scaling activities", c, List.of("scale-outs", "scale-ins"), r -> new double[]{r.scaleOuts(), r.scaleIns()}));
        run.setDisable(false); // last: an enabled Run means the results on screen are this run's
    }

    private LineChart<Number, Number> dayChart(LabResult r, ScalingLab.Comparison c) {
        NumberAxis hours = new NumberAxis(0, Math.ceil(r.sessionsPerMinute().length / 60.0), r.sessionsPerMinute().length > 1440 ? 24 : 3);
        hours.setLabel("hour of the replay");
        hours.setMinorTickVisible(false);
        NumberAxis sessions = new NumberAxis();
        sessions.setLabel("sessions");
        sessions.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(hours, sessions);
        chart.setId("labChart-" + r.policy());
        chart.setTitle(r.policy() + " · cut " + r.cut() + " · waited > 10 s " + pct(r.waitedShare()) + " · "
                + String.format(Locale.ROOT, "%.2f", r.costRatio()) + " × bound");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        int cap = c.service().capacity();
        chart.getData().add(series("sessions", r.sessionsPerMinute(), 1));
        chart.getData().add(series("capacity (tasks × " + cap + ")", r.tasksPerMinute(), cap));
        chart.getData().add(series("bound capacity", c.bound().tasks(), cap));
        return chart;
    }

    /** The most of each {@value #BUCKET_MINUTES} minutes, scaled, at the bucket's start in hours. */
    static XYChart.Series<Number, Number> series(String name, int[] perMinute, int scale) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        List<XYChart.Data<Number, Number>> points = new ArrayList<>();
        for (int m = 0; m < perMinute.length; m += BUCKET_MINUTES) {
            int most = 0;
            for (int k = m; k < Math.min(perMinute.length, m + BUCKET_MINUTES); k++) most = Math.max(most, perMinute[k]);
            points.add(new XYChart.Data<>(m / 60.0, most * scale));
        }
        s.getData().setAll(points);
        return s;
    }

    private static BarChart<String, Number> bar(String title, ScalingLab.Comparison c, List<String> names,
                                                Function<LabResult, double[]> values) {
        CategoryAxis policies = new CategoryAxis();
        NumberAxis axis = new NumberAxis();
        axis.setForceZeroInRange(true);
        BarChart<String, Number> chart = new BarChart<>(policies, axis);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(names.size() > 1);
        for (int i = 0; i < names.size(); i++) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(names.get(i));
            for (LabResult r : c.results()) s.getData().add(new XYChart.Data<>(r.policy(), values.apply(r)[i]));
            chart.getData().add(s);
        }
        return chart;
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * share);
    }

    // ---- for tests
    TableView<LabResult> table() {
        return table;
    }
}
