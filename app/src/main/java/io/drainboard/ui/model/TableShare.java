package io.drainboard.ui.model;

/**
 * How much of the window's height the task table gets: what its rows need, so a small service leaves the room
 * below to the service and task panes (a drain's "why it waits" without a scroll), and never less than a third or
 * more than the usual share, which a large fleet keeps (and an empty table, where the opening card or a profile's
 * problem is shown).
 */
public final class TableShare {
    /** The share a large fleet gets (the divider's place when the window opens). */
    public static final double USUAL = 0.56;
    static final double LEAST = 0.3;

    private TableShare() {
    }

    /**
     * @param rows      rows shown in the table now
     * @param rowHeight a row's fixed height
     * @param chrome    the table's header and borders
     * @param height    the height the table and the panes below share
     */
    public static double of(int rows, double rowHeight, double chrome, double height) {
        if (height <= 0 || rows == 0) return USUAL; // no rows: the opening card or "no tasks" takes the place
        double need = chrome + rows * rowHeight + rowHeight / 2; // half a row: the end shows it is the end
        return Math.max(LEAST, Math.min(USUAL, need / height));
    }
}
