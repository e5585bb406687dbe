package io.drainboard.ui.tasks;

import javafx.application.Platform;
import javafx.scene.control.TableColumn;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.ToLongFunction;

/**
 * The table's order: by place (cluster, service, id) until the operator sorts by columns. A single numeric column
 * sorts by a key written into each row beforehand ({@link SortKeys}); ties break by the row's age, so equal rows
 * never swap between refreshes.
 * <p>
 * The operator's own sort (a click on a column) is done at once. A refresh that moved a sorted value is re-sorted
 * <em>off the FX thread</em> ({@link #sortLater}): a copy of the shown rows is sorted on the sorter thread and the
 * result applied on the FX thread in one change ({@link OrderedRows#reorder}, O(n), the selection kept by task) —
 * unless rows came, went or
 * changed their sort values meanwhile, in which case it sorts again from the new state. At 50,000 rows the sort on
 * the FX thread took 50–100 ms of one frame (docs/benchmarks.md).
 */
final class RowOrder {
    static final Comparator<TaskRow> PLACE = Comparator.comparing((TaskRow r) -> r.cluster)
            .thenComparing(r -> r.service).thenComparing(r -> r.id);

    private final OrderedRows shown;
    private final Executor sorter;
    /** Keeps the selection on its tasks while a new order is shown. */
    private final KeptSelection kept;
    private List<TableColumn<TaskRow, ?>> columns = List.of();
    private ToLongFunction<TaskRow> key;
    private boolean descending;
    private Comparator<TaskRow> order = PLACE;
    /** Changes whenever a sort value of a shown row may have moved, or the order itself changed. */
    private long values;
    private boolean sorting;
    /** A sort was asked for while one ran. */
    private boolean again;
    private final List<Runnable> waiting = new java.util.ArrayList<>();
    /** Where a finished sort is shown, on the FX thread: at once by default, or in a pulse of its own (see TaskTable). */
    private java.util.function.Consumer<Runnable> show = Runnable::run;
    private static final Runnable NOTHING = () -> { };

    RowOrder(OrderedRows shown, Executor sorter, KeptSelection kept) {
        this.shown = shown;
        this.sorter = sorter;
        this.kept = kept;
    }

    /** How a sort finished off the FX thread is shown; called on the FX thread with the work to run there. */
    void showSortsThrough(java.util.function.Consumer<Runnable> show) {
        this.show = show;
    }

    /** The order rows are added in, and sorted by. */
    Comparator<TaskRow> order() {
        return order;
    }

    /** The sort columns changed (or their direction): key every row, sort at once. */
    void sortBy(List<TableColumn<TaskRow, ?>> sortOrder, Collection<TaskRow> all) {
        columns = List.copyOf(sortOrder);
        key = columns.size() == 1 ? SortKeys.of(columns.get(0).getId()) : null;
        descending = !columns.isEmpty() && columns.get(0).getSortType() == TableColumn.SortType.DESCENDING;
        if (key != null) for (TaskRow r : all) r.sortKey = keyOf(r);
        order = comparator();
        values++;
        sortNow();
    }

    /**
     * Rows changed in a refresh: update their keys and say whether a sort is due (a sort value moved).
     * The sort itself is left to the caller, so it can run in a pulse of its own.
     */
    boolean changed(Collection<TaskRow> touched) {
        if (columns.isEmpty() || touched.isEmpty()) return false; // the place order never changes
        if (key == null) {
            values++;
            return true;
        }
        boolean moved = false;
        for (TaskRow r : touched) {
            long k = keyOf(r);
            if (k != r.sortKey) {
                r.sortKey = k;
                moved = true;
            }
        }
        if (moved) values++;
        return moved;
    }

    private long keyOf(TaskRow r) {
        long k = key.applyAsLong(r);
        return descending ? ~k : k; // ~ reverses the order without overflowing at MIN/MAX
    }

    /** Sorts the shown rows on the FX thread, now. */
    void sortNow() {
        long at = shown.version();
        TaskRow[] copy = shown.copy();
        Arrays.sort(copy, order);
        kept.around(() -> shown.reorder(copy, at));
    }

    /**
     * Sorts a copy of the shown rows on the sorter thread; {@code applied} runs on the FX thread right after the new
     * order is shown. A sort asked for while one runs is folded into one more after it; no {@code applied} is dropped.
     */
    void sortLater(Runnable applied) {
        waiting.add(applied);
        if (sorting) {
            again = true;
            return;
        }
        sorting = true;
        again = false;
        TaskRow[] copy = shown.copy();
        long rowsAt = shown.version();
        long valuesAt = values;
        Comparator<TaskRow> by = order;
        sorter.execute(() -> {
            boolean sorted;
            try {
                Arrays.sort(copy, by);
                sorted = true;
            } catch (RuntimeException raced) { // a value written on the FX thread meanwhile broke the sort: again below
                sorted = false;
            }
            boolean ok = sorted;
            Platform.runLater(() -> show.accept(() -> {
                sorting = false;
                boolean fresh = ok && rowsAt == shown.version() && valuesAt == values && by == order;
                if (fresh) kept.around(() -> shown.reorder(copy, rowsAt));
                if (fresh && !again) {
                    List<Runnable> done = List.copyOf(waiting);
                    waiting.clear();
                    done.forEach(Runnable::run);
                } else {
                    sortLater(NOTHING); // rows or values moved meanwhile, or more was asked: from the state now
                }
            }));
        });
    }

    private Comparator<TaskRow> comparator() {
        if (columns.isEmpty()) return PLACE;
        if (key != null) return new ByKey();
        Comparator<TaskRow> chain = null;
        for (TableColumn<TaskRow, ?> c : columns) {
            Comparator<TaskRow> one = TaskColumns.rowOrder(c.getId());
            if (one == null) continue;
            if (c.getSortType() == TableColumn.SortType.DESCENDING) one = one.reversed();
            chain = chain == null ? one : chain.thenComparing(one);
        }
        return chain == null ? PLACE : chain.thenComparingInt(r -> r.seq);
    }

    /** Compares the keys written into the rows. */
    private static final class ByKey implements Comparator<TaskRow> {
        @Override
        public int compare(TaskRow a, TaskRow b) {
            return a.sortKey != b.sortKey ? Long.compare(a.sortKey, b.sortKey) : Integer.compare(a.seq, b.seq);
        }
    }
}
