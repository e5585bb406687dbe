package io.drainboard.ui.tasks;

import io.drainboard.ui.common.Look;
import io.drainboard.ui.common.YieldingColumns;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Sizes each column to the widest words its cells show (and its title), so that nothing is cut to "…": the
 * table's cells never ask for layout themselves (QuietCell), so the columns are fitted here once per refresh
 * and when the scope changes. Widths only grow within one scope, so columns do not jitter as clocks tick.
 * <p>
 * When the fitted columns are wider than the table, the optional ones make room, least needed first
 * ({@link #YIELDING}), rather than pushing the SIGKILL countdown, the Drain column and Health behind a sideways
 * scroll (at 1440×900 a stopping task's countdown and a fleet-scope Cluster column did). A column that made
 * room stays out until the scope changes or the table grows wider; one the operator turns on in the table's
 * menu is theirs and never made to yield. Only when the columns that never yield are too wide does the table scroll.
 * At most {@link #ROWS} rows are read per fit.
 */
final class ColumnFit {
    static final int ROWS = 3000;
    /**
     * The columns that make room when the table is too narrow, first to go first (AZ and Launch start hidden). Status
     * goes last: for a stopping task the Drain and SIGKILL columns say the same in the words that matter; at
     * 1280×800 at fleet scope with a countdown on screen it is the one that has to.
     */
    static final List<String> YIELDING = List.of("col-az", "col-launch", "col-oldest", "col-holder", "col-revision",
            "col-status");
    /** Changed rows read per fit after a refresh (besides the rows on screen); see TaskTable. */
    static final int CHANGED = 400;
    /** Room for the sort arrow beside a column title. */
    private static final double HEADER_EXTRA = 28;
    /** The cell icon and its gap to the text (cell-icon is 14 px in the theme's CSS). */
    private static final double ICON = 14 + 6;
    private final Map<Font, Map<String, Double>> measured = new HashMap<>();
    private final Text ruler = new Text();
    private final Map<String, Double> widest = new HashMap<>();
    private YieldingColumns<TaskRow> yielding;
    private List<String> shown = List.of();

    /** A new scope: widths may shrink to the new rows' words, and the columns that made room come back. */
    void reset() {
        widest.clear();
        bringBack();
    }

    private void bringBack() {
        if (yielding != null) yielding.bringBack();
    }

    /** Tells the operator's menu choices from this class's own, once per table. */
    private void watch(TableView<TaskRow> view) {
        if (yielding == null || yielding.table() != view) yielding = new YieldingColumns<>(view, YIELDING);
    }

    /** @return false when some column had no cell to measure with yet (its rows' cells come in the next pulse) */
    boolean fit(TableView<TaskRow> view, List<TaskRow> rows, Instant now) {
        watch(view);
        boolean complete = true;
        boolean widened = false;
        Map<TableColumn<?, ?>, TableCell<?, ?>> samples = new HashMap<>();
        for (Node n : view.lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> c && c.getTableColumn() != null) samples.putIfAbsent(c.getTableColumn(), c);
        }
        for (TableColumn<TaskRow, ?> c : view.getColumns()) {
            BiFunction<TaskRow, Instant, Look> look = TaskColumns.look(c.getId());
            TableCell<?, ?> sample = samples.get(c);
            if (look == null || !c.isVisible()) continue;
            if (sample == null) {
                complete = false;
                continue;
            }
            Font font = sample.getFont();
            double pad = sample.snappedLeftInset() + sample.snappedRightInset() + 2;
            double w = Math.max(widest.getOrDefault(c.getId(), 0.0), width(font, c.getText()) + HEADER_EXTRA);
            int n = 0;
            for (TaskRow r : rows) {
                if (n++ >= ROWS) break;
                Look l = look.apply(r, now);
                w = Math.max(w, width(font, l.text()) + (l.icon() == null ? 0 : ICON) + pad);
            }
            widest.put(c.getId(), w);
            double fitted = Math.ceil(w);
            if (Math.abs(c.getPrefWidth() - fitted) > 0.5) {
                c.setPrefWidth(fitted);
                widened = true;
            }
        }
        if (complete) widened |= makeRoom(view);
        List<String> visible = view.getVisibleLeafColumns().stream().map(TableColumn::getId).toList();
        if (!visible.equals(shown)) {
            // Other columns than at the last fit (a scope, a column that made room or came back): the flow keeps the
            // widest row it has seen as its content width, so without new rows it scrolls sideways by the
            // difference. Only the rows on screen are rebuilt.
            shown = visible;
            view.refresh();
            return complete;
        }
        // A row that changed task in this pulse skipped its layout (QuietRow); its cells would keep the old widths.
        if (widened) view.lookupAll(".table-row-cell").forEach(n -> {
            if (n instanceof javafx.scene.Parent p) p.requestLayout();
        });
        return complete;
    }

    /** Hides yielding columns, least needed first, until the visible ones fit the table's width; true if any went. */
    private boolean makeRoom(TableView<TaskRow> view) {
        return yielding.makeRoom(room(view));
    }

    /**
     * The width the columns have: the table's, less its borders and the vertical scroll bar (which shows once the
     * rows outgrow the table, so it is counted whenever there is one), less a pixel for rounding.
     */
    private static double room(TableView<TaskRow> view) {
        double bar = 0;
        for (Node n : view.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar b && b.getOrientation() == Orientation.VERTICAL) bar = Math.max(bar, b.getWidth());
        }
        return view.getWidth() - view.snappedLeftInset() - view.snappedRightInset() - bar - 1;
    }

    /** The table grew wider: the columns that made room come back (and go again at the next fit if still too wide). */
    void widened() {
        bringBack();
    }

    private double width(Font font, String text) {
        if (text == null || text.isEmpty()) return 0;
        return measured.computeIfAbsent(font, f -> new HashMap<>()).computeIfAbsent(text, t -> {
            ruler.setFont(font);
            ruler.setText(t);
            return ruler.getLayoutBounds().getWidth();
        });
    }
}
