package io.drainboard.ui.tasks;

import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableColumn;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The table's order: by place (cluster, service, id) until the operator sorts by columns. Sorting is
 * done once per refresh by handing the SortedList a fresh comparator (one permutation), and only when a
 * row's sort value moved. A single numeric column sorts by a key written into each row beforehand
 * ({@link SortKeys}); ties break by the row's age, so equal rows never swap between refreshes.
 */
final class RowOrder {
    static final Comparator<TaskRow> PLACE = Comparator.comparing((TaskRow r) -> r.cluster)
            .thenComparing(r -> r.service).thenComparing(r -> r.id);

    private final SortedList<TaskRow> sorted;
    private List<TableColumn<TaskRow, ?>> columns = List.of();
    private ToLongFunction<TaskRow> key;
    private boolean descending;

    RowOrder(SortedList<TaskRow> sorted) {
        this.sorted = sorted;
        sorted.setComparator(PLACE);
    }

    /** The sort columns changed (or their direction): key every row, sort once. */
    void sortBy(List<TableColumn<TaskRow, ?>> sortOrder, Collection<TaskRow> all) {
        columns = List.copyOf(sortOrder);
        key = columns.size() == 1 ? SortKeys.of(columns.get(0).getId()) : null;
        descending = !columns.isEmpty() && columns.get(0).getSortType() == TableColumn.SortType.DESCENDING;
        if (key != null) for (TaskRow r : all) r.sortKey = keyOf(r);
        sort();
    }

    /**
     * Rows changed in a refresh: update their keys and say whether a sort is due (a sort value moved).
     * The sort itself is left to the caller, so it can run in a pulse of its own.
     */
    boolean changed(Collection<TaskRow> touched) {
        if (columns.isEmpty() || touched.isEmpty()) return false; // the place order never changes
        if (key == null) return true;
        boolean moved = false;
        for (TaskRow r : touched) {
            long k = keyOf(r);
            if (k != r.sortKey) {
                r.sortKey = k;
                moved = true;
            }
        }
        return moved;
    }

    private long keyOf(TaskRow r) {
        long k = key.applyAsLong(r);
        return descending ? ~k : k; // ~ reverses the order without overflowing at MIN/MAX
    }

    void sort() {
        if (columns.isEmpty()) {
            sorted.setComparator(PLACE);
        } else if (key != null) {
            sorted.setComparator(new ByKey());
        } else {
            Comparator<TaskRow> order = null;
            for (TableColumn<TaskRow, ?> c : columns) {
                Comparator<TaskRow> one = TaskColumns.rowOrder(c.getId());
                if (one == null) continue;
                if (c.getSortType() == TableColumn.SortType.DESCENDING) one = one.reversed();
                order = order == null ? one : order.thenComparing(one);
            }
            Comparator<TaskRow> full = order == null ? PLACE : order.thenComparingInt(r -> r.seq);
            sorted.setComparator(full::compare);
        }
    }

    /**
     * Compares the keys written into the rows. A new instance per sort on purpose: the SortedList
     * re-sorts only when its comparator changes, and a non-capturing lambda would be the same object.
     */
    private static final class ByKey implements Comparator<TaskRow> {
        @Override
        public int compare(TaskRow a, TaskRow b) {
            return a.sortKey != b.sortKey ? Long.compare(a.sortKey, b.sortKey) : Integer.compare(a.seq, b.seq);
        }
    }
}
