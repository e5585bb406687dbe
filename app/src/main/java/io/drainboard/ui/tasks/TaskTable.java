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
 * one {@link TaskRow} per task for its whole life; no extractor; the shown list changes by adds, removes and
 * re-sorts only ({@link ShownRows}), and the selection is kept on its tasks across each ({@link KeptSelection}); the
 * order is re-sorted at most once per refresh ({@link RowOrder}), never once per property write, and off the FX thread.
 */
public final class TaskTable {
    /** One sorter thread for every table of the process: a sort is short and tables refresh at seconds apart. */
    private static final java.util.concurrent.Executor SORTER = io.drainboard.ui.common.OffFx.thread("task-table-sort");
    private final TableView<TaskRow> view = new TableView<>();
    /** The selection stays on its tasks while rows come, go and change places. */
    private final KeptSelection kept = new KeptSelection(view);
    private final Map<String, TaskRow> rows = new HashMap<>();
    private final RowOrder order;
    private final ShownRows shown;
    private final OrderedRows sorted;
    private final ReadOnlyIntegerWrapper shownCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper totalCount = new ReadOnlyIntegerWrapper();
    private boolean sortDue;
    /** Rows of a refresh not written yet (see {@link #applyRows(PendingRows.Batch, int)}). */
    private final PendingRows backlog = new PendingRows();
    private final ColumnFit fit;
    /** Rows whose words changed since the columns were last fitted to them, oldest first. */
    private final Set<TaskRow> unfitted = new java.util.LinkedHashSet<>();
    /** The next fit reads the shown rows from the top (a new scope), not only the changed ones. */
    private boolean fitAll = true;
    /** Rows showing a drain status, so that {@link #showDrains} can clear them without visiting every row. */
    private final Set<TaskRow> drainShown = new HashSet<>();
    /** A filter on a clock ("kill:<60s") is re-applied every second, as the clocks move. */
    private final ChangeListener<Instant> tick = (obs, o, now) -> {
        if (filter().readsClocks()) refilterAll();
    };

    public TaskTable() {
        this(SORTER);
    }

    /** @param sorter where a refresh's re-sort runs (a test holds it to see the order before and after) */
    public TaskTable(java.util.concurrent.Executor sorter) {
        this(sorter, new ColumnFit());
    }

