package io.drainboard.ui;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.StopTimeout;
import io.drainboard.fleet.TaskCalls;
import io.drainboard.fleet.TaskSnapshot;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task table. Rows are never replaced (only added and removed), there is no extractor, and the
 * table is sorted once per applied snapshot: the pattern that keeps 10,000 live rows cheap
 * (shared/reference/javafx-style-and-build.md §5).
 */
final class TaskTable {
    private final TableView<TaskRow> view = new TableView<>();
    private final ObservableList<TaskRow> rows = FXCollections.observableArrayList();
    private final FilteredList<TaskRow> filtered = new FilteredList<>(rows, r -> true);
    private final Map<String, TaskRow> byArn = new HashMap<>();

    TaskTable() {
        view.setId("taskTable");
        SortedList<TaskRow> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(view.comparatorProperty());
        view.setItems(sorted);
        view.setPlaceholder(new Label("No tasks yet — waiting for the first refresh"));
        view.setFixedCellSize(28);
        view.getColumns().addAll(List.of(
                text("Task", 118, r -> r.id.substring(0, Math.min(12, r.id.length()))),
                text("Service", 130, r -> r.service),
                observed("Revision", 175, r -> r.revision),
                observed("Launch", 76, r -> r.launchType),
                observed("AZ", 84, r -> r.availabilityZone),
                TaskCells.status(),
                TaskCells.protection(),
                TaskCells.calls(),
                TaskCells.oldestCall(),
                TaskCells.stopTimeout()));
        view.getColumns().get(0).setId("col-task");
    }

    Node node() {
        return view;
    }

    TableView<TaskRow> tableView() {
        return view;
    }

    void showOnly(FleetTree.Selection selection) {
        filtered.setPredicate(r -> selection.matches(r.cluster, r.service));
    }

    /** Applies one snapshot: update rows in place, add new tasks, remove gone ones, sort once. */
    void apply(FleetSnapshot s) {
        Set<String> seen = new HashSet<>();
        List<TaskRow> added = new ArrayList<>();
        s.tasks().forEach((TaskSnapshot t) -> {
            seen.add(t.arn());
            TaskRow row = byArn.get(t.arn());
            if (row == null) {
                row = new TaskRow(t);
                byArn.put(t.arn(), row);
                added.add(row);
            } else {
                row.update(t);
            }
        });
        if (!added.isEmpty()) rows.addAll(added);
        if (byArn.size() > seen.size()) {
            List<TaskRow> gone = byArn.values().stream().filter(r -> !seen.contains(r.arn)).toList();
            gone.forEach(r -> byArn.remove(r.arn));
            rows.removeAll(gone);
        }
        view.sort();
    }

    private static TableColumn<TaskRow, String> text(String title, double width, java.util.function.Function<TaskRow, String> f) {
        TableColumn<TaskRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }

    private static TableColumn<TaskRow, String> observed(String title, double width,
                                                         java.util.function.Function<TaskRow, javafx.beans.value.ObservableValue<String>> f) {
        TableColumn<TaskRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> f.apply(cd.getValue()));
        return c;
    }

    static Comparator<Protection> protectionOrder() {
        return Comparator.comparing((Protection p) -> p.state().ordinal())
                .thenComparing(p -> p.expiresAt().orElse(java.time.Instant.MAX));
    }

    static Comparator<TaskCalls> callsOrder() {
        return Comparator.comparingInt((TaskCalls c) -> c.known() ? c.count() : -1);
    }

    static Comparator<StopTimeout> stopTimeoutOrder() {
        return Comparator.comparingInt(StopTimeout::seconds);
    }
}
