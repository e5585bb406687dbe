package io.drainboard.ui.tasks;

import io.drainboard.ui.model.RowUpdate;
import io.drainboard.ui.model.TaskFilter;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.common.Ticker;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The live task table, built for 10,000 rows refreshed every few seconds (docs/ui.md, How it stays live and fast):
 * one {@link TaskRow} per task for its whole life; no extractor; the shown list changes by adds and
 * removes only ({@link ShownRows}), so selection and scroll survive; the order is re-sorted at most once
 * per refresh ({@link RowOrder}), never once per property write.
 */
public final class TaskTable {
    private final TableView<TaskRow> view = new TableView<>();
    private final Map<String, TaskRow> rows = new HashMap<>();
    private final ShownRows shown = new ShownRows();
    private final SortedList<TaskRow> sorted = new SortedList<>(shown.list);
    private final RowOrder order = new RowOrder(sorted);
    private final ReadOnlyIntegerWrapper shownCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper totalCount = new ReadOnlyIntegerWrapper();
    private boolean sortDue;
    private final ColumnFit fit = new ColumnFit();
    /** Rows showing a drain status, so that {@link #showDrains} can clear them without visiting every row. */
    private final Set<TaskRow> drainShown = new HashSet<>();
    /** A filter on a clock ("kill:<60s") is re-applied every second, as the clocks move. */
    private final ChangeListener<Instant> tick = (obs, o, now) -> {
        if (shown.filter().readsClocks()) refilterAll();
    };

    public TaskTable() {
        view.setId("taskTable");
        view.getColumns().addAll(TaskColumns.all());
        view.setItems(sorted);
        view.setFixedCellSize(28);
        view.setRowFactory(v -> new QuietRow());
        // Several tasks at once for protect / release / drain (Shift/Ctrl+click); selectedRow() is the focused one.
        view.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        view.setPlaceholder(new Label("No tasks yet: waiting for the first refresh"));
        view.setSortPolicy(t -> {
            order.sortBy(view.getSortOrder(), rows.values());
            sortDue = false;
            return true;
        });
        view.setTableMenuButtonVisible(true);
        view.widthProperty().addListener((obs, was, now) -> {
            if (now.doubleValue() > was.doubleValue() + 1) {
                fit.widened();
                fitColumns();
            }
        });
        Ticker.now().addListener(new WeakChangeListener<>(tick));
    }

    public TableView<TaskRow> view() {
        return view;
    }

    public ReadOnlyObjectProperty<TaskRow> selectedRow() {
        return view.getSelectionModel().selectedItemProperty();
    }

    /** Every selected task, in table order (the operator's multi-selection); empty when none. */
    public List<TaskRow> selectedRows() {
        // A plain copy: a filtered view would stay subscribed to the selection model's change events.
        return view.getSelectionModel().getSelectedItems().stream().filter(java.util.Objects::nonNull).toList();
    }

    /** Any change to the multi-selection (selectedRow() alone misses Ctrl+click on a second row). */
    public javafx.collections.ObservableList<TaskRow> selection() {
        return view.getSelectionModel().getSelectedItems();
    }

    public ReadOnlyIntegerProperty shownCount() {
        return shownCount.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalCount() {
        return totalCount.getReadOnlyProperty();
    }

    /**
     * Applies the row changes of one pulse, prepared off the FX thread: update rows in place (only
     * changed values fire), add new tasks, drop gone ones (all others too on a reset), re-decide the
     * touched rows against scope and filter, and sort once if a sort value moved.
     */
    public void apply(PendingRows.Batch batch) {
        applyRows(batch);
        sortIfDue();
    }

    /**
     * The first half of {@link #apply}: rows, scope and filter, without the sort, which {@link #sortIfDue}
     * does in a later pulse (the live view spreads a refresh over pulses; see PulseStages).
     */
    public void applyRows(PendingRows.Batch batch) {
        TaskRow keep = view.getSelectionModel().getSelectedItem();
        List<TaskRow> gone = new ArrayList<>();
        if (batch.reset()) {
            Set<String> keepArns = new HashSet<>();
            batch.upserts().forEach(u -> keepArns.add(u.task().arn()));
            rows.values().removeIf(r -> {
                boolean drop = !keepArns.contains(r.arn);
                if (drop) gone.add(r);
                return drop;
            });
        }
        for (String arn : batch.removed()) {
            TaskRow r = rows.remove(arn);
            if (r != null) gone.add(r);
        }
        List<TaskRow> touched = new ArrayList<>();
        for (RowUpdate u : batch.upserts()) {
            TaskRow r = rows.get(u.task().arn());
            boolean fresh = r == null;
            if (fresh) {
                r = new TaskRow(u.task());
                rows.put(r.arn, r);
            }
            if (r.update(u.task(), u.revision(), u.calls(), u.kill(), u.holder()) || fresh) touched.add(r);
        }
        totalCount.set(rows.size());
        sortDue |= order.changed(touched);
        shown.some(touched, gone, Ticker.instant());
        shownCount.set(shown.list.size());
        restore(keep);
    }

    /** Sorts once if a refresh moved a sort value since the last sort; keeps the selection. */
    public void sortIfDue() {
        if (!sortDue) return;
        sortDue = false;
        TaskRow keep = view.getSelectionModel().getSelectedItem();
        order.sort();
        restore(keep);
    }

    /** Sizes the columns to the words their cells show now (after a refresh, and on a new scope). */
    public void fitColumns() {
        fitColumns(true);
    }

    private void fitColumns(boolean retry) {
        boolean complete = fit.fit(view, sorted, Ticker.instant());
        if (complete || !retry || sorted.isEmpty() || view.getScene() == null) return;
        javafx.scene.Scene scene = view.getScene();
        scene.addPostLayoutPulseListener(new Runnable() { // the rows' cells exist after this pulse: fit once more
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                javafx.application.Platform.runLater(() -> fitColumns(false));
            }
        });
    }

