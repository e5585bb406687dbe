package io.drainboard.ui;

import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.ui.common.Ticker;
import io.drainboard.ui.tasks.TaskRow;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live table with exactly the fleet a test describes (hand-built snapshots, a hand-moved clock): a
 * task being stopped counts down to SIGKILL every second without the table's rows changing, a rollout
 * marks old and new revisions, and the filter reads the clocks.
 */
@ExtendWith(ApplicationExtension.class)
class LiveTableTest {
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
    private final TestClock clock = new TestClock(T0);
    private ConsoleView view;
    private SnapshotBridge bridge;

    @Start
    void start(Stage stage) throws Exception {
        view = TestViews.shown(stage);
        Ticker.useClock(clock);
        bridge = view.opened(ProfileLoader.load(DemoFleet.PROFILE));
    }

    /** Hands the snapshot over and waits until it is shown and laid out: its rows' cells exist from here on. */
    private void show(FleetSnapshot s) throws Exception {
        bridge.snapshot(s);
        FxWait.until(() -> view.latest() != null && view.latest().sequence() == s.sequence());
        FxWait.pulse(view.root().getScene());
    }

    private static FleetSnapshot fleet(long seq, Instant now, FleetSnapshot before, ServiceSnapshot... services) {
        return Fleets.snapshot(seq, now, before, List.of(services));
    }

    private String cellText(FxRobot robot, String columnId, TaskRow row) throws Exception {
        return cell(robot, columnId, row).getText();
    }

    /** The cell once the table has laid it out (the query failed under load when it ran before that pulse). */
    private TableCell<?, ?> cell(FxRobot robot, String columnId, TaskRow row) throws Exception {
        return FxWait.node(() -> robot.lookup(".table-row-cell").match((javafx.scene.control.TableRow<TaskRow> r) -> r.getItem() == row)
                .lookup((TableCell<?, ?> c) -> columnId.equals(c.getTableColumn().getId())).tryQueryAs(TableCell.class));
    }

    /** Waits for the cell to read {@code expected}, then asserts it (so a failure shows what it read instead). */
    private void assertCell(FxRobot robot, String expected, String columnId, TaskRow row) throws Exception {
        try {
            FxWait.until(() -> expected.equals(cellText(robot, columnId, row)));
        } catch (java.util.concurrent.TimeoutException e) {
            // the assertion below says what the cell reads
        }
        assertEquals(expected, cellText(robot, columnId, row));
    }

    private TaskRow row(String id) {
        return view.table.view().getItems().stream().filter(r -> r.id.equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theTableTakesTheHeightItsRowsNeedAndLeavesTheRestToThePanesBelow() throws Exception {
        List<TaskSnapshot> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) many.add(Fleets.running("prod", "support-agent", "t" + i, 41, T0, Protection.OFF, List.of()));
        FleetSnapshot big = fleet(1, T0, null, Fleets.service("prod", "support-agent", 41, many));
        show(big);
        FxWait.until(() -> Math.abs(view.tableShare() - io.drainboard.ui.model.TableShare.USUAL) < 0.02);

        // The fleet shrinks to two tasks: the table gives the room below to the service and task panes.
        show(fleet(2, T0.plusSeconds(5), big, Fleets.service("prod", "billing", 41, List.of(
                Fleets.running("prod", "billing", "b1", 41, T0, Protection.OFF, List.of()),
                Fleets.running("prod", "billing", "b2", 41, T0, Protection.OFF, List.of())))));
        try {
            FxWait.until(() -> view.tableShare() < 0.4);
        } catch (java.util.concurrent.TimeoutException e) {
            // the assertion says what it found
        }
        assertTrue(view.tableShare() < 0.4, "table share " + view.tableShare() + " with " + view.table.shownCount().get()
                + " rows shown");
    }

    @Test
    void theKillCountdownTicksEverySecondWithoutTouchingTheRows(FxRobot robot) throws Exception {
        TaskSnapshot dying = Fleets.sigtermed("prod", "support-agent", "dying", 41, T0, Duration.ofSeconds(30),
                Fleets.calls(Fleets.taskArn("prod", "dying"), T0, Duration.ofMinutes(20), Duration.ofMinutes(2)));
        TaskSnapshot busy = Fleets.running("prod", "support-agent", "busy", 41, T0, Protection.OFF,
                Fleets.calls(Fleets.taskArn("prod", "busy"), T0, Duration.ofMinutes(3)));
        show(fleet(1, T0, null, Fleets.service("prod", "support-agent", 41, List.of(busy, dying))));
        TaskRow row = row("dying");
        assertTrue(cellText(robot, "col-kill", row).startsWith("1 m 30 s · 2 calls, ≈"), cellText(robot, "col-kill", row));
        assertCell(robot, "SIGTERM sent", "col-drain", row);

        AtomicInteger listChanges = new AtomicInteger();
        ListChangeListener<TaskRow> counter = c -> listChanges.incrementAndGet();
        robot.interact(() -> view.table.view().getItems().addListener(counter));
        for (int i = 1; i <= 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            AtomicInteger rowsMarked = new AtomicInteger(-1);
            robot.interact(() -> {
                Ticker.tick();
                // A marked row sends the table's VirtualFlow down its full layout path (every visible row
                // re-indexed and re-styled); a tick must mark only the cells whose words changed.
                rowsMarked.set((int) view.table.view().lookupAll(".table-row-cell").stream()
                        .filter(n -> ((javafx.scene.Parent) n).isNeedsLayout()).count());
            });
            assertEquals(0, rowsMarked.get(), "a tick marks no row for layout");
            assertTrue(cellText(robot, "col-kill", row).startsWith("1 m " + (30 - i) + " s"), cellText(robot, "col-kill", row));
            // What the cell draws, not only its text property: a tick that skips the cell's layout would leave it stale.
            robot.interact(() -> view.root().layout());
            String drawn = ((javafx.scene.text.Text) cell(robot, "col-kill", row).lookup(".text")).getText();
            assertTrue(drawn.startsWith("1 m " + (30 - i) + " s"), "the new countdown is what the cell draws: " + drawn);
        }
        assertEquals(0, listChanges.get(), "ticking re-renders cells only; the table's rows never change");
        assertSame(row, row("dying"));
        FxWait.until(() -> robot.lookup("#serviceWarnings .label").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.getText() != null && l.getText().contains("being stopped with 2 live calls"))); // the service pane says it too
    }

