package io.drainboard.ui.history;

import io.drainboard.history.History;
import io.drainboard.history.HistoryUnavailable;
import io.drainboard.history.IncidentReport;
import io.drainboard.history.ServiceRef;
import io.drainboard.history.StopRecord;
import io.drainboard.history.Timeline;
import io.drainboard.ui.common.OffFx;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Incident inspection in its own window: a service's timeline (zoomable), the stops that cut calls in view,
 * the selected stop's task and calls, and the HTML report export. Every history query runs on the window's
 * own background thread; the FX thread only applies results. Open it with
 * {@code TimelineWindow.open(history, cluster, service)} on the FX thread.
 */
public final class TimelineWindow {
    private static final List<Duration> RANGES = List.of(Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(24),
            Duration.ofDays(7));

    private final History history;
    private final ZoneId zone;
    private final Stage stage = new Stage();
    private final OffFx worker = OffFx.thread("history-view");
    private final ComboBox<ServiceRef> services = new ComboBox<>();
    private final ToggleGroup range = new ToggleGroup();
    private final Label status = new Label();
    private final TimelineChart chart;
    private final StopsTable stops;
    private final StopDetails details;
    private volatile Timeline current;

    private TimelineWindow(History history, ZoneId zone) {
        this.history = history;
        this.zone = zone;
        this.chart = new TimelineChart(zone);
        this.stops = new StopsTable(zone);
        this.details = new StopDetails(zone);
        stage.setTitle("Drainboard — incident timeline");
        stage.setScene(new Scene(layout(), 1280, 820));
        io.drainboard.ui.common.CloseKeys.install(stage);
        stage.setOnHidden(e -> worker.close());
        chart.onStopSelected(this::showStop);
        chart.onViewChanged(() -> stops.setRange(chart.viewFrom(), chart.viewTo()));
        stops.onSelect(chart::select);
    }

    /** Opens the window on one service (FX thread); the first recorded service if that one is not known. */
    public static TimelineWindow open(History history, String clusterName, String serviceName) {
        TimelineWindow w = new TimelineWindow(history, ZoneId.systemDefault());
        w.stage.show();
        w.start(clusterName, serviceName);
        return w;
    }

    /** For tests: a given zone, and a stage the caller shows. */
    static TimelineWindow create(History history, ZoneId zone) {
        return new TimelineWindow(history, zone);
    }

    public Stage stage() {
        return stage;
    }

    /** Selects a stop as a click on its marker would: the list scrolls to it, the details show its task and calls. */
    public void select(StopRecord s) {
        chart.select(s);
    }

