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
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
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

    @Start
    void start(Stage stage) {
        attach(stage, url -> { });
        stage.sizeToScene(); // the stage is shared between tests: the last one may have made it 1280×800
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
        resize(robot, 1280, 800);
        fits(robot, "1280×800");
    }

    /** A busy support-agent task being stopped and shown counting down to SIGKILL (the table's widest words). */
    private void countdown() throws Exception {
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
    }

    /** The hero picture's state: a busy support-agent task being stopped, its SIGKILL countdown the widest words. */
    private void fits(FxRobot robot, String size) throws Exception {
        countdown();
        FxWait.pulse(window.view().root().getScene());
        assertUncut("at fleet scope, " + size);
        // At fleet scope a Cluster column tells the two support-agent services apart; in a service it is gone.
        assertTrue(window.view().table.column("col-cluster").isVisible());
        assertEquals(2, ui.rows().stream().filter(r -> r.service.equals("support-agent")).map(r -> r.cluster).distinct().count());
        // Straight from the fleet to the service, as the README's service picture: the columns that made room at fleet
        // scope come back at their fleet widths and then narrow to the service's words while their cells are on screen.
        robot.interact(() -> window.view().tree.go(Place.service("voice-prod", "support-agent")));
        ui.awaitSnapshot(fleet.refresh());
        assertUncut("in voice-prod / support-agent from the fleet, " + size);
        robot.interact(() -> window.view().tree.go(Place.cluster("voice-prod")));
        ui.awaitSnapshot(fleet.refresh());
        assertUncut("in cluster voice-prod, " + size);
        assertTrue(!window.view().table.column("col-cluster").isVisible());
        robot.interact(() -> window.view().tree.go(Place.service("voice-prod", "support-agent")));
        ui.awaitSnapshot(fleet.refresh());
        assertUncut("in voice-prod / support-agent, " + size);
        assertTrue(!window.view().table.column("col-cluster").isVisible());
        assertTrue(window.view().table.column("col-revision").isVisible(), "in a service its revisions are told apart: " + widths());
        assertTrue(window.view().table.column("col-status").isVisible(), "in a service there is room for Status: " + widths());
    }

    /** No word cut, no sideways scroll, and the columns an operator on call reads first on screen. */
    private void assertUncut(String where) throws Exception {
        assertEquals(List.of(), cut(), where);
        assertEquals("", scrolls(), where);
        for (String id : KEPT) {
            assertTrue(window.view().table.column(id).isVisible(), id + " stays in view " + where + ": " + widths());
        }
    }

    /** The columns that never make room (ColumnFit.YIELDING names the ones that do). */
    private static final List<String> KEPT = List.of("col-task", "col-calls", "col-protection", "col-kill",
            "col-drain", "col-health");

    /**
     * At 1280×800 with a countdown on screen some optional column makes room; at 1440×900 it comes back. A column the
     * operator turns on in the table's menu (AZ, hidden at start) stays, at either size, and the fit makes room
     * with the other optional columns.
     */
    @Test
    void theColumnsThatMadeRoomComeBackAndTheOperatorsChoiceStays(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        resize(robot, 1280, 800);
        countdown();
        assertUncut("at fleet scope, 1280×800");
        List<String> gone = WaitForAsyncUtils.asyncFx(() -> OPTIONAL.stream()
                .filter(id -> !window.view().table.column(id).isVisible()).toList()).get();
        assertTrue(!gone.isEmpty(), "at 1280×800 some optional column made room: " + widths());

        resize(robot, 1440, 900);
        ui.awaitSnapshot(fleet.refresh());
        assertUncut("at fleet scope, back at 1440×900");
        assertTrue(gone.stream().anyMatch(id -> window.view().table.column(id).isVisible()),
                "a column that made room at 1280×800 (" + gone + ") is back at 1440×900: " + widths());

        robot.clickOn(robot.lookup("#taskTable .show-hide-columns-button").queryAs(Node.class));
        robot.clickOn(FxWait.node(() -> robot.lookup(".context-menu .menu-item").match((Node m) ->
                m.lookupAll(".label").stream().anyMatch(l -> l instanceof Labeled x && "AZ".equals(x.getText()))).tryQueryAs(Node.class)));
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        ui.await(() -> window.view().table.column("col-az").isVisible());
        ui.awaitSnapshot(fleet.refresh());
        assertTrue(window.view().table.column("col-az").isVisible(), "the operator's AZ column stays: " + widths());
        assertUncut("with AZ turned on, 1440×900");
        resize(robot, 1280, 800);
        ui.awaitSnapshot(fleet.refresh());
        assertTrue(window.view().table.column("col-az").isVisible(), "the operator's AZ column stays at 1280×800: " + widths());
        assertEquals(List.of(), cut(), "with AZ turned on, 1280×800");
        for (String id : KEPT) assertTrue(window.view().table.column(id).isVisible(), id + " with AZ on: " + widths());
    }

    /** The optional columns shown at start (AZ and Launch start hidden). */
    private static final List<String> OPTIONAL = List.of("col-oldest", "col-holder", "col-revision", "col-status");

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
        String last = "";
        for (int pulse = 0; pulse < 5; pulse++) { // the flow sizes its sideways bar in the layout after a column change
            FxWait.pulse(window.view().root().getScene());
            last = WaitForAsyncUtils.asyncFx(() -> {
                TableView<?> table = window.view().table.view();
                String bar = table.lookupAll(".scroll-bar").stream().filter(n -> n instanceof ScrollBar b
                                && b.getOrientation() == Orientation.HORIZONTAL && b.isVisible() && b.getVisibleAmount() < b.getMax())
                        .map(n -> "scrolls sideways (bar " + ((ScrollBar) n).getVisibleAmount() + " of " + ((ScrollBar) n).getMax()
                                + "): " + widths() + debug(table)).findFirst().orElse("");
                return bar.isEmpty() ? widerRows(table) : bar;
            }).get();
            if (last.isEmpty()) return last;
        }
        return last;
    }

    /**
     * Empty when every row on screen is as wide as the visible columns: the flow takes its widest row as its content
     * width, so a row that still measures the columns' old widths (a column that narrowed) brings the sideways bar
     * back as soon as the rows outgrow the viewport.
     */
    private static String widerRows(TableView<?> table) {
        double sum = table.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        return table.lookupAll(".table-row-cell").stream()
                .filter(n -> n instanceof TableRow<?> r && r.isVisible() && !r.isEmpty() && r.prefWidth(-1) > sum + 0.5)
                .map(n -> String.format(Locale.ROOT, "a row measures %.0f px, the columns %.0f px: %s",
                        ((TableRow<?>) n).prefWidth(-1), sum, ((TableRow<?>) n).getChildrenUnmodifiable().stream()
                                .filter(c -> c instanceof TableCell<?, ?> tc && tc.isVisible())
                                .map(c -> ((TableCell<?, ?>) c).getTableColumn().getText() + " " + Math.round(c.prefWidth(-1))
                                        + "/" + Math.round(((TableCell<?, ?>) c).getTableColumn().getWidth())).toList()))
                .findFirst().orElse("");
    }

    private static String debug(TableView<?> table) {
        StringBuilder b = new StringBuilder();
        for (String q : List.of(".virtual-flow", ".clipped-container", ".table-row-cell", ".column-header-background", ".nested-column-header")) {
            Node n = table.lookup(q);
            if (n instanceof javafx.scene.layout.Region r) b.append(String.format(Locale.ROOT, "; %s w %.1f pref %.1f", q, r.getWidth(), r.prefWidth(-1)));
        }
        for (Node n : table.lookupAll(".scroll-bar")) if (n instanceof ScrollBar sb) b.append("; bar " + sb.getOrientation() + " visible " + sb.isVisible() + " w " + sb.getWidth());
        return b.toString();
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