    /** As above, with the column fit's own reading clock (a test steps it). */
    TaskTable(java.util.concurrent.Executor sorter, ColumnFit fit) {
        this.fit = fit;
        shown = new ShownRows(() -> order().order());
        sorted = shown.list;
        order = new RowOrder(sorted, sorter, kept);
        view.setId("taskTable");
        view.getColumns().addAll(TaskColumns.all());
        view.setItems(sorted);
        view.setFixedCellSize(28);
        view.setRowFactory(v -> fit.row());
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
            if (Math.abs(now.doubleValue() - was.doubleValue()) < 1) return;
            if (now.doubleValue() > was.doubleValue()) fit.widened(); // those that made room may fit again
            fitColumns(); // narrower: optional columns make room now, not at the next refresh
        });
        Ticker.now().addListener(new WeakChangeListener<>(tick));
    }

    public TableView<TaskRow> view() {
        return view;
    }

    private RowOrder order() {
        return order;
    }

    /** The selected task the details pane shows (the lead of a multi-selection); fires only when the operator's changes. */
    public ReadOnlyObjectProperty<TaskRow> selectedRow() {
        return kept.lead();
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
        applyRows(batch, Integer.MAX_VALUE);
    }

    /**
     * As above, but writes at most {@code max} rows now; the rest wait for {@link #applyMoreRows} (latest wins per
     * task, as in {@link PendingRows}), so that a refresh changing 5,000 of 50,000 tasks is spread over pulses: in one
     * pulse it took 14–20 ms of the FX thread (docs/benchmarks.md). Removals and a reset are applied at once.
     */
    public void applyRows(PendingRows.Batch batch, int max) {
        if (batch.reset()) backlog.take(); // the whole fleet follows: what waited is superseded
        backlog.add(batch.upserts(), batch.removed(), false);
        write(backlog.take(max), batch.reset() ? batch : null);
    }

    /** Writes up to {@code max} more of the rows waiting since {@link #applyRows(PendingRows.Batch, int)}. */
    public void applyMoreRows(int max) {
        if (backlog.size() > 0) write(backlog.take(max), null);
    }

    /** Rows waiting to be written. */
    public int rowsWaiting() {
        return backlog.size();
    }

    private void write(PendingRows.Batch batch, PendingRows.Batch reset) {
        List<TaskRow> gone = new ArrayList<>();
        if (reset != null) {
            Set<String> keepArns = new HashSet<>();
            reset.upserts().forEach(u -> keepArns.add(u.task().arn()));
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
        unfitted.addAll(touched);
        gone.forEach(unfitted::remove);
        sortDue |= order.changed(touched);
        kept.around(() -> shown.some(touched, gone, Ticker.instant()));
        shownCount.set(shown.list.size());
    }

    /** Sorts once, at once, if a refresh moved a sort value since the last sort; keeps the selection. */
    public void sortIfDue() {
        if (!sortDue) return;
        sortDue = false;
        order.sortNow();
    }

    /**
     * As {@link #sortIfDue}, but sorts off the FX thread: the new order shows in a later pulse, in one change, the
     * selection kept on its tasks; {@code then} runs right after it is shown (at once when no sort is due).
     */
    public void sortLaterIfDue(Runnable then) {
        if (!sortDue) {
            then.run();
            return;
        }
        sortDue = false;
        order.sortLater(then);
    }

    /**
     * Where a re-sort finished off the FX thread is shown: {@code show} gets the FX work (the new order, and the cells on
     * screen re-bound in the next layout: a few ms at 50,000 rows, docs/benchmarks.md) and runs it on the FX thread, e.g.
     * in a pulse of its own. By default it runs as soon as the sort is done.
     */
    public void showSortsThrough(java.util.function.Consumer<Runnable> show) {
        order.showSortsThrough(show);
    }

    /** Sizes the columns to the words their cells show now (after a refresh, and on a new scope). */
    public void fitColumns() {
        fitColumns(true);
    }

    private void fitColumns(boolean retry) {
        boolean all = fitAll;
        List<TaskRow> rows = rowsToFit();
        int changedFrom = all ? Integer.MAX_VALUE : onScreenCount;
        ColumnFit.Result done = fit.fit(view, rows, changedFrom, Ticker.instant());
        if (!all) { // the changed rows read are fitted; the others stay first in line for the next fit
            java.util.Iterator<TaskRow> it = unfitted.iterator();
            for (int n = onScreenCount; n < done.read() && it.hasNext(); n++) {
                it.next();
                it.remove();
            }
        }
        boolean complete = done.complete();
        if (!complete && all) fitAll = true; // no cells to measure with yet: read from the top again
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

    /** Rows on screen at the head of the last {@link #rowsToFit()}. */
    private int onScreenCount;

    /**
     * After a new scope, the shown rows from the top (ColumnFit reads {@link ColumnFit#ROWS} at most); after a refresh,
     * the rows on screen and then up to {@link ColumnFit#CHANGED} rows changed since the last fit, oldest first, of
     * which the fit reads as many as its budget of new words allows ({@link ColumnFit#MEASURES}); the others wait for
     * the next fits. Reading the top 3,000 rows on every refresh took ~20 ms of the FX thread (docs/benchmarks.md).
     */
    List<TaskRow> rowsToFit() {
        if (fitAll) {
            fitAll = false;
            unfitted.clear();
            onScreenCount = 0;
            return sorted;
        }
        List<TaskRow> some = fit.onScreen(view);
        onScreenCount = some.size();
        java.util.Iterator<TaskRow> it = unfitted.iterator();
        for (int n = 0; n < ColumnFit.CHANGED && it.hasNext(); n++) some.add(it.next());
        return some;
    }

    /** Rows changed since the columns were last fitted to them (tests count what a fit leaves for the next). */
    int rowsUnfitted() {
        return unfitted.size();
    }

    /** Text layouts the column fit has made so far (tests count what a refresh costs). */
    long textMeasures() {
        return fit.measures();
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
        fitAll = true;
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
        kept.around(() -> shown.all(rows.values(), Ticker.instant()));
        shownCount.set(shown.list.size());
    }
}
