package io.drainboard.ui.tasks;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.Fleets;
import io.drainboard.ui.FxWait;
import io.drainboard.ui.common.Theme;
import io.drainboard.ui.model.RowUpdate;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What keeps a refresh of a large table cheap on the FX thread (docs/benchmarks.md, UI at 50,000 rows): the re-sort
 * runs on the sorter thread and shows as one permutation that keeps the selection; a refresh changing many rows is
 * written over several pulses; the columns are fitted to the rows on screen and the changed rows, not to thousands.
 */
@ExtendWith(ApplicationExtension.class)
class LargeTableTest {
    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    /** The sorter thread, held by the test: it runs the queued sorts when the test says so. */
    private final ConcurrentLinkedQueue<Runnable> sorts = new ConcurrentLinkedQueue<>();
    private TaskTable table;
    /** The column fit's reading clock: still unless a test steps it on each look. */
    private final java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong step = new java.util.concurrent.atomic.AtomicLong();

    @Start
    void start(Stage stage) {
        Theme.apply(Theme.Mode.DARK);
        table = new TaskTable(sorts::add, new ColumnFit(() -> clock.addAndGet(step.get())));
        stage.setScene(new Scene(table.view(), 1200, 600));
        stage.show();
    }

    static RowUpdate row(int i, int calls) {
        return row(i, calls, String.format("t%05d", i));
    }

    /** A task whose id has no digits, as a 32-hex-digit ECS task id may well have in its first characters. */
    private static RowUpdate lettered(int i, int calls) {
        char[] id = new char[6];
        id[0] = 'x';
        for (int n = i, k = 5; k > 0; k--, n /= 16) id[k] = (char) ('a' + n % 16); // in the order of i
        return row(i, calls, new String(id));
    }

    private static RowUpdate row(int i, int calls, String id) {
        Duration[] ages = new Duration[calls];
        Arrays.fill(ages, Duration.ofMinutes(1 + i % 7));
        TaskSnapshot t = Fleets.running("prod", "agent", id, 41, NOW, Protection.OFF, Fleets.calls(Fleets.taskArn("prod", id), NOW, ages));
        ServiceSnapshot svc = Fleets.service("prod", "agent", 41, List.of(t));
        return RowUpdate.of(t, svc, 8, null, null);
    }

    static PendingRows.Batch batch(int from, int to, java.util.function.IntUnaryOperator calls, boolean reset) {
        List<RowUpdate> ups = new ArrayList<>();
        for (int i = from; i < to; i++) ups.add(row(i, calls.applyAsInt(i)));
        return new PendingRows.Batch(ups, Set.of(), reset);
    }

    private static PendingRows.Batch letteredBatch(int from, int to, int calls, boolean reset) {
        List<RowUpdate> ups = new ArrayList<>();
        for (int i = from; i < to; i++) ups.add(lettered(i, calls));
        return new PendingRows.Batch(ups, Set.of(), reset);
    }

