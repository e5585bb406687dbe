package io.drainboard.ui;

import io.drainboard.ui.nav.FleetTree;
import io.drainboard.ui.tasks.TaskRow;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import org.testfx.api.FxRobot;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Finds the window's parts the way an operator sees them, and waits for the FX thread to catch up. */
final class WindowDriver {
    private final FxRobot robot;
    private final ConsoleWindow window;

    WindowDriver(FxRobot robot, ConsoleWindow window) {
        this.robot = robot;
        this.window = window;
    }

    @SuppressWarnings("unchecked")
    TableView<TaskRow> table() {
        return robot.lookup("#taskTable").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    TreeView<FleetTree.Nav> tree() {
        return robot.lookup("#fleetTree").queryAs(TreeView.class);
    }

    List<TaskRow> rows() {
        return List.copyOf(table().getItems());
    }

    /** Waits until the view shows the snapshot with this sequence number, laid out (its rows' cells exist). */
    void awaitSnapshot(long sequence) throws Exception {
        FxWait.until(() -> {
            var s = window.view().latest();
            return s != null && s.sequence() >= sequence;
        });
        FxWait.pulse(window.view().root().getScene());
    }

    void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        FxWait.until(condition);
    }

    /** At least {@code seconds}, more when the machine is slow: the condition is about what is on screen. */
    void await(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        FxWait.until(Math.max(seconds, FxWait.SECONDS), condition);
    }

    Node header(String columnId) throws Exception {
        TableColumn<TaskRow, ?> c = table().getColumns().stream().filter(x -> columnId.equals(x.getId())).findFirst().orElseThrow();
        return FxWait.node(() -> robot.lookup(".column-header").match((Node n) -> n.getId() != null && n.getId().equals(c.getId()))
                .tryQuery().or(() -> robot.lookup(".column-header .label").match((javafx.scene.control.Label l) ->
                        l.getText().equals(c.getText())).tryQuery()));
    }

    Optional<Node> treeCell(Predicate<FleetTree.Nav> which) {
        return robot.lookup(".tree-cell").match((TreeCell<FleetTree.Nav> c) -> c.getItem() != null && which.test(c.getItem()))
                .tryQuery();
    }

    /** The row showing this task, once the table has laid it out (scrolled into view if it is not). */
    Node rowCell(TaskRow row) throws Exception {
        var shown = robot.lookup(".table-row-cell").match((javafx.scene.control.TableRow<TaskRow> r) -> r.getItem() == row);
        if (shown.tryQuery().isEmpty()) {
            FxWait.pulse(table().getScene()); // applied rows get their cells in the next pulse
            if (shown.tryQuery().isEmpty()) robot.interact(() -> table().scrollTo(row));
        }
        return FxWait.node(() -> robot.lookup(".table-row-cell")
                .match((javafx.scene.control.TableRow<TaskRow> r) -> r.getItem() == row && r.isVisible()).tryQuery());
    }
}
