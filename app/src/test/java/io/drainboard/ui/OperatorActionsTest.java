package io.drainboard.ui;

import io.drainboard.ui.nav.Windows;
import io.drainboard.SimClients;
import io.drainboard.drain.DrainPhase;
import io.drainboard.drain.DrainStatus;
import io.drainboard.drain.ScaleInStatus;
import io.drainboard.fleet.Protection;
import io.drainboard.ui.actions.AuditView;
import io.drainboard.ui.nav.Place;
import io.drainboard.ui.tasks.TaskRow;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's actions from the real window on the demo fleet (virtual time, real SDK clients against
 * the simulator): each through the confirmation dialog, checked against the simulator's ground truth.
 */
class OperatorActionsTest extends DemoWindowTest {

    @Start
    void start(Stage stage) {
        attach(stage, url -> { });
    }

    private void ready(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        ui.awaitSnapshot(fleet.refresh()); // the window's own listener sees the engine's state from here on
        ui.await(() -> ui.rows().size() == fleet.console.refresher().latest().orElseThrow().tasks().count());
    }

    private void refreshLater(Duration d) throws Exception {
        fleet.advance(d);
        ui.awaitSnapshot(fleet.refresh());
    }

    @Test
    void protectingATaskFromTheContextMenuReachesEcsAndTheAuditLog(FxRobot robot) throws Exception {
        ready(robot);
        TaskRow row = ui.rows().stream().filter(r -> r.protection.get().state() == Protection.State.OFF
                && "RUNNING".equals(r.snapshot().lastStatus())).findFirst().orElseThrow();
        robot.clickOn(ui.rowCell(row));
        // Headless Monocle turns a right-click into no menu request (the desktop platforms do), so the test sends
        // the request a right-click on the row would; the menu shown and clicked is the table's real one.
        Node cell = ui.rowCell(row);
        robot.interact(() -> {
            javafx.geometry.Point2D at = cell.localToScreen(10, 10);
            javafx.geometry.Point2D local = cell.screenToLocal(at);
            javafx.event.Event.fireEvent(cell, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getX(), local.getY(), at.getX(), at.getY(),
                    false, null));
        });
        ui.await(() -> robot.lookup(".context-menu").tryQuery().isPresent());
        robot.clickOn(FxWait.node(() -> robot.lookup(".context-menu .label").match((Label l) -> l.getText().startsWith("Protect"))
                .tryQueryAs(Label.class)));
        ui.await(() -> robot.lookup("#confirmButton").tryQuery().map(Node::isVisible).orElse(false));
        ui.await(() -> robot.lookup("#confirmTitle").queryAs(Label.class).getText().startsWith("Protect 1 task"));
        ui.await(() -> robot.lookup("#confirmTargets").queryAs(javafx.scene.control.ListView.class).getItems().toString()
                .contains(row.shortId()));
        robot.clickOn("#confirmReason").write("INC-4242 keep it");
        robot.clickOn("#confirmButton");

        EcsClient ecs = SimClients.ecs(fleet.sim);
        ui.await(20, () -> protectedInSimulator(ecs, row));
        try {
            ui.await(() -> window.view().activity.items().stream().anyMatch(a -> a.text().startsWith("Protect: 1 of 1 done")));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("activity: " + window.view().activity.items(), e);
        }
        // The "in progress" toast goes when the outcome is in; it was never an Activity line.
        FxWait.pulse(window.view().root().getScene());
        assertTrue(window.view().toasts.node().lookupAll(".notification").stream().noneMatch(n ->
                n instanceof atlantafx.base.controls.Notification t && t.getMessage().startsWith("Protecting")));
        assertTrue(window.view().activity.items().stream().noneMatch(a -> a.text().startsWith("Protecting")));

        robot.clickOn(ui.rowCell(row));
        robot.write("a");
        ui.await(() -> robot.lookup("#auditTable").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<AuditView.Line> audit = robot.lookup("#auditTable").queryAs(TableView.class);
        ui.await(() -> audit.getItems().stream().anyMatch(l -> l.action().startsWith("protect") && l.targets().contains(row.id)
                && l.reason().equals("INC-4242 keep it") && l.result().startsWith("ok")));
        ecs.close();
    }

    /**
     * The simulator's ground truth, not a GetTaskProtection: the test's virtual clock stands still while it waits,
     * and ECS reads may lag a write (docs/simulator.md "Rules and switches") until that clock moves.
     */
    private boolean protectedInSimulator(EcsClient ecs, TaskRow row) {
        return fleet.sim.model().read(m -> m.task(row.arn).map(io.drainboard.sim.model.TaskState::isProtected).orElse(false));
    }

