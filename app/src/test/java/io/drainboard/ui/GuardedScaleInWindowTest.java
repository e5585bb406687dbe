package io.drainboard.ui;

import io.drainboard.drain.ScaleInStatus;
import io.drainboard.fleet.Protection;
import io.drainboard.ui.nav.Place;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's safe scale-in, from the key s, of a service guard mode protects in full (demo fleet, the simulator's
 * strict protection limit): it runs to the end without a cut, and the service pane says guard mode is held off the
 * service while the scale-in owns its protection, and that it is back once the scale-in is done.
 */
class GuardedScaleInWindowTest extends DemoWindowTest {
    private static final String HELD = "held off while the safe scale-in owns the service's protection";

    @Start
    void start(Stage stage) {
        attach(stage, url -> { });
    }

    private void refreshLater(Duration d) throws Exception {
        fleet.advance(d);
        ui.awaitSnapshot(fleet.refresh());
    }

    private boolean labelShows(FxRobot robot, String text) {
        return robot.lookup(".label").queryAll().stream().anyMatch(n -> n instanceof Label l && l.getText() != null
                && l.getText().contains(text));
    }

    @Test
    void aSafeScaleInOfAFullyGuardedServiceRunsToTheEndAndThePaneSaysGuardModeIsHeldMeanwhile(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        ui.awaitSnapshot(fleet.refresh());
        fleet.console.actions().guard("voice-prod", "sales-agent", true, "always on");
        for (int i = 0; i < 5 && !fleet.console.refresher().latest().orElseThrow().service("voice-prod", "sales-agent")
                .orElseThrow().tasks().stream().allMatch(t -> t.protection().state() == Protection.State.ON); i++) {
            refreshLater(Duration.ofSeconds(10));
        }
        assertTrue(fleet.console.refresher().latest().orElseThrow().service("voice-prod", "sales-agent").orElseThrow()
                .tasks().stream().allMatch(t -> t.protection().state() == Protection.State.ON), "guard mode protects every task");
        int desired = fleet.console.refresher().latest().orElseThrow().service("voice-prod", "sales-agent").orElseThrow().desiredCount();
        long cut0 = fleet.sim.groundTruth().callsCut();

        robot.clickOn("#breadcrumb");
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        ui.await(() -> window.view().palette.isOpen());
        robot.write("sales-agent");
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ENTER);
        ui.await(() -> !window.view().overlay.showing());
        ui.await(() -> window.view().tree.place().get().named().equals(Place.service("voice-prod", "sales-agent")));
        ui.await(() -> labelShows(robot, "on · "));
        robot.write("s");
        ui.await(() -> robot.lookup("#confirmButton").tryQuery().map(Node::isVisible).orElse(false));
        ui.await(() -> robot.lookup("#confirmTitle").queryAs(Label.class).getText().equals("Safe scale-in of sales-agent?"));
        robot.clickOn("#confirmReason").write("CHG-11 night traffic");
        robot.clickOn("#confirmButton");
        ui.await(20, () -> window.view().activity.items().stream().anyMatch(a -> a.text().startsWith(
                "Safe scale-in of voice-prod / sales-agent: desired " + desired + " → " + (desired - 1))));
        refreshLater(Duration.ofSeconds(10));
        ui.await(() -> labelShows(robot, HELD));

        Optional<ScaleInStatus> st = Optional.empty();
        for (int i = 0; i < 150 && !st.map(x -> x.phase().finished()).orElse(false); i++) {
            refreshLater(Duration.ofMinutes(1));
            st = fleet.console.actions().scaleInStatus("voice-prod", "sales-agent");
        }
        assertEquals(ScaleInStatus.Phase.DONE, st.orElseThrow().phase(), st.toString());
        refreshLater(Duration.ofSeconds(10));
        ui.await(() -> labelShows(robot, "on · ") && !labelShows(robot, HELD));
        int running = fleet.sim.model().read(m -> m.cluster("voice-prod").orElseThrow().services().get("sales-agent").runningCount());
        assertEquals(desired - 1, running, "one task fewer");
        assertEquals(0, fleet.sim.groundTruth().callsCut() - cut0, "calls cut by the scale-in");
    }
}
