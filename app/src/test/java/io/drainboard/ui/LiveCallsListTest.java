package io.drainboard.ui;

import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.nav.Place;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The details pane's live-calls list of the busiest demo task reads in full at 1440×900 and 1280×800: every call's
 * room, age and predicted end, no "…" and nothing beyond the pane's right edge.
 */
class LiveCallsListTest extends DemoWindowTest {

    @Start
    void start(Stage stage) {
        attach(stage, url -> { });
    }

    @Test
    void everyCallReadsInFullAt1440x900(FxRobot robot) throws Exception {
        readsInFull(robot, 1440, 900);
    }

    @Test
    void everyCallReadsInFullAt1280x800(FxRobot robot) throws Exception {
        readsInFull(robot, 1280, 800);
    }

    private void readsInFull(FxRobot robot, double w, double h) throws Exception {
        ui = new WindowDriver(robot, window);
        resize(robot, w, h);
        TaskSnapshot busiest = fleet.console.refresher().readOnce().service("voice-prod", "support-agent").orElseThrow()
                .tasks().stream().max(Comparator.comparingInt(t -> t.calls().count())).orElseThrow();
        int calls = busiest.calls().count();
        assertTrue(calls >= 3, "the demo's busiest support-agent task has a few calls: " + calls);
        robot.interact(() -> window.view().tree.go(Place.service("voice-prod", "support-agent")));
        ui.awaitSnapshot(fleet.refresh());
        robot.interact(() -> window.view().table.select(busiest.arn()));
        GridPane list = (GridPane) FxWait.node(() -> robot.lookup("#taskCalls").tryQuery());
        // A header and one line per call, each with its forecast ticking in.
        ui.await(() -> list.getChildren().stream().filter(n -> n instanceof Label l && l.getText().startsWith("in ~")).count() == calls);
        FxWait.pulse(window.view().root().getScene());
        List<String> cut = WaitForAsyncUtils.asyncFx(() -> Uncut.cut((Parent) robot.lookup("#taskDetails").query())).get();
        assertEquals(List.of(), cut, "the task details at " + w + "×" + h);
    }
}
