package io.drainboard.ui.tasks;

import io.drainboard.ui.FxWait;
import io.drainboard.ui.common.Theme;
import io.drainboard.ui.model.RowUpdate;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntUnaryOperator;

import static io.drainboard.ui.tasks.LargeTableTest.batch;
import static io.drainboard.ui.tasks.LargeTableTest.onFx;
import static io.drainboard.ui.tasks.LargeTableTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's selection, its lead, the focus, the anchor of Shift+arrows and the scroll position stay on the same
 * tasks while a refresh adds rows around them and a re-sort moves them: the table keeps them by task, not by index
 * (docs/ui.md, How it stays live and fast). Driven through the real table: clicks, Ctrl+clicks, a header click, keys.
 */
@ExtendWith(ApplicationExtension.class)
class SelectionKeptTest {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private final ConcurrentLinkedQueue<Runnable> sorts = new ConcurrentLinkedQueue<>();
    private TaskTable table;

    @Start
    void start(Stage stage) {
        Theme.apply(Theme.Mode.DARK);
        table = new TaskTable(sorts::add);
        stage.setScene(new Scene(table.view(), 1200, 600));
        stage.show();
    }

    @Test
    void aReSortKeepsTheSelectedTasksTheirLeadTheFocusAndTheScroll(FxRobot robot) throws Exception {
        robot.interact(() -> table.apply(batch(0, 2000, i -> i % 5, true)));
        robot.clickOn("#col-calls"); // the operator's sort, at once
        scrollTo(robot, 600);
        List<TaskRow> chosen = List.of(item(603), item(606), item(610));
        click(robot, chosen.get(0));
        robot.press(KeyCode.CONTROL);
        click(robot, chosen.get(1));
        click(robot, chosen.get(2));
        robot.release(KeyCode.CONTROL);
        int top = firstShown();
        assertSelected(chosen, chosen.get(2));

        // A refresh: 300 tasks become the busiest (all move above the chosen ones), the chosen change too.
        refreshAndSort(robot, i -> i < 300 ? 9 : chosen.stream().anyMatch(r -> r.id.equals(String.format("t%05d", i)))
                ? 1 + i % 3 : i % 5);
        assertTrue(onFx(() -> chosen.stream().allMatch(r -> r.pos > 0) && chosen.get(0).pos != 603), "the chosen tasks moved");
        assertSelected(chosen, chosen.get(2));
        assertEquals(top, firstShown(), "the scroll position is kept");

        robot.clickOn("#col-calls"); // the operator's own sort, the other way
        assertSelected(chosen, chosen.get(2));
    }

    @Test
    void aRefreshAddingRowsAroundTheSelectionKeepsItOnTheSameTasks(FxRobot robot) throws Exception {
        List<RowUpdate> even = new ArrayList<>();
        for (int i = 0; i < 2000; i += 2) even.add(row(i, 1));
        robot.interact(() -> table.apply(new PendingRows.Batch(even, Set.of(), true)));
        scrollTo(robot, 495);
        TaskRow first = item(500);
        TaskRow lead = item(502);
        click(robot, first);
        robot.press(KeyCode.CONTROL);
        click(robot, lead);
        robot.release(KeyCode.CONTROL);
        assertEquals("t01000", first.id);
        java.util.concurrent.atomic.AtomicInteger details = new java.util.concurrent.atomic.AtomicInteger();
        robot.interact(() -> table.selectedRow().addListener((obs, was, now) -> details.incrementAndGet()));

        // New tasks land before, between and after the selected ones (the place order: by id).
        robot.interact(() -> table.apply(new PendingRows.Batch(List.of(row(1, 1), row(1003, 1), row(1999, 1)), Set.of(), false)));
        assertSelected(List.of(first, lead), lead);
        robot.interact(() -> table.apply(new PendingRows.Batch(List.of(), Set.of(
                io.drainboard.ui.Fleets.taskArn("prod", "t00001"), io.drainboard.ui.Fleets.taskArn("prod", "t01003")), false)));
        assertSelected(List.of(first, lead), lead);
        assertEquals(0, details.get(), "the details pane's task never changed on the way");

        // The lead stops: it leaves the selection, and no other task takes its place; the details pane goes straight
        // to the task still selected (JavaFX on its own selects the row above the one removed, then this moved it).
        List<String> shown = new ArrayList<>();
        robot.interact(() -> table.selectedRow().addListener((obs, was, now) -> shown.add(now == null ? null : now.id)));
        robot.interact(() -> table.apply(new PendingRows.Batch(List.of(), Set.of(lead.arn), false)));
        assertSelected(List.of(first), first);
        assertEquals(List.of(first.id), shown, "the details pane's tasks on the way");
    }

