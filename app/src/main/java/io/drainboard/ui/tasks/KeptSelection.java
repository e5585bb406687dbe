package io.drainboard.ui.tasks;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the operator's selection on the same tasks while the rows shown change under it: the selected tasks, the
 * lead (the selected item, the one the details pane shows), the focus, and the anchor that Shift+arrows extend from.
 * The table's own selection model keeps them by index, which goes wrong here: a change that adds rows at several
 * places shifts the selection by the rows added after it too (JavaFX 21 shifts every selected index from the last
 * added row on, by all of them), so a refresh that lands new tasks around the selection moved it onto other tasks;
 * and a re-sort is shown without a permutation the model could follow ({@link OrderedRows#reorder}).
 * <p>
 * So around every change of the rows shown, {@link #remember} takes the selected rows by identity and
 * {@link #restore} puts the selection back where those rows are now ({@link TaskRow#pos}): O(rows selected), and
 * nothing at all when the indices are still right.
 */
final class KeptSelection {
    private final TableView<TaskRow> view;
    /** The selected item as the operator sees it: not the passing states of the selection model during a change. */
    private final ReadOnlyObjectWrapper<TaskRow> shownLead = new ReadOnlyObjectWrapper<>();
    private final List<TaskRow> selected = new ArrayList<>();
    private TaskRow lead;
    private TaskRow focused;
    /** Nested changes (a refresh that also re-sorts) restore once, at the end of the outermost. */
    private int depth;

    KeptSelection(TableView<TaskRow> view) {
        this.view = view;
        view.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (depth == 0) shownLead.set(now);
        });
    }

    /** The selected item (the lead), changing only when the operator's selection does. */
    ReadOnlyObjectProperty<TaskRow> lead() {
        return shownLead.getReadOnlyProperty();
    }

    /** Runs a change of the rows shown with the selection kept on the same tasks. */
    void around(Runnable change) {
        if (depth++ == 0) remember();
        try {
            change.run();
        } finally {
            try {
                if (depth == 1) restore(); // its own passing states are not the operator's either
            } finally {
                depth--;
            }
            if (depth == 0) shownLead.set(view.getSelectionModel().getSelectedItem());
        }
    }

    private void remember() {
        var sm = view.getSelectionModel();
        selected.clear();
        for (TaskRow r : sm.getSelectedItems()) if (r != null) selected.add(r);
        lead = sm.getSelectedItem();
        focused = view.getFocusModel().getFocusedItem();
    }

    private void restore() {
        var sm = view.getSelectionModel();
        int n = 0;
        int[] want = new int[selected.size()];
        for (TaskRow r : selected) if (r.pos >= 0) want[n++] = r.pos;
        want = Arrays.copyOf(want, n);
        Arrays.sort(want);
        int leadAt = lead != null && lead.pos >= 0 && selected.contains(lead) ? lead.pos : n > 0 ? want[n - 1] : -1;
        int focusAt = focused != null && focused.pos >= 0 ? focused.pos : leadAt;
        selected.clear();
        lead = null;
        focused = null;
        if (!same(want, leadAt)) {
            if (n == 0) {
                sm.clearSelection();
            } else {
                sm.clearAndSelect(leadAt); // the lead first: it stays the selected item; the anchor goes to it
                if (n > 1) {
                    int[] others = new int[n]; // the others, then the lead again, so that it stays the selected item
                    int k = 0;
                    for (int i : want) if (i != leadAt) others[k++] = i;
                    others[k] = leadAt;
                    sm.selectIndices(others[0], Arrays.copyOfRange(others, 1, k + 1));
                }
            }
        }
        if (focusAt >= 0 && view.getFocusModel().getFocusedIndex() != focusAt) view.getFocusModel().focus(focusAt);
    }

    /** Whether the table selects exactly these rows with this lead now. */
    private boolean same(int[] want, int leadAt) {
        var sm = view.getSelectionModel();
        var now = sm.getSelectedIndices();
        if (now.size() != want.length || sm.getSelectedIndex() != leadAt) return false;
        if (want.length == 1) return now.get(0) == want[0];
        int[] have = new int[now.size()];
        for (int i = 0; i < have.length; i++) have[i] = now.get(i);
        Arrays.sort(have);
        return Arrays.equals(have, want);
    }
}