    @Test
    void aSortMovesTasksBetweenRowsWithoutMarkingRowsForLayout(FxRobot robot) throws Exception {
        show(fleet(1, T0, null, Fleets.service("prod", "support-agent", 41, List.of(
                Fleets.running("prod", "support-agent", "aaa", 41, T0, Protection.OFF,
                        Fleets.calls(Fleets.taskArn("prod", "aaa"), T0, Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3))),
                Fleets.running("prod", "support-agent", "bbb", 41, T0, Protection.OFF, List.of()),
                Fleets.running("prod", "support-agent", "ccc", 41, T0, Protection.OFF,
                        Fleets.calls(Fleets.taskArn("prod", "ccc"), T0, Duration.ofMinutes(4)))))));
        // A row marked for layout is re-styled whole (every cell, text and icon) by the VirtualFlow; a sort
        // at 10,000 rows re-indexes every visible row, so only the cells whose words changed may be marked.
        robot.interact(() -> view.table.sortBy("col-calls")); // busiest first; the rows settle at their width
        FxWait.pulse(view.root().getScene());
        assertEquals(List.of("aaa", "ccc", "bbb"), view.table.view().getItems().stream().map(r -> r.id).toList());
        AtomicInteger marked = new AtomicInteger();
        java.util.Map<javafx.scene.Node, Double> widths = new java.util.HashMap<>();
        robot.interact(() -> view.table.view().lookupAll(".table-row-cell").forEach(n -> {
            javafx.scene.layout.Region row = (javafx.scene.layout.Region) n;
            widths.put(row, row.getWidth());
            row.widthProperty().addListener((o, was, now) -> widths.put(row, now.doubleValue()));
            // Marked with its width unchanged: the flow may resize a reused row, which is layout's business.
            row.needsLayoutProperty().addListener((o, was, now) -> {
                if (now && row.getWidth() == widths.get(row)) marked.incrementAndGet();
            });
        }));
        robot.interact(() -> view.table.sortBy("col-calls")); // again: idlest first, every task moves
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("bbb", "ccc", "aaa"), view.table.view().getItems().stream().map(r -> r.id).toList());
        assertEquals(0, marked.get(), "no row was marked for layout by the sort");
        robot.interact(() -> view.root().layout());
        for (TaskRow r : view.table.view().getItems()) {
            String drawn = ((javafx.scene.text.Text) cell(robot, "col-task", r).lookup(".text")).getText();
            assertEquals(r.shortId(), drawn, "each row draws the task it now holds");
        }
    }

    @Test
    void aRolloutMarksOldAndNewRevisions(FxRobot robot) throws Exception {
        TaskSnapshot old = Fleets.running("prod", "support-agent", "old1", 41, T0, Protection.OFF, List.of());
        TaskSnapshot fresh = Fleets.running("prod", "support-agent", "new1", 42, T0, Protection.OFF, List.of());
        ServiceSnapshot plain = Fleets.service("prod", "support-agent", 42, List.of(old, fresh));
        ServiceSnapshot rolling = new ServiceSnapshot(plain.clusterName(), plain.name(), plain.arn(), "FARGATE", 2, 2, 0,
                Fleets.tdArn("support-agent", 42), List.of(
                new DeploymentSnapshot("d2", "PRIMARY", Fleets.tdArn("support-agent", 42), 2, 1, 0, "IN_PROGRESS", T0),
                new DeploymentSnapshot("d1", "ACTIVE", Fleets.tdArn("support-agent", 41), 2, 1, 0, "COMPLETED", T0)),
                plain.tasks());
        show(fleet(1, T0, null, rolling));
        assertCell(robot, "rev 41 · old", "col-revision", row("old1"));
        assertCell(robot, "rev 42 · new", "col-revision", row("new1"));
    }

    @Test
    void theFilterReadsTheClocksAndKeepsUpAsTheyMove(FxRobot robot) throws Exception {
        FleetSnapshot s1 = fleet(1, T0, null, Fleets.service("prod", "support-agent", 41, List.of(
                Fleets.sigtermed("prod", "support-agent", "soon", 41, T0, Duration.ofSeconds(100), List.of()),
                Fleets.sigtermed("prod", "support-agent", "later", 41, T0, Duration.ofSeconds(10), List.of()),
                Fleets.running("prod", "support-agent", "fine", 41, T0, Protection.OFF, List.of()))));
        show(s1);
        robot.write("/").write("kill:<60s");
        FxWait.until(() -> view.table.view().getItems().size() == 1);
        assertEquals("soon", view.table.view().getItems().get(0).id);
        clock.advance(Duration.ofSeconds(60));
        show(fleet(2, T0.plusSeconds(60), s1, s1.services().toList().get(0)));
        assertEquals(2, view.table.view().getItems().size(), "after a minute the other task is under a minute too");
        robot.type(KeyCode.ESCAPE);
    }
}