    @Test
    void safeDrainOfABusyTaskFromTheKeyDCutsNoCall(FxRobot robot) throws Exception {
        ready(robot);
        TaskRow row = ui.rows().stream().filter(r -> r.service.equals("support-agent") && r.cluster.equals("voice-prod")
                        && "RUNNING".equals(r.snapshot().lastStatus()) && r.calls.get().known())
                .max(Comparator.comparingInt(r -> r.calls.get().count())).orElseThrow();
        assertTrue(row.calls.get().count() > 0, "a busy task");
        long cut0 = fleet.sim.groundTruth().callsCut();
        robot.clickOn(ui.rowCell(row));
        robot.write("d");
        ui.await(() -> robot.lookup("#confirmButton").tryQuery().map(Node::isVisible).orElse(false));
        ui.await(() -> {
            String what = robot.lookup("#confirmWhat").queryAs(Label.class).getText();
            return what.contains("support-agent: cordon") && what.contains("at most 2 draining at once");
        });
        robot.clickOn("#confirmReason").write("CHG-7 drain for the kernel patch");
        robot.clickOn("#confirmButton");
        ui.await(20, () -> window.view().activity.items().stream().anyMatch(a -> a.text().startsWith("Drain started: " + row.shortId())));

        Optional<DrainStatus> status = Optional.empty();
        boolean sawReason = false;
        for (int i = 0; i < 150 && !status.map(s -> s.phase() == DrainPhase.DONE).orElse(false); i++) {
            refreshLater(Duration.ofMinutes(1));
            status = fleet.console.actions().drains().stream().filter(d -> d.taskArn().equals(row.arn)).findFirst();
            if (row.drain.get().drain() != null && row.drainText().startsWith("drain")) {
                String shown = robot.lookup("#taskDrain").tryQuery().map(n -> ((Label) n).getText()).orElse("");
                sawReason |= shown.contains("calls, oldest") || shown.contains("call, oldest");
            }
        }
        assertEquals(DrainPhase.DONE, status.orElseThrow().phase(), status.toString());
        assertTrue(sawReason, "the details pane showed why the drain waited");
        assertEquals(0, fleet.sim.groundTruth().callsCut() - cut0, "calls cut by the drain");
        assertTrue(fleet.console.actions().audit().recent(200).stream().anyMatch(e -> e.action().equals("drain")
                && e.reason().equals("CHG-7 drain for the kernel patch")));
    }

    @Test
    void safeScaleInFromTheKeySRemovesATaskWithoutCuttingACall(FxRobot robot) throws Exception {
        ready(robot);
        palette(robot, "sales-agent");
        ui.await(() -> window.view().tree.place().get().named().equals(Place.service("voice-prod", "sales-agent")));
        int desired = fleet.console.refresher().latest().orElseThrow().service("voice-prod", "sales-agent").orElseThrow().desiredCount();
        long cut0 = fleet.sim.groundTruth().callsCut();
        robot.write("s");
        ui.await(() -> robot.lookup("#confirmButton").tryQuery().map(Node::isVisible).orElse(false));
        ui.await(() -> robot.lookup("#confirmTitle").queryAs(Label.class).getText().equals("Safe scale-in of sales-agent?"));
        ui.await(() -> robot.lookup("#confirmAmount").tryQuery().isPresent()); // asks how many tasks to remove
        robot.clickOn("#confirmReason").write("CHG-9 night traffic");
        robot.clickOn("#confirmButton");
        ui.await(20, () -> window.view().activity.items().stream().anyMatch(a -> a.text().startsWith(
                "Safe scale-in of voice-prod / sales-agent: desired " + desired + " → " + (desired - 1))));

        Optional<ScaleInStatus> st = Optional.empty();
        boolean shown = false;
        for (int i = 0; i < 150 && !st.map(x -> x.phase().finished()).orElse(false); i++) {
            refreshLater(Duration.ofMinutes(1));
            st = fleet.console.actions().scaleInStatus("voice-prod", "sales-agent");
            shown |= robot.lookup(".label").queryAll().stream().anyMatch(n -> n instanceof Label l
                    && l.getText() != null && l.getText().contains("desired " + desired + " → " + (desired - 1)));
        }
        assertEquals(ScaleInStatus.Phase.DONE, st.orElseThrow().phase(), st.toString());
        assertTrue(shown, "the service pane showed the scale-in's progress: " + robot.lookup(".label").queryAll().stream()
                .filter(n -> n instanceof Label l && l.getText() != null && l.getText().contains("→"))
                .map(n -> ((Label) n).getText()).toList());
        int running = fleet.sim.model().read(m -> m.cluster("voice-prod").orElseThrow().services().get("sales-agent").runningCount());
        assertEquals(desired - 1, running, "one task fewer");
        assertEquals(0, fleet.sim.groundTruth().callsCut() - cut0, "calls cut by the scale-in");
        assertTrue(fleet.console.actions().audit().recent(400).stream().anyMatch(e -> e.action().equals("set-desired-count") && e.reason().contains("CHG-9 night traffic")));
    }

