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
    /**
     * Words of a new shape measured at most per fit among the changed rows (a text layout each, ~6 µs idle, ~25 µs on a
     * busy machine); the rows not reached wait for the next fit. Numbers are measured by shape (see {@link #width}),
     * so ticking clocks and counts rarely add one; new task ids do.
     */
    static final int MEASURES = 120;
    /**
     * Time a fit spends at most reading changed rows, after the rows on screen (read whole): reading 400 rows' words
     * takes ~1 ms on an idle machine, but a fit whose rows on screen had just been re-bound to other tasks (new ids,
     * new words) reached 8.4 ms of FX CPU once (docs/benchmarks.md). The rows not reached wait for the next fit.
     */
    static final long READING_NANOS = 2_000_000;
    /** Where the fit's reading time comes from (a test's clock steps). */
    private final java.util.function.LongSupplier nanos;
    /** Room for the sort arrow beside a column title. */
    private static final double HEADER_EXTRA = 28;
    /** The cell icon and its gap to the text (cell-icon is 14 px in the theme's CSS). */
    private static final double ICON = 14 + 6;
    private final Map<Font, Map<String, Double>> measured = new HashMap<>();
    /** Per font, the digit whose glyph is widest, which every digit is measured as. */
    private final Map<Font, Character> widestDigit = new HashMap<>();
    /** Text layouts made so far (words of a shape not measured before). */
    private long measures;
    private ScrollBar verticalBar;
    private final Text ruler = new Text();
    private final Map<String, Double> widest = new HashMap<>();
    private YieldingColumns<TaskRow> yielding;
    private List<String> shown = List.of();

    ColumnFit() {
        this(System::nanoTime);
    }

    ColumnFit(java.util.function.LongSupplier nanos) {
        this.nanos = nanos;
    }

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

    /**
     * Widens the columns to the words of {@code rows}: every row before {@code budgetFrom} (the rows on screen, or a new
     * scope's rows from the top), then rows from {@code budgetFrom} on until {@link #MEASURES} words of them had to be
     * measured (words of a shape measured before cost a map look-up; a new shape costs a text layout) or
     * {@link #READING_NANOS} have gone by since the fit began.
     *
     * @return the rows read; the caller keeps the others for the next fit. {@link Result#complete} is false when some
     *         column had no cell to measure with yet (its rows' cells come in the next pulse)
     */
    Result fit(TableView<TaskRow> view, List<TaskRow> rows, int budgetFrom, Instant now) {
        watch(view);
        boolean complete = true;
        boolean widened = false;
        Map<TableColumn<?, ?>, TableCell<?, ?>> samples = samples(view);
        List<Measure> columns = new java.util.ArrayList<>();
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
            columns.add(new Measure(c, look, font, pad, w));
        }
        int read = 0;
        long measuredBefore = measures;
        long began = nanos.getAsLong();
        for (TaskRow r : rows) {
            if (read >= ROWS) break;
            if (read >= budgetFrom && (measures - measuredBefore >= MEASURES || nanos.getAsLong() - began >= READING_NANOS)) break;
            read++;
            for (Measure m : columns) {
                Look l = m.look.apply(r, now);
                m.w = Math.max(m.w, width(m.font, l.text()) + (l.icon() == null ? 0 : ICON) + m.pad);
            }
        }
        for (Measure m : columns) {
            widest.put(m.column.getId(), m.w);
            double fitted = Math.ceil(m.w);
            if (Math.abs(m.column.getPrefWidth() - fitted) > 0.5) {
                m.column.setPrefWidth(fitted);
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
            return new Result(complete, read);
        }
        // A row that changed task in this pulse skipped its layout (QuietRow); its cells would keep the old widths.
        if (widened) rows(view).forEach(javafx.scene.Parent::requestLayout);
        return new Result(complete, read);
    }

    /** What one fit did: whether every visible column had a cell to measure with, and how many rows it read. */
    record Result(boolean complete, int read) {
    }

    /** One column's fit in progress. */
    private static final class Measure {
        final TableColumn<TaskRow, ?> column;
        final BiFunction<TaskRow, Instant, Look> look;
        final Font font;
        final double pad;
        double w;

        Measure(TableColumn<TaskRow, ?> column, BiFunction<TaskRow, Instant, Look> look, Font font, double pad, double w) {
            this.column = column;
            this.look = look;
            this.font = font;
            this.pad = pad;
            this.w = w;
        }
    }

    /** The table's rows in the scene (from its row factory), on screen or kept aside by the flow. */
    private java.util.Collection<QuietRow> rows(TableView<TaskRow> view) {
        return made.stream().filter(r -> r.getTableView() == view && r.getParent() != null).toList();
    }

    /**
     * A cell of each column to take the font and padding from, from the rows the table made: walking the table's
     * whole scene graph for them ({@code lookupAll}) cost ~1 ms a fit at 1440×900 (docs/benchmarks.md).
     */
    private Map<TableColumn<?, ?>, TableCell<?, ?>> samples(TableView<TaskRow> view) {
        Map<TableColumn<?, ?>, TableCell<?, ?>> samples = new HashMap<>();
        for (QuietRow r : rows(view)) {
            for (Node n : r.getChildrenUnmodifiable()) {
                if (n instanceof TableCell<?, ?> c && c.getTableColumn() != null) samples.putIfAbsent(c.getTableColumn(), c);
            }
        }
        return samples;
    }

    /** Every row the table's row factory made (weakly: the flow drops rows it no longer needs). */
    private final java.util.Set<QuietRow> made = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    /** The table's row factory: rows it makes are known here without a look-up. */
    QuietRow row() {
        QuietRow r = new QuietRow();
        made.add(r);
        return r;
    }

    /** The rows on screen (visible, with a task), in no particular order. */
    List<TaskRow> onScreen(TableView<TaskRow> view) {
        List<TaskRow> out = new java.util.ArrayList<>();
        for (QuietRow r : rows(view)) {
            if (r.isVisible() && r.getItem() != null && !r.isEmpty()) out.add(r.getItem());
        }
        return out;
    }

    /** Hides yielding columns, least needed first, until the visible ones fit the table's width; true if any went. */
    private boolean makeRoom(TableView<TaskRow> view) {
        return yielding.makeRoom(room(view));
    }

    /**
     * The width the columns have: the table's, less its borders and the vertical scroll bar (which shows once the
     * rows outgrow the table, so it is counted whenever there is one), less a pixel for rounding.
     */
    private double room(TableView<TaskRow> view) {
        ScrollBar b = verticalBar(view);
        double bar = b == null ? 0 : b.getWidth();
        return view.getWidth() - view.snappedLeftInset() - view.snappedRightInset() - bar - 1;
    }

    /** The flow's vertical scroll bar, looked up once per skin (a look-up walks the table's whole scene graph). */
    private ScrollBar verticalBar(TableView<TaskRow> view) {
        if (verticalBar != null && verticalBar.getParent() != null && isIn(verticalBar, view)) return verticalBar;
        verticalBar = null;
        for (Node n : view.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar b && b.getOrientation() == Orientation.VERTICAL) verticalBar = b;
        }
        return verticalBar;
    }

    private static boolean isIn(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) if (p == ancestor) return true;
        return false;
    }

    /** The table grew wider: the columns that made room come back (and go again at the next fit if still too wide). */
    void widened() {
        bringBack();
    }

    /**
     * The width of {@code text} in {@code font}, remembered per shape: every digit is measured as the font's widest one.
     * JavaFX lays simple text out glyph by glyph (advances summed, no kerning), so the width of the shape is at least
     * the text's, and equal in fonts whose digits share one width (most UI fonts); a countdown or an age then costs a
     * look-up on each tick instead of a text layout ("14 m 05 s" and "14 m 06 s" are one shape).
     */
    double width(Font font, String text) {
        if (text == null || text.isEmpty()) return 0;
        return measured.computeIfAbsent(font, f -> new HashMap<>()).computeIfAbsent(shape(font, text), t -> {
            measures++;
            ruler.setFont(font);
            ruler.setText(t);
            return ruler.getLayoutBounds().getWidth();
        });
    }

    /** Text layouts made so far: what a fit costs beyond look-ups. */
    long measures() {
        return measures;
    }

    private String shape(Font font, String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) < '0' || text.charAt(i) > '9')) i++;
        if (i == text.length()) return text;
        char digit = widestDigit.computeIfAbsent(font, f -> {
            char best = '0';
            double w = -1;
            for (char d = '0'; d <= '9'; d++) {
                ruler.setFont(f);
                ruler.setText(String.valueOf(d));
                double dw = ruler.getLayoutBounds().getWidth();
                if (dw > w) {
                    w = dw;
                    best = d;
                }
            }
            return best;
        });
        char[] cs = text.toCharArray();
        for (; i < cs.length; i++) if (cs[i] >= '0' && cs[i] <= '9') cs[i] = digit;
        return new String(cs);
    }
}
