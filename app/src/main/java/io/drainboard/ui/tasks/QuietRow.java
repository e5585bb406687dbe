package io.drainboard.ui.tasks;

import javafx.scene.control.TableRow;

/**
 * A task-table row that does not ask for layout when only its task changes (a sort moved rows, a
 * scroll reused it). Its skin then updates every cell at once, and each {@link QuietCell} marks itself;
 * the row's own layout — cells placed by column width at a fixed height — stays as it was. A row marked
 * for layout is re-styled whole by the VirtualFlow ({@code setCellIndex} → {@code applyCss}: every cell,
 * text and icon), which was most of a re-sort's frame at 10,000 rows (docs/benchmarks.md, UI).
 */
final class QuietRow extends TableRow<TaskRow> {
    private boolean changingTask;

    @Override
    protected void updateItem(TaskRow task, boolean empty) {
        // Only task to task: a row that was or becomes empty adds or removes its cells in its own layout.
        changingTask = !empty && !isEmpty() && getItem() != null && task != null && getParent() != null;
        try {
            super.updateItem(task, empty);
        } finally {
            changingTask = false;
        }
    }

    @Override
    public void requestLayout() {
        if (!changingTask) super.requestLayout();
    }
}