    @Test
    void theRolloutWizardAndTheTimelineOpenFromThePalette(FxRobot robot) throws Exception {
        ready(robot);
        palette(robot, "sales-agent");
        ui.await(() -> window.view().tree.place().get().named().equals(Place.service("voice-prod", "sales-agent")));
        ui.await(() -> robot.lookup("#nativeDeployRisk").tryQuery().map(n -> ((Label) n).getText()
                .startsWith("a native deploy now would cut ≈")).orElse(false));

        palette(robot, "Roll out this service");
        ui.await(() -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s && "Roll out voice-prod/sales-agent".equals(s.getTitle())));
        robot.interact(() -> window.view().root().getScene().getWindow().requestFocus());
        palette(robot, "Incident timeline");
        ui.await(() -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s && "Drainboard — incident timeline".equals(s.getTitle())));
        ui.await(() -> robot.lookup("#historyService").tryQuery().isPresent());
    }

    private void palette(FxRobot robot, String text) throws Exception {
        robot.clickOn("#breadcrumb");
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        ui.await(() -> window.view().palette.isOpen());
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ENTER);
        ui.await(() -> !window.view().overlay.showing());
    }

    @Test
    void multipleSelectedTasksAreProtectedTogetherAndTheSelectionSurvivesARefresh(FxRobot robot) throws Exception {
        ready(robot);
        List<TaskRow> off = ui.rows().stream().filter(r -> r.protection.get().state() == Protection.State.OFF
                && "RUNNING".equals(r.snapshot().lastStatus())).limit(3).toList();
        assertEquals(3, off.size());
        robot.clickOn(ui.rowCell(off.get(0)));
        robot.press(KeyCode.CONTROL).clickOn(ui.rowCell(off.get(1))).clickOn(ui.rowCell(off.get(2))).release(KeyCode.CONTROL);
        ui.await(() -> window.view().table.selectedRows().size() == 3);
        refreshLater(Duration.ofSeconds(5));
        assertEquals(3, window.view().table.selectedRows().size(), "the multi-selection survives a refresh");
        robot.clickOn("#protectButton");
        ui.await(() -> robot.lookup("#confirmTitle").tryQuery().map(n -> ((Label) n).getText().equals("Protect 3 tasks?")).orElse(false));
        robot.clickOn(FxWait.visible(robot, "#confirmAmount .text-field")).eraseText(3).write("30");
        robot.clickOn("#confirmButton");
        EcsClient ecs = SimClients.ecs(fleet.sim);
        ui.await(20, () -> off.stream().allMatch(r -> protectedInSimulator(ecs, r)));
        ecs.close();
    }

    /** t twice: the open timeline comes to the front, no second one; Esc closes it; Esc and Ctrl+W close the audit log. */
    @Test
    void theTimelineOpensOnceAndSecondaryWindowsCloseFromTheKeyboard(FxRobot robot) throws Exception {
        ready(robot);
        robot.interact(() -> window.view().tree.go(Place.service("voice-prod", "support-agent")));
        robot.clickOn("#breadcrumb");
        robot.write("t");
        ui.await(() -> window.view().windows().showing(Windows.Kind.TIMELINE).isPresent());
        Window first = window.view().windows().showing(Windows.Kind.TIMELINE).orElseThrow();
        backToTheConsole(robot);
        robot.clickOn("#breadcrumb");
        robot.write("t");
        ui.await(first::isFocused);
        assertEquals(1, robot.listWindows().stream().filter(w -> w instanceof Stage st && "Drainboard — incident timeline"
                .equals(st.getTitle()) && st.isShowing()).count(), "one timeline");
        robot.type(KeyCode.ESCAPE);
        ui.await(() -> !first.isShowing());

        Window audit = openAuditFocused(robot);
        robot.type(KeyCode.ESCAPE);
        ui.await(() -> !audit.isShowing());

        Window again = openAuditFocused(robot);
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        ui.await(() -> !again.isShowing());
    }

    /**
     * The operator goes back to the console window: in front and focused. A click at the console's coordinates while
     * another window covers them lands on that window: with the console at 1280×800 the timeline lies over the
     * breadcrumb, the click opened its Service drop-down and the Esc meant for the timeline closed the drop-down.
     */
    private void backToTheConsole(FxRobot robot) {
        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus();
        });
    }

    /** `a` from the console opens the audit log; it is brought to the focus the keys go to. */
    private Window openAuditFocused(FxRobot robot) throws Exception {
        backToTheConsole(robot);
        robot.clickOn("#breadcrumb");
        robot.write("a");
        ui.await(() -> window.view().windows().showing(Windows.Kind.AUDIT).isPresent());
        Window audit = window.view().windows().showing(Windows.Kind.AUDIT).orElseThrow();
        robot.interact(audit::requestFocus);
        ui.await(audit::isFocused);
        return audit;
    }
}
