package io.drainboard.ui.tasks;

import javafx.scene.Parent;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A task-table cell whose new text or icon never asks its row to lay out again. Rows have a fixed height
 * and columns a set width, so nothing a cell shows changes the row's layout; yet a plain cell's
 * {@code requestLayout} marks its row, and one marked row sends the table's VirtualFlow down its full
 * layout path, which re-indexes and re-styles every visible row ({@code setCellIndex} → {@code applyCss}).
 * A countdown tick then cost 4–5 ms at 10,000 rows (docs/benchmarks.md, UI). Marking only the cell keeps
 * the flow on its quick path; the next layout pass still reaches the cell, because marking it marks its
 * ancestors as a dirty branch ({@code Parent.setNeedsLayout}).
 * <p>
 * A column that changed width is the one thing that does change the row: the cell's pref width is its column's width,
 * cached until a real {@code requestLayout}, and the row's pref width is the sum of its cells'. Kept quiet, a column
 * narrowed by ColumnFit left every row measuring the old width, and the flow, which takes its widest row as its
 * content width, showed a sideways scroll bar under columns that all fit.
 */
abstract class QuietCell<T> extends TableCell<TaskRow, T> {
    /**
     * The one tooltip of every task-table cell: a {@code Tooltip} is a popup window with a scene of its own, and one
     * per cell cost the first rows on screen ~0.7 ms of FX thread each, cold, for a few hundred cells
     * (docs/benchmarks.md, startup). It takes the text of the cell the pointer enters.
     */
    private static Tooltip shared;
    private String tip;

    QuietCell() {
        addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
            if (tip != null) shared().setText(tip);
        });
    }

    /** What this cell's tooltip says; null: no tooltip. */
    protected final void setTip(String text) {
        tip = text;
        if (text == null) {
            setTooltip(null);
            return;
        }
        Tooltip t = shared();
        if (isHover()) t.setText(text); // a countdown under the pointer moves in its tooltip too
        setTooltip(t);
    }

    private static Tooltip shared() {
        if (shared == null) shared = new Tooltip();
        return shared;
    }

    @Override
    public void requestLayout() {
        if (getParent() == null || columnResized()) {
            super.requestLayout();
            return;
        }
        setNeedsLayout(true);
        // The dirty-branch walk stops at the first ancestor already marked, and JavaFX can leave an ancestor
        // marked with its own parent clean (a node re-marked while its parent is laying it out does not tell
        // that parent), so that no pass would reach this cell: re-join the topmost marked ancestor.
        Parent top = null;
        for (Parent p = getParent(); p != null; p = p.getParent()) {
            if (p.isNeedsLayout()) top = p;
        }
        if (top != null && top.getParent() != null) top.getParent().requestLayout();
    }

    /** The cell's cached pref width is not its column's width any more (TableCellSkinBase's pref width is the column's). */
    private boolean columnResized() {
        var column = getTableColumn();
        return column != null && snapSizeX(column.getWidth()) != prefWidth(-1);
    }
}