    static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(c).get();
    }

    private List<String> ids(FxRobot robot, int n) {
        List<String> out = new ArrayList<>();
        robot.interact(() -> table.view().getItems().stream().limit(n).forEach(r -> out.add(r.id)));
        return out;
    }

    @Test
    void aRefreshResortsOffTheFxThreadAndTheSelectionFollows(FxRobot robot) throws Exception {
        robot.interact(() -> table.apply(batch(0, 2000, i -> i % 5, true)));
        robot.interact(() -> table.sortBy("col-calls")); // the operator's click sorts at once: busiest first
        assertTrue(ids(robot, 400).stream().allMatch(id -> Integer.parseInt(id.substring(1)) % 5 == 4), "busiest first");
        TaskRow chosen = onFx(() -> table.view().getItems().get(300));
        robot.interact(() -> table.view().getSelectionModel().select(chosen));

        // A refresh: the chosen task and tasks 0..99 become the busiest of all.
        List<RowUpdate> ups = new ArrayList<>();
        int chosenIndex = Integer.parseInt(chosen.id.substring(1));
        for (int i = 0; i < 100; i++) ups.add(row(i, 9));
        ups.add(row(chosenIndex, 9));
        AtomicBoolean shown = new AtomicBoolean();
        robot.interact(() -> {
            table.applyRows(new PendingRows.Batch(ups, Set.of(), false));
            table.sortLaterIfDue(() -> shown.set(true));
        });
        assertFalse(shown.get(), "the new order waits for the sorter thread");
        assertEquals(1, sorts.size(), "one sort, handed to the sorter thread");
        assertTrue(ids(robot, 400).stream().allMatch(id -> Integer.parseInt(id.substring(1)) % 5 == 4 || id.equals(chosen.id)),
                "nothing was sorted on the FX thread");

        sorts.poll().run(); // here, on the test's thread: not the FX thread
        FxWait.until(shown::get);
        List<String> top = ids(robot, 101);
        assertTrue(top.contains(chosen.id) && top.stream().allMatch(id -> Integer.parseInt(id.substring(1)) < 100
                || id.equals(chosen.id)), "the busiest tasks lead: " + top.subList(0, 5));
        assertSame(chosen, onFx(() -> table.view().getSelectionModel().getSelectedItem()), "the selection follows its task");
        assertEquals(1, (int) onFx(() -> table.view().getSelectionModel().getSelectedItems().size()));
    }

    @Test
    void aSortOverTakenByARefreshSortsAgainFromTheNewRows(FxRobot robot) throws Exception {
        robot.interact(() -> table.apply(batch(0, 500, i -> 1, true)));
        robot.interact(() -> table.sortBy("col-calls"));
        AtomicInteger shown = new AtomicInteger();
        robot.interact(() -> {
            table.applyRows(new PendingRows.Batch(List.of(row(7, 5)), Set.of(), false));
            table.sortLaterIfDue(shown::incrementAndGet);
        });
        // Before that sort is applied, another refresh moves another task above it.
        robot.interact(() -> {
            table.applyRows(new PendingRows.Batch(List.of(row(9, 6)), Set.of(), false));
            table.sortLaterIfDue(shown::incrementAndGet);
        });
        sorts.poll().run(); // sorted the rows as they were: stale once applied, so a new sort is queued
        FxWait.until(() -> !sorts.isEmpty());
        assertEquals(0, shown.get(), "a stale order is never shown");
        sorts.poll().run();
        FxWait.until(() -> shown.get() == 2);
        assertEquals(List.of("t00009", "t00007"), ids(robot, 2));
    }

    @Test
    void aRefreshChangingManyRowsIsWrittenOverSeveralPulses(FxRobot robot) throws Exception {
        robot.interact(() -> table.apply(batch(0, 5000, i -> 0, true)));
        robot.interact(() -> table.applyRows(batch(0, 4000, i -> 1, false), 1500));
        assertEquals(2500, table.rowsWaiting(), "1,500 written now, the rest wait");
        assertEquals(1, table.view().getItems().get(1499).calls.get().count());
        assertEquals(0, table.view().getItems().get(1500).calls.get().count());
        // A newer refresh before the rest is written: the latest value per task wins, nothing is lost.
        robot.interact(() -> table.applyRows(batch(3990, 4000, i -> 3, false), 1500));
        robot.interact(() -> table.applyMoreRows(1500));
        robot.interact(() -> table.applyMoreRows(1500));
        assertEquals(0, table.rowsWaiting());
        assertEquals(1, table.view().getItems().get(3989).calls.get().count());
        assertEquals(3, table.view().getItems().get(3999).calls.get().count());
        assertEquals(0, table.view().getItems().get(4000).calls.get().count());
    }

    @Test
    void aRefreshFitsTheColumnsToTheRowsOnScreenAndTheChangedRowsOnly(FxRobot robot) throws Exception {
        robot.interact(() -> table.apply(batch(0, 5000, i -> i % 3, true)));
        robot.interact(() -> table.fitColumns());
        FxWait.pulse(table.view().getScene());
        FxWait.until(() -> table.view().lookupAll(".table-row-cell").size() > 5);
        AtomicInteger read = new AtomicInteger();
        robot.interact(() -> {
            table.applyRows(batch(100, 4100, i -> 4, false));
            read.set(table.rowsToFit().size());
        });
        int onScreen = table.view().lookupAll(".table-row-cell").size();
        assertTrue(read.get() <= onScreen + ColumnFit.CHANGED, "read " + read.get() + " rows, " + onScreen + " on screen");
        assertTrue(read.get() >= ColumnFit.CHANGED, "the changed rows are read, " + read.get());
    }

    @Test
    void aSortedOrderIsShownWhereTheTableSaysNotWhenTheSorterEnds(FxRobot robot) throws Exception {
        ConcurrentLinkedQueue<Runnable> shows = new ConcurrentLinkedQueue<>();
        robot.interact(() -> {
            table.showSortsThrough(shows::add); // the console: in a pulse of its own (PulseStages.soon)
            table.apply(batch(0, 500, i -> 1, true));
            table.sortBy("col-calls");
        });
        AtomicBoolean shown = new AtomicBoolean();
        robot.interact(() -> {
            table.applyRows(new PendingRows.Batch(List.of(row(321, 7)), Set.of(), false));
            table.sortLaterIfDue(() -> shown.set(true));
        });
        sorts.poll().run();
        FxWait.until(() -> !shows.isEmpty());
        assertFalse(shown.get(), "not shown before the work handed over runs");
        assertEquals(List.of("t00000"), ids(robot, 1), "the order on screen is still the old one");
        robot.interact(() -> shows.poll().run());
        assertTrue(shown.get());
        assertEquals(List.of("t00321"), ids(robot, 1));
    }

    @Test
    void aFitMeasuresABoundedNumberOfNewWordsAndLeavesTheOtherRowsForTheNextFits(FxRobot robot) throws Exception {
        robot.interact(() -> table.apply(letteredBatch(0, 5000, 0, true)));
        robot.interact(() -> table.fitColumns()); // a new scope: the top 3,000 rows (ColumnFit.ROWS)
        FxWait.pulse(table.view().getScene());
        FxWait.until(() -> table.view().lookupAll(".table-row-cell").size() > 5);
        robot.interact(() -> table.fitColumns());
        // A refresh changes 2,000 tasks whose ids no fit has read yet: each id is a word of a new shape.
        robot.interact(() -> table.applyRows(letteredBatch(3000, 5000, 1, false)));
        long[] measures = new long[4];
        robot.interact(() -> {
            measures[0] = table.textMeasures();
            table.fitColumns();
            measures[1] = table.textMeasures();
            table.fitColumns();
            measures[2] = table.textMeasures();
        });
        long first = measures[1] - measures[0];
        assertTrue(first <= ColumnFit.MEASURES + 40, "one fit made " + first + " text layouts");
        assertTrue(first >= ColumnFit.MEASURES, "it read changed rows up to its budget: " + first);
        assertTrue(measures[2] - measures[1] >= ColumnFit.MEASURES, "the next fit went on with the rows left: "
                + (measures[2] - measures[1]));
    }

    @Test
    void aFitReadsChangedRowsForABoundedTimeAndLeavesTheOthersForTheNextFits(FxRobot robot) throws Exception {
        robot.interact(() -> table.apply(batch(0, 5000, i -> i % 3, true)));
        robot.interact(() -> table.fitColumns());
        FxWait.pulse(table.view().getScene());
        FxWait.until(() -> table.view().lookupAll(".table-row-cell").size() > 5);
        robot.interact(() -> table.fitColumns());
        robot.interact(() -> table.applyRows(batch(1000, 3000, i -> 1 + i % 3, false))); // new counts: no new shapes
        step.set(ColumnFit.READING_NANOS / 20); // each look at the clock takes a twentieth of the fit's reading time
        int[] left = new int[3];
        robot.interact(() -> {
            left[0] = table.rowsUnfitted();
            table.fitColumns();
            left[1] = table.rowsUnfitted();
            table.fitColumns();
            left[2] = table.rowsUnfitted();
        });
        assertEquals(2000, left[0]);
        int read = left[0] - left[1];
        assertTrue(read >= 10 && read <= 25, "one fit read " + read + " changed rows in its time");
        assertTrue(left[2] < left[1], "the next fit went on with the rows left: " + left[1] + " then " + left[2]);
    }

    @Test
    void numbersAreMeasuredByShapeSoATickingClockCostsNoTextLayout(FxRobot robot) throws Exception {
        ColumnFit fit = new ColumnFit();
        javafx.scene.text.Font font = javafx.scene.text.Font.getDefault();
        double[] w = new double[4];
        long[] m = new long[2];
        robot.interact(() -> {
            w[0] = fit.width(font, "12 m 05 s");
            m[0] = fit.measures();
            w[1] = fit.width(font, "47 m 59 s");
            w[2] = fit.width(font, "on · 9 m 41 s");
            fit.width(font, "on · 3 m 12 s");
            m[1] = fit.measures();
            javafx.scene.text.Text t = new javafx.scene.text.Text("47 m 59 s");
            t.setFont(font);
            w[3] = t.getLayoutBounds().getWidth();
        });
        assertEquals(w[0], w[1], 0.0, "one shape, one width");
        assertEquals(1, m[1] - m[0], "a new shape is measured once: " + (m[1] - m[0]));
        assertTrue(w[1] >= w[3] - 0.01, "never narrower than the words: " + w[1] + " < " + w[3]);
    }
}
