package io.drainboard.ui.tasks;

import io.drainboard.ui.model.TaskFilter;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which rows the table shows: those in scope (the navigation's place) that pass the filter. The list
 * changes by adds and removes only, so the table keeps selection and scroll; a refresh re-decides only
 * the rows it touched, a new scope or filter re-decides all.
 */
final class ShownRows {
    final ObservableList<TaskRow> list = FXCollections.observableArrayList();
    private final Set<TaskRow> in = Collections.newSetFromMap(new IdentityHashMap<>());
    private Predicate<TaskRow> scope = r -> true;
    private TaskFilter filter = TaskFilter.NONE;

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
        return in.contains(r);
    }

    /** Re-decides every row; a large change is one setAll (the caller restores the selection). */
    void all(Collection<TaskRow> rows, Instant now) {
        List<TaskRow> want = new ArrayList<>();
        List<TaskRow> add = new ArrayList<>();
        for (TaskRow r : rows) {
            if (!wanted(r, now)) continue;
            want.add(r);
            if (!in.contains(r)) add.add(r);
        }
        Set<TaskRow> wantSet = Collections.newSetFromMap(new IdentityHashMap<>());
        wantSet.addAll(want);
        Set<TaskRow> remove = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TaskRow r : in) if (!wantSet.contains(r)) remove.add(r);
        if (add.isEmpty() && remove.isEmpty()) return;
        if (add.size() + remove.size() > Math.max(64, list.size() / 2)) {
            list.setAll(want);
        } else {
            if (!remove.isEmpty()) list.removeAll(remove);
            if (!add.isEmpty()) list.addAll(add);
        }
        in.clear();
        in.addAll(want);
    }

    /** Re-decides the rows a refresh touched, and drops the rows that are gone. */
    void some(Collection<TaskRow> touched, Collection<TaskRow> gone, Instant now) {
        List<TaskRow> add = new ArrayList<>();
        Set<TaskRow> remove = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TaskRow r : gone) if (in.contains(r)) remove.add(r);
        for (TaskRow r : touched) {
            boolean want = wanted(r, now);
            if (want && !in.contains(r)) add.add(r);
            else if (!want && in.contains(r)) remove.add(r);
        }
        if (!remove.isEmpty()) {
            list.removeAll(remove);
            in.removeAll(remove);
        }
        if (!add.isEmpty()) {
            list.addAll(add);
            in.addAll(add);
        }
    }

    private boolean wanted(TaskRow r, Instant now) {
        return scope.test(r) && filter.test(r, now);
    }
}