    private BorderPane layout() {
        services.setId("historyService");
        services.setPromptText("service");
        services.setButtonCell(new ServiceCell());
        services.setCellFactory(l -> new ServiceCell());
        services.setOnAction(e -> reload());
        ToolBar bar = new ToolBar(new Label("Service"), services);
        for (Duration d : RANGES) {
            ToggleButton b = new ToggleButton("last " + label(d));
            b.setUserData(d);
            b.setToggleGroup(range);
            bar.getItems().add(b);
        }
        range.getToggles().get(1).setSelected(true);
        range.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) a.setSelected(true);
            else reload();
        });
        Button reset = new Button("Reset zoom");
        reset.setOnAction(e -> chart.zoom(1e9, 0));
        Button export = new Button("Export report…");
        export.setId("exportReport");
        export.setOnAction(e -> chooseAndExport());
        bar.getItems().addAll(reset, export);
        status.setId("historyStatus");
        status.setWrapText(true);
        status.setPadding(new Insets(2, 8, 2, 8));
        SplitPane lower = new SplitPane(stops, details);
        lower.setDividerPositions(0.6);
        SplitPane main = new SplitPane(chart, lower);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.45);
        BorderPane root = new BorderPane(main);
        root.setTop(bar);
        root.setBottom(status);
        return root;
    }

    void start(String cluster, String service) {
        History.Status s = history.status();
        status.setText(s.message());
        if (!s.available()) return;
        async(history::services, list -> {
            services.getItems().setAll(list);
            Optional<ServiceRef> pick = list.stream().filter(r -> r.clusterName().equals(cluster) && r.name().equals(service))
                    .findFirst().or(() -> list.stream().findFirst());
            if (pick.isEmpty()) {
                status.setText("History holds no service yet: it records from the first refresh (and backfills from AWS).");
                return;
            }
            services.getSelectionModel().select(pick.get()); // fires reload()
        });
    }

    private void reload() {
        ServiceRef s = services.getValue();
        if (s == null || range.getSelectedToggle() == null) return;
        Duration span = (Duration) range.getSelectedToggle().getUserData();
        Instant to = history.clock().instant();
        status.setText("Loading " + s.key() + "…");
        async(() -> history.timeline(s, to.minus(span), to), t -> {
            current = t;
            chart.setTimeline(t);
            stops.setStops(t.stops());
            stops.setRange(t.from(), t.to());
            status.setText(describe(t));
        });
    }

    private String describe(Timeline t) {
        boolean backfilled = !t.backfilledCalls().isEmpty();
        int lo = t.stopsThatCutCalls().stream().mapToInt(StopRecord::callsCutAtLeast).sum(), hi = t.callsCut();
        return t.stopsThatCutCalls().size() + " stops cut " + (lo == hi ? String.valueOf(hi) : lo + "–" + hi) + " calls on "
                + t.service().key() + " in the last "
                + label(Duration.between(t.from(), t.to())) + (backfilled ? "; dashed: backfilled from CloudWatch (the"
                + " console was closed)" : "") + ". Scroll to zoom, drag to pan, double-click to reset, click a ▼ marker.";
    }

    private void showStop(StopRecord s) {
        stops.show(s);
        async(() -> history.calls(s.taskArn()), calls -> details.show(s, calls));
    }

    private void chooseAndExport() {
        if (current == null) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save incident report");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML", "*.html"));
        chooser.setInitialFileName("incident-" + current.service().name() + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(zone).format(chart.viewFrom()) + ".html");
        File f = chooser.showSaveDialog(stage);
        if (f != null) exportTo(f.toPath());
    }

    /** Writes the report for the range in view (what the operator zoomed to) and says where. */
    void exportTo(Path file) {
        Timeline t = current;
        if (t == null) return;
        Instant from = chart.viewFrom(), to = chart.viewTo();
        String title = "Incident report: " + t.service().key();
        async(() -> {
            IncidentReport.Input in = IncidentReport.collect(history, from, to, Optional.of(t.service()), title, zone,
                    "incident timeline");
            try {
                return IncidentReport.write(file, IncidentReport.html(in));
            } catch (IOException e) {
                throw new HistoryUnavailable("Could not write the report to " + file + " (" + e.getMessage()
                        + "); choose another folder.", e);
            }
        }, p -> status.setText("Report written to " + p));
    }

    private <T> void async(OffFx.Work<T> work, Consumer<T> onFx) {
        worker.run(work, onFx, e -> status.setText(e instanceof HistoryUnavailable ? e.getMessage()
                : "History query failed: " + OffFx.words(e) + ". The console keeps running; try again or reopen this window."));
    }

    StopsTable stopsList() {
        return stops;
    }

    StopDetails details() {
        return details;
    }

    TimelineChart chart() {
        return chart;
    }

    Label statusLabel() {
        return status;
    }

    private static String label(Duration d) {
        if (d.toDays() >= 1 && d.toHoursPart() == 0) return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        if (d.toHours() >= 1) return d.toHours() + " h";
        return d.toMinutes() + " min";
    }

    private static final class ServiceCell extends ListCell<ServiceRef> {
        @Override
        protected void updateItem(ServiceRef s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty || s == null ? null : s.key() + " (" + s.region() + ")");
        }
    }
}
