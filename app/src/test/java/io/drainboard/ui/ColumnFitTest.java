package io.drainboard.ui;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.nav.Place;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the demo at 1440×900 and at 1280×800, with a busy task counting down to SIGKILL, at fleet scope and in a service:
 * no cell and no title of the task table is cut to "…", nothing lies beyond the table's right edge, and the columns
 * that matter (the SIGKILL countdown, Drain, and Health at 1440×900 and in a service) are on screen; the optional ones
 * make room when there is too little.
 */
class ColumnFitTest extends DemoWindowTest {
    private static String stopping;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        attach(stage, url -> { });
        stage.sizeToScene(); // the stage is shared between tests: the last one may have made it 1280×800
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void theColumnsFitUncutAt1440x900(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        assertEquals(1440, window.view().root().getScene().getWidth(), 0.5);
        assertEquals(900, window.view().root().getScene().getHeight(), 0.5);
        fits(robot, "1440×900");
    }

    @Test
    void theColumnsFitUncutAt1280x800(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        ui.await(() -> Math.abs(window.view().root().getScene().getWidth() - 1280) < 0.5
                && Math.abs(window.view().root().getScene().getHeight() - 800) < 0.5);
        fits(robot, "1280×800");
    }

    /** The hero picture's state: a busy support-agent task being stopped, its SIGKILL countdown the widest words. */
    private void fits(FxRobot robot, String size) throws Exception {
        if (stopping == null) {
            FleetSnapshot s = fleet.console.refresher().readOnce();
            TaskSnapshot busy = s.service("voice-prod", "support-agent").orElseThrow().tasks().stream()
                    .filter(t -> "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus()))
                    .max(Comparator.comparingInt(t -> t.calls().count())).orElseThrow();
            fleet.console.aws().get(0).ecs().stopTask(r -> r.cluster("voice-prod").task(busy.arn()).reason("column fit"));
            stopping = busy.arn(); // its stopTimeout is 120 s: still counting down in the next test, seconds later
        }
        fleet.advance(Duration.ofSeconds(6)); // reads may lag a write by up to 5 s (the simulator's ECS, as ECS's)
        ui.awaitSnapshot(fleet.refresh());
        try {
            ui.await(() -> ui.rows().stream().anyMatch(r -> r.arn.equals(stopping) && r.kill.get().stage().stopping()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not stopping: " + ui.rows().stream().filter(r -> r.arn.equals(stopping))
                    .map(r -> r.state.get() + " " + r.kill.get().stage()).toList() + " in the sim: "
                    + fleet.console.refresher().latest().flatMap(f -> f.task(stopping)).map(t -> t.lastStatus() + "/"
                    + t.desiredStatus()).orElse("gone"), e);
        }
        FxWait.pulse(window.view().root().getScene());
        assertEquals(List.of(), cut(), "at fleet scope, " + size);
        assertEquals("", scrolls(), "at fleet scope, " + size);
        // At fleet scope a Cluster column tells the two support-agent services apart; in a service it is gone.
        assertTrue(window.view().table.column("col-cluster").isVisible());
        assertEquals(2, ui.rows().stream().filter(r -> r.service.equals("support-agent")).map(r -> r.cluster).distinct().count());
        // The columns that never make room; at 1280×800 with a countdown on screen Health may (ColumnFit.YIELDING).
        List<String> kept = new ArrayList<>(List.of("col-task", "col-service", "col-status", "col-calls", "col-protection",
                "col-kill", "col-drain"));
        if (size.startsWith("1440")) kept.add("col-health");
        for (String id : kept) {
            assertTrue(window.view().table.column(id).isVisible(), id + " stays in view at fleet scope, " + size + ": " + widths());
        }
        robot.interact(() -> window.view().tree.go(Place.service("voice-prod", "support-agent")));
        ui.awaitSnapshot(fleet.refresh());
        assertEquals(List.of(), cut(), "in voice-prod / support-agent, " + size);
        assertEquals("", scrolls(), "in voice-prod / support-agent, " + size);
        assertTrue(!window.view().table.column("col-cluster").isVisible());
        for (String id : List.of("col-task", "col-revision", "col-status", "col-calls", "col-protection", "col-kill",
                "col-drain", "col-health")) {
            assertTrue(window.view().table.column(id).isVisible(), id + " stays in view in a service, " + size + ": " + widths());
        }
    }

    /** Every visible cell or column title whose text is drawn shorter than it is, as "column: shown / whole". */
    private List<String> cut() throws Exception {
        FxWait.pulse(window.view().root().getScene());
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            Node table = window.view().table.view();
            for (Node n : table.lookupAll(".table-cell")) {
                if (!(n instanceof TableCell<?, ?> c) || !c.isVisible() || c.getText() == null || c.getText().isEmpty()) continue;
                check(c, c.getTableColumn() == null ? "?" : c.getTableColumn().getText(), out);
            }
            for (Node n : table.lookupAll(".column-header .label")) {
                if (n instanceof Labeled l && l.isVisible() && l.getText() != null) check(l, "title", out);
            }
            return out;
        }).get();
    }

    /** Empty when no column lies beyond the table's right edge; else the columns and their widths. */
    private String scrolls() throws Exception {
        FxWait.pulse(window.view().root().getScene());
        return WaitForAsyncUtils.asyncFx(() -> {
            TableView<?> table = window.view().table.view();
            boolean bar = table.lookupAll(".scroll-bar").stream().anyMatch(n -> n instanceof ScrollBar b
                    && b.getOrientation() == Orientation.HORIZONTAL && b.isVisible() && b.getVisibleAmount() < b.getMax());
            return bar ? "scrolls sideways: " + widths() : "";
        }).get();
    }

    /** The table's width and its visible columns' (call on the FX thread, or get it there). */
    private String widths() {
        TableView<?> table = window.view().table.view();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "table %.0f px wide; columns", table.getWidth()));
        double sum = 0;
        for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
            s.append(String.format(Locale.ROOT, " %s %.0f", c.getText(), c.getWidth()));
            sum += c.getWidth();
        }
        return s.append(String.format(Locale.ROOT, " = %.0f px", sum)).toString();
    }

    private static void check(Labeled l, String where, List<String> out) {
        Node t = l.lookup(".text");
        if (t instanceof Text shown && !shown.getText().equals(l.getText())) out.add(where + ": " + shown.getText() + " / " + l.getText());
    }
}
