package io.drainboard.ui.tasks;

import javafx.collections.ObservableListBase;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;

/**
 * The rows the table shows, in the table's order: the table's items. Unlike a SortedList it never sorts by itself:
 * rows come and go in one change each way (added where the current order puts them), and a new order computed
 * elsewhere — off the FX thread, see {@link RowOrder} — is applied with {@link #reorder}, O(n), told to the table as
 * an update of the rows re-bound (the selection is kept by {@link KeptSelection}). A SortedList re-sorts on the FX thread instead: at 50,000 rows its merge
 * sort took 50–100 ms of one frame on every refresh that moved a sorted value (docs/benchmarks.md).
 * <p>
 * Every row knows its index ({@link TaskRow#pos}, -1 when not shown), so membership and permutations need no search.
 */
final class OrderedRows extends ObservableListBase<TaskRow> {
    private TaskRow[] rows = new TaskRow[16];
    private int size;
    /** Changes on every add, removal and reorder: a sort started on a copy is applied only if none came in between. */
    private long version;

    @Override
    public TaskRow get(int index) {
        Objects.checkIndex(index, size);
        return rows[index];
    }

    @Override
    public int size() {
        return size;
    }

    long version() {
        return version;
    }

    boolean contains(TaskRow r) {
        return r.pos >= 0 && r.pos < size && rows[r.pos] == r;
    }

    /** A copy of the rows in the order shown. */
    TaskRow[] copy() {
        return Arrays.copyOf(rows, size);
    }

    /** Removes these rows in one change (one pass over the list). */
    void remove(Set<TaskRow> gone) {
        if (gone.isEmpty()) return;
        beginChange();
        int w = 0;
        for (int r = 0; r < size; r++) {
            TaskRow row = rows[r];
            if (gone.contains(row)) {
                row.pos = -1;
                nextRemove(w, row);
            } else {
                rows[w] = row;
                row.pos = w++;
            }
        }
        Arrays.fill(rows, w, size, null);
        size = w;
        version++;
        endChange();
    }

    /**
     * Adds rows where {@code order} puts them among the rows shown, in one change. The rows shown are in the order of
     * the last sort; a value that moved since then leaves them slightly out of order until the next one, and an added
     * row lands next to where the comparison finds its place.
     */
    void add(Collection<TaskRow> fresh, Comparator<TaskRow> order) {
        if (fresh.isEmpty()) return;
        TaskRow[] add = fresh.toArray(new TaskRow[0]);
        Arrays.sort(add, order);
        TaskRow[] merged = new TaskRow[Math.max(16, size + add.length)];
        beginChange();
        int i = 0;
        int j = 0;
        int w = 0;
        while (i < size || j < add.length) {
            boolean takeNew = j < add.length && (i >= size || order.compare(add[j], rows[i]) < 0);
            TaskRow r = takeNew ? add[j++] : rows[i++];
            merged[w] = r;
            r.pos = w;
            if (takeNew) nextAdd(w, w + 1);
            w++;
        }
        rows = merged;
        size = w;
        version++;
        endChange();
    }

    /**
     * Shows the same rows in {@code order}, a sort of {@link #copy()} taken at version {@code at}.
     * <p>
     * The change is told as an <em>update</em> of the range whose rows are others now, not as a permutation: for a
     * permutation JavaFX's table selection model builds a boxed map of the whole permuted range, whatever is
     * selected (73 % of the re-sort's FX time at 50,000 rows, docs/benchmarks.md). An update makes the table re-bind
     * the cells on screen and leaves the selection's indices alone; the caller puts the selection back on its tasks
     * ({@link KeptSelection}). So this list is the table's items only: nothing that follows elements by index
     * (a FilteredList, a SortedList) may be built on it.
     *
     * @return false, changing nothing, when rows came or went since {@code at}
     */
    boolean reorder(TaskRow[] order, long at) {
        if (at != version || order.length != size) return false;
        int from = 0;
        while (from < size && rows[from] == order[from]) from++;
        if (from == size) return true;
        int to = size;
        while (rows[to - 1] == order[to - 1]) to--;
        System.arraycopy(order, from, rows, from, to - from);
        for (int i = from; i < to; i++) rows[i].pos = i;
        version++;
        beginChange();
        for (int i = from; i < to; i++) nextUpdate(i); // one sub-change: consecutive updates are merged
        endChange();
        return true;
    }
}
