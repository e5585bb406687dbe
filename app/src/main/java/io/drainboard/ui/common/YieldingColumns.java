package io.drainboard.ui.common;

import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A table's optional columns, which make room when the columns are wider than the table, least needed first, rather
 * than pushing the columns an operator must read behind a sideways scroll. One the operator turns on in the table's
 * menu is theirs and never made to yield.
 */
public final class YieldingColumns<S> {
    private final TableView<S> table;
    private final List<String> firstToGoFirst;
    /** Columns hidden here to make room, to be shown again when there is room. */
    private final Set<String> yielded = new LinkedHashSet<>();
    /** Columns the operator turned on: never hidden here. */
    private final Set<String> pinned = new HashSet<>();
    private boolean adjusting;

    public YieldingColumns(TableView<S> table, List<String> firstToGoFirst) {
        this.table = table;
        this.firstToGoFirst = List.copyOf(firstToGoFirst);
        for (TableColumn<S, ?> c : table.getColumns()) {
            if (!this.firstToGoFirst.contains(c.getId())) continue;
            c.visibleProperty().addListener((obs, was, now) -> {
                if (adjusting) return; // this class's own change, not the operator's
                yielded.remove(c.getId());
                if (now) pinned.add(c.getId());
                else pinned.remove(c.getId());
            });
        }
    }

    public TableView<S> table() {
        return table;
    }

    /** Hides optional columns, first to go first, until the visible ones fit in {@code room}; true if any went. */
    public boolean makeRoom(double room) {
        if (room <= 0) return false; // not laid out yet
        double used = 0;
        for (TableColumn<S, ?> c : table.getColumns()) if (c.isVisible()) used += c.getPrefWidth();
        boolean hid = false;
        for (String id : firstToGoFirst) {
            if (used <= room) break;
            TableColumn<S, ?> c = table.getColumns().stream().filter(x -> id.equals(x.getId())).findFirst().orElse(null);
            if (c == null || !c.isVisible() || pinned.contains(id)) continue;
            set(c, false);
            yielded.add(id);
            used -= c.getPrefWidth();
            hid = true;
        }
        return hid;
    }

    /** The columns that made room are shown again (and go again at the next {@link #makeRoom} if still too wide). */
    public void bringBack() {
        if (yielded.isEmpty()) return;
        for (TableColumn<S, ?> c : table.getColumns()) if (yielded.contains(c.getId())) set(c, true);
        yielded.clear();
    }

    private void set(TableColumn<S, ?> c, boolean visible) {
        adjusting = true;
        try {
            c.setVisible(visible);
        } finally {
            adjusting = false;
        }
    }
}
