package io.drainboard.ui.tasks;

import io.drainboard.ui.common.Look;
import javafx.scene.Node;
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
 * and when the scope changes. Widths only grow within one scope, so columns do not jitter as clocks tick;
 * a wider table scrolls sideways rather than cutting words. At most {@link #ROWS} rows are read per fit.
 */
final class ColumnFit {
    static final int ROWS = 3000;
    /** Changed rows read per fit after a refresh (besides the rows on screen); see TaskTable. */
    static final int CHANGED = 400;
    /** Room for the sort arrow beside a column title. */
    private static final double HEADER_EXTRA = 28;
    /** The cell icon and its gap to the text (cell-icon is 14 px in the theme's CSS). */
    private static final double ICON = 14 + 6;
    private final Map<Font, Map<String, Double>> measured = new HashMap<>();
    private final Text ruler = new Text();
    private final Map<String, Double> widest = new HashMap<>();

    /** A new scope: widths may shrink to the new rows' words. */
    void reset() {
        widest.clear();
    }

    /** @return false when some column had no cell to measure with yet (its rows' cells come in the next pulse) */
    boolean fit(TableView<TaskRow> view, List<TaskRow> rows, Instant now) {
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
        // A row that changed task in this pulse skipped its layout (QuietRow); its cells would keep the old widths.
        if (widened) view.lookupAll(".table-row-cell").forEach(n -> {
            if (n instanceof javafx.scene.Parent p) p.requestLayout();
        });
        return complete;
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
