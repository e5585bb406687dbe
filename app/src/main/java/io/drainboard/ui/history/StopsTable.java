package io.drainboard.ui.history;

import io.drainboard.history.StopRecord;
import io.drainboard.ui.common.Tone;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * "Stops that cut calls" over the chart's visible range: when, task, revision, cause, calls cut (with "✕"
 * and the danger tone, so it reads without colour) and how the count is known. A tick box shows every stop.
 */
public final class StopsTable extends VBox {
    private final TableView<StopRecord> table = new TableView<>();
    private final CheckBox onlyCutting = new CheckBox("Only stops that cut calls");
    private final Label summary = new Label();
    private List<StopRecord> all = List.of();
    private Instant from = Instant.MIN, to = Instant.MAX;

    public StopsTable(ZoneId zone) {
        setId("stopsList");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(zone);
        table.setId("stopsTable");
        table.setPlaceholder(new Label("No stops in this range"));
        table.getColumns().add(column("When", 130, s -> f.format(s.at())));
        table.getColumns().add(column("Task", 100, s -> s.taskId().substring(0, Math.min(12, s.taskId().length()))));
        table.getColumns().add(column("Revision", 130, StopRecord::revision));
        table.getColumns().add(column("Cause", 100, s -> s.cause().label()));
        TableColumn<StopRecord, StopRecord> cut = new TableColumn<>("Calls cut");
        cut.setId("callsCut");
        cut.setPrefWidth(90);
        cut.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        cut.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(StopRecord s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : (s.cutCalls() ? "✕ " : "") + s.callsCutText());
                (empty || s == null || !s.cutCalls() ? Tone.NORMAL : Tone.DANGER).applyTo(this);
            }
        });
        table.getColumns().add(cut);
        table.getColumns().add(column("Stop code / exit", 210, s -> s.stopCode().orElse("?") + " / "
                + s.exitCode().map(String::valueOf).orElse("none")));
        table.getColumns().add(column("How known", 260, StopRecord::callsBasis));
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(StopRecord s, boolean empty) {
                super.updateItem(s, empty);
                (empty || s == null || !s.cutCalls() ? Tone.NORMAL : Tone.DANGER).applyTo(this);
            }
        });
        onlyCutting.setId("onlyCutting");
        onlyCutting.setSelected(true);
        onlyCutting.selectedProperty().addListener((o, a, b) -> refill());
        summary.setId("stopsSummary");
        HBox bar = new HBox(12, onlyCutting, summary);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar, table);
        setSpacing(4);
    }

    private static TableColumn<StopRecord, String> column(String name, double width, Function<StopRecord, String> f) {
        TableColumn<StopRecord, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        return c;
    }

    public void setStops(List<StopRecord> stops) {
        this.all = List.copyOf(stops);
        refill();
    }

    public void setRange(Instant from, Instant to) {
        this.from = from;
        this.to = to;
        refill();
    }

    public void onSelect(Consumer<StopRecord> c) {
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) c.accept(b);
        });
    }

    public void show(StopRecord s) {
        if (!table.getItems().contains(s)) onlyCutting.setSelected(s.cutCalls() && onlyCutting.isSelected());
        table.getSelectionModel().select(s);
        table.scrollTo(s);
    }

    public TableView<StopRecord> table() {
        return table;
    }

    private void refill() {
        List<StopRecord> in = all.stream().filter(s -> !s.at().isBefore(from) && !s.at().isAfter(to))
                .sorted(java.util.Comparator.comparing(StopRecord::at).reversed()).toList(); // newest first
        List<StopRecord> shown = onlyCutting.isSelected() ? in.stream().filter(StopRecord::cutCalls).toList() : in;
        StopRecord keep = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(shown);
        if (keep != null && shown.contains(keep)) table.getSelectionModel().select(keep);
        long cutting = in.stream().filter(StopRecord::cutCalls).count();
        int lo = in.stream().mapToInt(StopRecord::callsCutAtLeast).sum(), hi = in.stream().mapToInt(StopRecord::callsCut).sum();
        summary.setText(cutting + " of " + in.size() + " stops cut calls: " + (lo == hi ? hi : lo + "–" + hi) + " calls");
    }
}
