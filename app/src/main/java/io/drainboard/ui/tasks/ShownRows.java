package io.drainboard.ui.tasks;

import io.drainboard.ui.model.TaskFilter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which rows the table shows: those in scope (the navigation's place) that pass the filter. The list
 * changes by adds and removes only, so the table keeps selection and scroll; a refresh re-decides only
 * the rows it touched, a new scope or filter re-decides all. Added rows go where the table's order puts them.
 */
final class ShownRows {
    final OrderedRows list = new OrderedRows();
    private final Supplier<Comparator<TaskRow>> order;
    private Predicate<TaskRow> scope = r -> true;
    private TaskFilter filter = TaskFilter.NONE;

    ShownRows(Supplier<Comparator<TaskRow>> order) {
        this.order = order;
    }

    void scope(Predicate<TaskRow> s) {
        scope = s;
    }

    void filter(TaskFilter f) {
        filter = f;
    }

    TaskFilter filter() {
        return filter;
    }

    boolean contains(TaskRow r) {
        return list.contains(r);
    }

    /** Re-decides every row: one removal and one addition at most (the caller restores the selection). */
    void all(Collection<TaskRow> rows, Instant now) {
        List<TaskRow> add = new ArrayList<>();
        Set<TaskRow> remove = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TaskRow r : rows) {
            boolean want = wanted(r, now);
            if (want && !list.contains(r)) add.add(r);
            else if (!want && list.contains(r)) remove.add(r);
        }
        list.remove(remove);
        list.add(add, order.get());
    }

    /** Re-decides the rows a refresh touched, and drops the rows that are gone. */
    void some(Collection<TaskRow> touched, Collection<TaskRow> gone, Instant now) {
        List<TaskRow> add = new ArrayList<>();
        Set<TaskRow> remove = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TaskRow r : gone) if (list.contains(r)) remove.add(r);
        for (TaskRow r : touched) {
            boolean want = wanted(r, now);
            if (want && !list.contains(r)) add.add(r);
            else if (!want && list.contains(r)) remove.add(r);
        }
        list.remove(remove);
        list.add(add, order.get());
    }

    private boolean wanted(TaskRow r, Instant now) {
        return scope.test(r) && filter.test(r, now);
    }
}