    /** Shows only rows in scope (the navigation's place); hides the Service column when one service is shown. */
    public void setScope(Predicate<TaskRow> inScope, boolean oneService) {
        setScope(inScope, oneService, oneService);
    }

    /** As above; the Cluster column shows only at fleet scope (one cluster open: every row has the same). */
    public void setScope(Predicate<TaskRow> inScope, boolean oneService, boolean oneCluster) {
        shown.scope(inScope);
        column("col-service").setVisible(!oneService);
        column("col-cluster").setVisible(!oneCluster);
        refilterAll();
        fit.reset();
        fitColumns();
    }

    public void setFilter(TaskFilter f) {
        shown.filter(f);
        refilterAll();
    }

    public TaskFilter filter() {
        return shown.filter();
    }

    public TableColumn<TaskRow, ?> column(String id) {
        return view.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
    }

    /** Sorts by one column, or flips its direction if it already leads the sort (the Shift+letter keys). */
    public void sortBy(String columnId) {
        TableColumn<TaskRow, ?> c = column(columnId);
        c.setVisible(true); // sorted by a column out of view (AZ, or one that made room): shown, and the operator's now
        boolean leads = !view.getSortOrder().isEmpty() && view.getSortOrder().get(0) == c;
        if (leads) {
            c.setSortType(c.getSortType() == TableColumn.SortType.ASCENDING
                    ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
        } else {
            c.setSortType(columnId.equals("col-task") || columnId.equals("col-kill")
                    ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
            view.getSortOrder().setAll(List.of(c));
        }
    }

    /**
     * Shows every drain in the Drain column (and the details pane), whoever runs it: the operator's, an instance
     * drain's, a scale-in's, a rollout's; tasks without one are cleared.
     */
    public void showDrains(java.util.Collection<io.drainboard.drain.TaskActivity> drains) {
        Map<String, io.drainboard.drain.TaskActivity> by = new HashMap<>();
        drains.forEach(d -> by.put(d.taskArn(), d));
        // Only rows with a drain now or shown with one before: not every row of a 10,000-task fleet per refresh.
        Set<TaskRow> candidates = new HashSet<>(drainShown);
        for (String arn : by.keySet()) {
            TaskRow r = rows.get(arn);
            if (r != null) candidates.add(r);
        }
        List<TaskRow> touched = new ArrayList<>();
        drainShown.clear();
        for (TaskRow r : candidates) {
            if (r.showDrain(by.get(r.arn))) touched.add(r);
            if (r.drainStatus().isPresent()) drainShown.add(r);
        }
        if (touched.isEmpty()) return;
        sortDue |= order.changed(touched); // sorted in the refresh's sort stage, or by the caller's sortIfDue
    }

    public void select(String arn) {
        TaskRow r = rows.get(arn);
        if (r != null && shown.contains(r)) {
            view.getSelectionModel().clearSelection();
            view.getSelectionModel().select(r);
            view.scrollTo(Math.max(0, view.getSelectionModel().getSelectedIndex() - 3));
        }
    }

    /** Moves the selection by {@code delta} rows (j/k); selects the first row when none is. */
    public void moveSelection(int delta) {
        int size = sorted.size();
        if (size == 0) return;
        int i = view.getSelectionModel().getSelectedIndex();
        int next = i < 0 ? 0 : Math.max(0, Math.min(size - 1, i + delta));
        view.getSelectionModel().clearAndSelect(next);
        view.scrollTo(Math.max(0, next - 3));
    }

    private void refilterAll() {
        TaskRow keep = view.getSelectionModel().getSelectedItem();
        shown.all(rows.values(), Ticker.instant());
        shownCount.set(shown.list.size());
        restore(keep);
    }

    private void restore(TaskRow keep) {
        if (keep != null && shown.contains(keep) && view.getSelectionModel().getSelectedItem() != keep) {
            view.getSelectionModel().select(keep);
        }
    }
}