    @Test
    void afterAReSortTheArrowKeysGoOnFromTheSelectedTask(FxRobot robot) throws Exception {
        robot.interact(() -> table.apply(batch(0, 500, i -> i < 100 ? 4 : 1, true)));
        robot.interact(() -> table.sortBy("col-calls"));
        TaskRow x = item(5);
        click(robot, x);
        refreshAndSort(robot, i -> i == Integer.parseInt(x.id.substring(1)) ? 2 : i < 100 ? 4 : 1); // x goes below the 4s
        int at = onFx(() -> x.pos);
        assertEquals(99, at, "the selected task moved");
        scrollTo(robot, at - 3);

        robot.press(KeyCode.SHIFT).type(KeyCode.DOWN).release(KeyCode.SHIFT);
        TaskRow below = item(at + 1);
        assertSelected(List.of(x, below), below);
        robot.type(KeyCode.DOWN);
        assertSelected(List.of(item(at + 2)), item(at + 2));
    }

    @Test
    void theOrderOnScreenIsRightRightAfterARefreshThatMovesRows(FxRobot robot) throws Exception {
        robot.interact(() -> table.apply(batch(0, 3000, i -> i % 4, true)));
        robot.interact(() -> table.sortBy("col-calls"));
        refreshAndSort(robot, i -> (i * 7) % 9);
        FxWait.pulse(table.view().getScene());
        List<TaskRow> items = onFx(() -> List.copyOf(table.view().getItems()));
        for (int i = 1; i < items.size(); i++) {
            assertTrue(items.get(i - 1).calls.get().count() >= items.get(i).calls.get().count(), "busiest first, at " + i);
        }
        List<TableRow<?>> onScreen = onFx(() -> rowsOnScreen());
        assertTrue(onScreen.size() > 5, "rows on screen: " + onScreen.size());
        for (TableRow<?> r : onScreen) {
            assertSame(items.get(r.getIndex()), onFx(r::getItem), "row " + r.getIndex() + " shows the task at its place");
        }
    }

    /** A refresh giving every task {@code calls}, written at once, then re-sorted off the FX thread and shown. */
    private void refreshAndSort(FxRobot robot, IntUnaryOperator calls) throws Exception {
        int n = onFx(() -> table.totalCount().get());
        AtomicBoolean shown = new AtomicBoolean();
        robot.interact(() -> {
            table.applyRows(batch(0, n, calls, false));
            table.sortLaterIfDue(() -> shown.set(true));
        });
        FxWait.until(() -> !sorts.isEmpty() || shown.get());
        Runnable sort = sorts.poll();
        if (sort != null) sort.run();
        FxWait.until(shown::get);
        FxWait.pulse(table.view().getScene());
    }

    private void assertSelected(List<TaskRow> rows, TaskRow lead) throws Exception {
        FxWait.pulse(table.view().getScene());
        var sm = table.view().getSelectionModel();
        assertEquals(ids(rows), ids(onFx(() -> List.copyOf(sm.getSelectedItems()))), "the same tasks selected");
        List<Integer> at = onFx(() -> rows.stream().map(r -> r.pos).sorted().toList());
        assertEquals(at, onFx(() -> sm.getSelectedIndices().stream().sorted().toList()), "at their rows");
        assertSame(lead, onFx(sm::getSelectedItem), "the lead");
        assertSame(lead, onFx(() -> table.view().getFocusModel().getFocusedItem()), "the focus");
        for (TableRow<?> r : onFx(this::rowsOnScreen)) {
            boolean selected = rows.contains(onFx(r::getItem));
            assertEquals(selected, r.getPseudoClassStates().contains(SELECTED), "row " + r.getIndex() + " drawn selected: " + selected);
        }
    }

    private static java.util.SortedSet<String> ids(List<TaskRow> rows) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        rows.forEach(r -> out.add(r.id));
        return out;
    }

    private TaskRow item(int index) throws Exception {
        return onFx(() -> table.view().getItems().get(index));
    }

    private void scrollTo(FxRobot robot, int index) throws Exception {
        robot.interact(() -> table.view().scrollTo(index));
        FxWait.pulse(table.view().getScene());
    }

    private int firstShown() throws Exception {
        return onFx(() -> ((VirtualFlow<?>) table.view().lookup(".virtual-flow")).getFirstVisibleCell().getIndex());
    }

    private List<TableRow<?>> rowsOnScreen() {
        List<TableRow<?>> out = new ArrayList<>();
        for (var n : table.view().lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> r && r.isVisible() && r.getItem() != null && r.getIndex() >= 0) out.add(r);
        }
        return out;
    }

    private void click(FxRobot robot, TaskRow r) throws Exception {
        FxWait.until(() -> rowsOnScreen().stream().anyMatch(t -> t.getItem() == r));
        TableRow<?> node = onFx(() -> rowsOnScreen().stream().filter(t -> t.getItem() == r).findFirst().orElseThrow());
        robot.clickOn(node);
    }
}
