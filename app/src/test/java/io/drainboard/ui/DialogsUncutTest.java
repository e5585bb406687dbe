package io.drainboard.ui;

import io.drainboard.ui.common.ConfirmDialog;
import io.drainboard.ui.nav.Place;
import io.drainboard.ui.tasks.TaskRow;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The windows that open over the console read in full with the main window at 1440×900 and at 1280×800: the
 * confirmation (its title, words and target lines), the rollout wizard's preflight and dry run, and the audit log's
 * columns. No "…", nothing beyond a pane's right edge, no window wider than the screen.
 */
class DialogsUncutTest extends DemoWindowTest {

    @Start
    void start(Stage stage) {
        attach(stage, url -> { });
    }

    @Test
    void at1440x900(FxRobot robot) throws Exception {
        uncut(robot, 1440, 900);
    }

    @Test
    void at1280x800(FxRobot robot) throws Exception {
        uncut(robot, 1280, 800);
    }

    private void uncut(FxRobot robot, double w, double h) throws Exception {
        ui = new WindowDriver(robot, window);
        resize(robot, w, h);
        String size = w + "×" + h;
        robot.interact(() -> window.view().tree.go(Place.service("voice-prod", "support-agent")));
        ui.awaitSnapshot(fleet.refresh());

        // Three busy tasks: the safe drain's confirmation, every line of it.
        List<TaskRow> busy = ui.rows().stream().sorted(Comparator.comparingInt((TaskRow r) -> r.calls.get() == null ? 0
                : r.calls.get().count()).reversed()).limit(3).toList();
        robot.interact(() -> {
            window.view().table.view().getSelectionModel().clearSelection();
            busy.forEach(r -> window.view().table.view().getSelectionModel().select(r));
        });
        ui.await(() -> window.view().table.selectedRows().size() == 3);
        robot.clickOn("#drainButton");
        Label title = (Label) FxWait.node(() -> robot.lookup("#confirmTitle").tryQuery());
        assertUncut(title, "the safe drain's confirmation at " + size);
        robot.clickOn("#confirmCancel");

        // The longest titles the console asks with (a scaling fix names its finding and the service).
        robot.interact(() -> ConfirmDialog.ask(stage, new ConfirmDialog.Request("Apply the fix for \"Scale-in cooldown"
                + " shorter than the longest calls\" to support-agent?", "These requests are sent through Application"
                + " Auto Scaling, in this order, after they are written to the audit log.",
                List.of("PutScalingPolicy service/voice-prod/support-agent drainboard-calls-per-task: target 0.8 sessions"
                        + " per task, scale-in cooldown 1,500 s, scale-out cooldown 60 s"), Optional.empty(),
                Optional.of("support-agent"), "Apply", false), ok -> { }));
        Label longTitle = (Label) FxWait.node(() -> robot.lookup("#confirmTitle").tryQuery());
        assertUncut(longTitle, "a scaling fix's confirmation at " + size);
        robot.clickOn("#confirmCancel");

        // The rollout wizard's preflight and dry run (l), then the audit log (a).
        robot.interact(() -> window.view().focusTable());
        robot.write("l");
        ListView<?> checks = (ListView<?>) FxWait.node(() -> robot.lookup("#preflight-list").tryQuery());
        robot.clickOn(FxWait.visible(robot, "#check-button"));
        ui.await(() -> checks.getItems().size() >= 9 && !robot.lookup("#plan-list").queryListView().getItems().isEmpty());
        assertUncut(checks, "the rollout wizard's check page at " + size);
        robot.interact(() -> checks.getScene().getWindow().hide());

        // One audited action of this test's own (a protection of the busiest task), then the audit log.
        robot.interact(() -> {
            window.view().table.view().getSelectionModel().clearSelection();
            window.view().table.view().getSelectionModel().select(busy.get(0));
        });
        ui.await(() -> window.view().table.selectedRows().size() == 1);
        robot.clickOn("#protectButton");
        robot.clickOn(FxWait.visible(robot, "#confirmReason")).write("INC-77 audit columns at " + size);
        robot.clickOn("#confirmButton");
        robot.interact(() -> window.view().focusTable());
        robot.write("a");
        TableView<?> audit = (TableView<?>) FxWait.node(() -> robot.lookup("#auditTable").tryQuery());
        ui.await(() -> audit.getItems().stream().anyMatch(l -> l.toString().contains("INC-77 audit columns at " + size)
                && l.toString().contains("result=ok")));
        assertUncut(audit, "the audit log at " + size);
    }

    /** Nothing cut in the window that {@code inside} is in, and the window fits the screen. */
    private static void assertUncut(javafx.scene.Node inside, String what) throws Exception {
        FxWait.pulse(inside.getScene());
        FxWait.pulse(inside.getScene());
        Parent root = inside.getScene().getRoot();
        assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Uncut.cut(root)).get(), what);
        double screen = javafx.stage.Screen.getPrimary().getVisualBounds().getWidth();
        assertTrue(inside.getScene().getWindow().getWidth() <= screen, what + ": " + inside.getScene().getWindow().getWidth()
                + " px wide on a " + screen + " px screen");
    }
}
