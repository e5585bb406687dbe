package io.drainboard.ui;

import io.drainboard.ui.nav.FleetTree;
import io.drainboard.ui.tasks.TaskRow;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

    /** Waits until the view shows the snapshot with this sequence number. */
    void awaitSnapshot(long sequence) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            var s = window.view().latest();
            return s != null && s.sequence() >= sequence;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        await(10, condition);
    }

    void await(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    Node header(String columnId) {
        TableColumn<TaskRow, ?> c = table().getColumns().stream().filter(x -> columnId.equals(x.getId())).findFirst().orElseThrow();
        return robot.lookup(".column-header").match((Node n) -> n.getId() != null && n.getId().equals(c.getId()))
                .tryQuery().orElseGet(() -> robot.lookup(".column-header .label").match((javafx.scene.control.Label l) ->
                        l.getText().equals(c.getText())).query());
    }

    Optional<Node> treeCell(Predicate<FleetTree.Nav> which) {
        return robot.lookup(".tree-cell").match((TreeCell<FleetTree.Nav> c) -> c.getItem() != null && which.test(c.getItem()))
                .tryQuery();
    }

    Node rowCell(TaskRow row) {
        return robot.lookup(".table-row-cell").match((javafx.scene.control.TableRow<TaskRow> r) -> r.getItem() == row).query();
    }
}
