package io.drainboard.ui.tasks;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.Fleets;
import io.drainboard.ui.FxWait;
import io.drainboard.ui.common.Theme;
import io.drainboard.ui.model.RowUpdate;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The task table's cells share one tooltip (a popup window each was too heavy for the first rows on screen,
 * docs/benchmarks.md, startup), and it says what the cell under the pointer says.
 */
@ExtendWith(ApplicationExtension.class)
class CellTipTest {
    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    private TaskTable table;

    @Start
    void start(Stage stage) {
        Theme.apply(Theme.Mode.DARK);
        table = new TaskTable(Runnable::run);
        stage.setScene(new Scene(table.view(), 1200, 600));
        stage.show();
    }

    private static RowUpdate row(String id, int calls) {
        Duration[] ages = new Duration[calls];
        Arrays.fill(ages, Duration.ofMinutes(3));
        TaskSnapshot t = Fleets.running("prod", "agent", id, 41, NOW, Protection.OFF, Fleets.calls(Fleets.taskArn("prod", id), NOW, ages));
        ServiceSnapshot svc = Fleets.service("prod", "agent", 41, List.of(t));
        return RowUpdate.of(t, svc, 8, null, null);
    }

    @Test
    void everyCellSharesOneTooltipThatSaysWhatTheCellUnderThePointerSays(FxRobot robot) throws Exception {
        robot.interact(() -> table.apply(new PendingRows.Batch(List.of(row("t00001", 2), row("t00002", 5)), Set.of(), true)));
        FxWait.pulse(table.view().getScene());
        TableCell<?, ?> two = callsCell(robot, "t00001"), five = callsCell(robot, "t00002");
        Tooltip tip = two.getTooltip();
        assertNotNull(tip);
        assertSame(tip, five.getTooltip(), "one tooltip for the cells");

        robot.moveTo(two);
        FxWait.until(() -> tip.getText().startsWith("2 live calls"));
        robot.moveTo(five);
        FxWait.until(() -> tip.getText().startsWith("5 live calls"));
        assertTrue(tip.getText().contains("bar full = 8 calls"), tip.getText());

        // A cell that changes under the pointer changes the tooltip's words with it.
        robot.interact(() -> table.applyRows(new PendingRows.Batch(List.of(row("t00002", 7)), Set.of(), false)));
        FxWait.until(() -> tip.getText().startsWith("7 live calls"));
        assertEquals(tip, callsCell(robot, "t00002").getTooltip());
    }

    private TableCell<?, ?> callsCell(FxRobot robot, String id) {
        return robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> "col-calls".equals(c.getTableColumn().getId()) && c.getTableRow() != null
                        && c.getTableRow().getItem() instanceof TaskRow r && r.id.equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no calls cell of " + id));
    }
}
