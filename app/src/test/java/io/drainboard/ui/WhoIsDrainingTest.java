package io.drainboard.ui;

import io.drainboard.drain.TaskActivity;
import io.drainboard.ui.tasks.TaskRow;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One answer to "what is happening to this task", whoever started it: a task a rollout or a safe scale-in is
 * draining shows that drain in the task table's Drain column, and Safe drain is refused on it with the reason
 * (demo fleet, virtual time, the real window and wizard).
 */
class WhoIsDrainingTest extends DemoWindowTest {

    @Start
    void start(Stage stage) {
        attach(stage, url -> { });
    }

    private void ready(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        ui.awaitSnapshot(fleet.refresh());
        ui.await(() -> ui.rows().size() == fleet.console.refresher().latest().orElseThrow().tasks().count());
    }

    private void refreshLater(Duration d) throws Exception {
        fleet.advance(d);
        ui.awaitSnapshot(fleet.refresh());
    }

    private Optional<TaskRow> drainedBy(String cluster, String service, String by) {
        return ui.rows().stream().filter(r -> r.cluster.equals(cluster) && r.service.equals(service)
                && r.drain.get().draining() && r.drainText().startsWith(by + ":")).findFirst();
    }

    /** Scrolls the row into view and clicks it. */
    private void click(FxRobot robot, TaskRow row) throws Exception {
        robot.interact(() -> ui.table().scrollTo(row));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(ui.rowCell(row));
    }

    /** Selects the row, presses d, and returns what the window said. */
    private String safeDrainRefusal(FxRobot robot, TaskRow row) throws Exception {
        click(robot, row);
        ui.await(() -> robot.lookup("#drainButton").tryQuery().map(Node::isVisible).orElse(false));
        assertTrue(robot.lookup("#drainButton").queryAs(Button.class).isDisabled(), "Safe drain is disabled on it");
        int before = window.view().activity.items().size();
        robot.write("d");
        ui.await(() -> window.view().activity.items().size() > before);
        return window.view().activity.items().stream().filter(a -> a.text().startsWith("Safe drain: ")).findFirst()
                .orElseThrow().text();
    }

    @Test
    void aTaskARolloutIsDrainingShowsTheRolloutsDrainAndRefusesASafeDrain(FxRobot robot) throws Exception {
        ready(robot);
        TaskRow any = ui.rows().stream().filter(r -> r.cluster.equals("voice-staging") && r.service.equals("support-agent"))
                .findFirst().orElseThrow();
        click(robot, any);
        robot.write("l");
        ui.await(() -> robot.lookup("#check-button").tryQuery().isPresent());
        robot.clickOn("#check-button");
        ui.await(20, () -> robot.lookup("#start-button").tryQuery().map(n -> !((Button) n).isDisabled()).orElse(false));
        robot.clickOn("#start-button");
        ui.await(() -> robot.lookup("#confirmReason").tryQuery().isPresent());
        robot.clickOn("#confirmReason").write("CHG-11 roll out the copy");
        robot.clickOn("#confirmButton");
        ui.await(() -> robot.lookup("#confirmButton").tryQuery().isEmpty());
        // The wizard goes; the rollout goes on (it outlives its window), and the main window is the operator's again.
        robot.interact(() -> new ArrayList<>(Window.getWindows()).stream()
                .filter(w -> w instanceof Stage s && s.getOwner() != null).forEach(Window::hide));

        Optional<TaskRow> drained = Optional.empty();
        // A drain lasts as long as its calls (minutes): 30 s steps find it while it runs. The rollout runs on its own
        // threads and, on a busy machine, reaches its first drain many virtual minutes later than on an idle one
        // (15 virtual minutes were not enough at load 28): up to 2 hours of steps, stopping at the first drain seen.
        for (int i = 0; i < 240 && drained.isEmpty(); i++) {
            refreshLater(Duration.ofSeconds(30));
            drained = drainedBy("voice-staging", "support-agent", "rollout");
        }
        TaskRow row = drained.orElseThrow(() -> new AssertionError("no rollout drain in the Drain column: "
                + fleet.console.actions().activities().all()));
        TaskActivity a = row.activity().orElseThrow();
        assertEquals(TaskActivity.Source.ROLLOUT, a.source());

        String said = safeDrainRefusal(robot, row);
        assertTrue(said.startsWith("Safe drain: a rollout (rollout ") && said.endsWith("is draining it; pause or abort the"
                + " rollout to change that"), said);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> fleet.console.actions().drain("voice-staging", "support-agent", row.arn, "test"));
        assertTrue(e.getMessage().contains("a rollout ("), e.getMessage());
    }

    @Test
    void aTaskASafeScaleInIsDrainingShowsTheScaleInsDrainAndRefusesASafeDrain(FxRobot robot) throws Exception {
        ready(robot);
        TaskRow any = ui.rows().stream().filter(r -> r.cluster.equals("voice-prod") && r.service.equals("sales-agent"))
                .findFirst().orElseThrow();
        click(robot, any);
        robot.write("s");
        ui.await(() -> robot.lookup("#confirmReason").tryQuery().isPresent());
        robot.clickOn("#confirmReason").write("CHG-12 night traffic");
        robot.clickOn("#confirmButton");

        Optional<TaskRow> drained = Optional.empty();
        for (int i = 0; i < 30 && drained.isEmpty(); i++) {
            refreshLater(Duration.ofSeconds(10));
            drained = drainedBy("voice-prod", "sales-agent", "scale-in");
        }
        TaskRow row = drained.orElseThrow(() -> new AssertionError("no scale-in drain in the Drain column: "
                + fleet.console.actions().activities().all()));
        String said = safeDrainRefusal(robot, row);
        assertTrue(said.startsWith("Safe drain: a safe scale-in (scale-in of voice-prod/sales-agent) is draining it"), said);
    }
}
