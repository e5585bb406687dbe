package io.drainboard.ui;

import io.drainboard.ui.nav.Place;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** At 1440×900 on the demo, no cell and no title of the task table is cut to "…", at fleet scope and in a service. */
class ColumnFitTest extends DemoWindowTest {
    @Start
    void start(Stage stage) {
        attach(stage, url -> { });
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void noCellOfTheDefaultColumnsIsEllipsisedAt1440x900(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        assertEquals(1440, window.view().root().getScene().getWidth(), 0.5);
        assertEquals(900, window.view().root().getScene().getHeight(), 0.5);
        ui.awaitSnapshot(fleet.refresh());
        fleet.advance(Duration.ofSeconds(3));
        ui.awaitSnapshot(fleet.refresh());
        assertEquals(List.of(), cut(robot), "at fleet scope");
        // At fleet scope a Cluster column tells the two support-agent services apart; in a service it is gone.
        assertTrue(window.view().table.column("col-cluster").isVisible());
        assertTrue(ui.rows().stream().filter(r -> r.service.equals("support-agent")).map(r -> r.cluster).distinct().count() == 2);
        robot.interact(() -> window.view().tree.go(Place.service("voice-prod", "support-agent")));
        ui.awaitSnapshot(fleet.refresh());
        assertEquals(List.of(), cut(robot), "in voice-prod / support-agent");
        assertTrue(!window.view().table.column("col-cluster").isVisible());
    }

    /** Every visible cell or column title whose text is drawn shorter than it is, as "column: shown / whole". */
    private List<String> cut(FxRobot robot) throws Exception {
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

    private static void check(Labeled l, String where, List<String> out) {
        Node t = l.lookup(".text");
        if (t instanceof Text shown && !shown.getText().equals(l.getText())) out.add(where + ": " + shown.getText() + " / " + l.getText());
    }
}
