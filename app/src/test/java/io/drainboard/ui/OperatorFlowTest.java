package io.drainboard.ui;

import io.drainboard.ui.common.Theme;
import io.drainboard.ui.nav.Place;
import io.drainboard.ui.tasks.TaskRow;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real window on the demo fleet (virtual time, real SDK clients against the simulator), driven the
 * way an operator drives it: keys and clicks through TestFX, never by calling the view's methods.
 */
class OperatorFlowTest extends DemoWindowTest {
    private final List<String> opened = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        attach(stage, opened::add);
    }

    private void ready(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        ui.await(() -> ui.rows().size() == 29);
    }

    /** Time passes in the simulator (calls start and end), then the console refreshes once. */
    private void refreshLater(Duration d) throws Exception {
        fleet.advance(d);
        ui.awaitSnapshot(fleet.refresh());
    }

    @Test
    void thePaletteGoesToAServiceByKeyboard(FxRobot robot) throws Exception {
        ready(robot);
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        ui.await(() -> robot.lookup("#palette").tryQuery().map(n -> n.isVisible()).orElse(false));
        robot.write("sales-agent");
        robot.type(KeyCode.ENTER);
        ui.await(() -> ui.rows().size() == 6 && !window.view().overlay.showing()
                && "voice-prod / sales-agent".equals(robot.lookup("#breadcrumb").queryAs(Label.class).getText()));
        assertEquals(Place.service("voice-prod", "sales-agent"), window.view().tree.place().get().named());
        assertTrue(ui.rows().stream().allMatch(r -> r.service.equals("sales-agent")));
        assertFalse(window.view().overlay.showing());
        assertEquals("voice-prod / sales-agent", robot.lookup("#breadcrumb").queryAs(Label.class).getText());

        robot.write(":");
        ui.await(() -> window.view().overlay.showing());
        robot.type(KeyCode.ESCAPE);
        ui.await(() -> !window.view().overlay.showing());
    }

    /** "prod/support": the service whose path it is comes first, above the ten tasks that live in it. */
    @Test
    void thePaletteRanksTheServiceOfAPathAboveItsTasks(FxRobot robot) throws Exception {
        ready(robot);
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        ui.await(() -> robot.lookup("#palette").tryQuery().map(n -> n.isVisible()).orElse(false));
        robot.write("prod/support");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<io.drainboard.ui.command.Command> list = robot.lookup("#paletteList").queryAs(javafx.scene.control.ListView.class);
        ui.await(() -> list.getItems().stream().filter(c -> c.title().contains("voice-prod")).count() > 5);
        List<String> shown = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> list.getItems().stream().map(c -> c.group() + ": " + c.title())
                .toList()).get();
        assertEquals("Go to voice-prod / support-agent", list.getItems().get(0).title(), shown.toString());
        assertTrue(shown.stream().anyMatch(t -> t.contains("Select task")), "its tasks are listed too, below: " + shown);
        robot.type(KeyCode.ENTER);
        ui.await(() -> !window.view().overlay.showing()
                && Place.service("voice-prod", "support-agent").equals(window.view().tree.place().get().named()));
    }

    @Test
    void theFilterTakesColumnTermsAndStaysAcrossRefreshes(FxRobot robot) throws Exception {
        ready(robot);
        robot.clickOn(ui.rowCell(ui.rows().get(0)));
        robot.write("/");
        TextField filter = FxWait.node(() -> robot.lookup("#filter").tryQueryAs(TextField.class));
        ui.await(filter::isFocused);
        robot.write("calls:>1 launch:fargate");
        ui.await(() -> ui.rows().size() < 29);
        assertTrue(ui.rows().stream().allMatch(r -> r.calls.get().count() > 1 && r.launchType.get().equals("FARGATE")));

        refreshLater(Duration.ofMinutes(4));
        assertEquals("calls:>1 launch:fargate", filter.getText());
        assertFalse(ui.rows().isEmpty());
        assertTrue(ui.rows().stream().allMatch(r -> r.calls.get().count() > 1 && r.launchType.get().equals("FARGATE")),
                "the filter is re-applied to the new values");
        ui.await(() -> robot.lookup("#filterCount").queryAs(Label.class).getText().contains("of 29"));

        robot.write(" nosuch:x");
        ui.await(() -> robot.lookup("#filterProblems").queryAs(Label.class).isVisible()
                && robot.lookup("#filterProblems").queryAs(Label.class).getText().contains("unknown column 'nosuch'"));

        robot.type(KeyCode.ESCAPE);
        ui.await(() -> ui.rows().size() == 29);
        assertEquals("", filter.getText());
    }

    @Test
    void aColumnSortAndTheSelectionSurviveRefreshes(FxRobot robot) throws Exception {
        ready(robot);
        robot.clickOn(ui.header("col-calls"));
        robot.clickOn(ui.header("col-calls"));
        TableColumn<TaskRow, ?> calls = ui.table().getColumns().stream().filter(c -> "col-calls".equals(c.getId())).findFirst().orElseThrow();
        ui.await(() -> !ui.table().getSortOrder().isEmpty() && calls.getSortType() == TableColumn.SortType.DESCENDING);
        assertSortedByCallsDescending();
        TaskRow chosen = ui.rows().get(3);
        robot.clickOn(ui.rowCell(chosen));
        ui.await(() -> ui.table().getSelectionModel().getSelectedItem() == chosen);

        for (int i = 0; i < 3; i++) {
            refreshLater(Duration.ofMinutes(3));
            assertSame(calls, ui.table().getSortOrder().get(0), "still sorted by calls");
            assertEquals(TableColumn.SortType.DESCENDING, calls.getSortType());
            assertSortedByCallsDescending();
            assertSame(chosen, ui.table().getSelectionModel().getSelectedItem(), "the same task stays selected");
        }
        ui.await(() -> ("Task " + chosen.shortId()).equals(robot.lookup("#taskTitle").queryAs(Label.class).getText()));
    }

    private void assertSortedByCallsDescending() {
        List<Integer> counts = new ArrayList<>(ui.rows().stream().map(r -> r.calls.get().count()).toList());
        List<Integer> sorted = new ArrayList<>(counts);
        sorted.sort(Comparator.reverseOrder());
        assertEquals(sorted, counts, "rows follow the calls column, highest first");
    }

    @Test
    void selectingATaskShowsItsDetailsAndItsArnCanBeCopiedAndOpened(FxRobot robot) throws Exception {
        ready(robot);
        TaskRow row = ui.rows().get(7);
        robot.clickOn(ui.rowCell(row));
        ui.await(() -> ("Task " + row.shortId()).equals(robot.lookup("#taskTitle").queryAs(Label.class).getText()));

        robot.write("c");
        WaitForAsyncUtils.waitForFxEvents();
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        assertEquals(row.arn, copied);

        robot.write("o");
        ui.await(() -> !opened.isEmpty());
        String url = opened.get(0);
        assertTrue(url.startsWith("https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/" + row.cluster + "/tasks/" + row.id), url);
        // Acknowledgements of what the operator did are toasts, not Activity lines that push fleet events down.
        ui.await(() -> window.view().toasts.node().lookupAll(".notification").stream().anyMatch(n ->
                n instanceof atlantafx.base.controls.Notification t && t.getMessage().startsWith("Opening task " + row.shortId())));
        assertTrue(window.view().activity.items().stream().noneMatch(a -> a.text().startsWith("Copied")
                || a.text().startsWith("Opening")), "acknowledgements stay out of Activity: " + window.view().activity.items());

        robot.clickOn(FxWait.visible(robot, "#copyArn"));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(FxWait.node(() -> robot.lookup("#taskCalls").tryQuery()));
    }

    @Test
    void theHelpOverlayListsEveryShortcut(FxRobot robot) throws Exception {
        ready(robot);
        robot.write("?");
        ui.await(() -> window.view().help.isOpen() && robot.lookup("#help .label").tryQuery().isPresent());
        FxWait.pulse(window.view().root().getScene());
        List<String> texts = robot.lookup("#help .label").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertTrue(texts.contains("Ctrl+K  or  :"), texts.toString());
        assertTrue(texts.contains("Command palette"));
        assertTrue(texts.contains("Shift+C"));
        // The operator's actions are listed with their keys; with nothing selected they say why they cannot run.
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("Safe drain (select a task first")), texts.toString());
        for (String key : List.of("p", "e", "u", "d", "g", "l", "t", "a")) assertTrue(texts.contains(key), key);
        assertTrue(texts.contains("Audit log"));
        robot.type(KeyCode.ESCAPE);
        ui.await(() -> !window.view().overlay.showing());
    }

    @Test
    void keysMoveBetweenServicesAndTasks(FxRobot robot) throws Exception {
        ready(robot);
        robot.clickOn(ui.rowCell(ui.rows().get(0)));
        robot.write("]");
        ui.await(() -> window.view().tree.place().get().named().equals(Place.service("voice-prod", "outbound-dialer")));
        robot.write("]");
        ui.await(() -> window.view().tree.place().get().named().equals(Place.service("voice-prod", "sales-agent")));
        robot.type(KeyCode.BACK_SPACE);
        ui.await(() -> window.view().tree.place().get().named().equals(Place.cluster("voice-prod")));
        ui.await(() -> ui.rows().size() == 22);
        int before = ui.table().getSelectionModel().getSelectedIndex();
        robot.write("j");
        robot.write("j");
        int expected = before < 0 ? 1 : Math.min(before + 2, 21); // none selected: j selects the first row
        ui.await(() -> ui.table().getSelectionModel().getSelectedIndex() == expected);
        int at = ui.table().getSelectionModel().getSelectedIndex();
        robot.write("k");
        ui.await(() -> ui.table().getSelectionModel().getSelectedIndex() == at - 1);
        robot.write("K");
        ui.await(() -> !ui.table().getSortOrder().isEmpty() && "col-kill".equals(ui.table().getSortOrder().get(0).getId()));
    }

    @Test
    void ctrlTSwitchesBetweenDarkAndLightThemes(FxRobot robot) throws Exception {
        ready(robot);
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        ui.await(() -> Theme.current() == Theme.Mode.LIGHT);
        assertTrue(javafx.application.Application.getUserAgentStylesheet().contains("primer-light"));
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        ui.await(() -> Theme.current() == Theme.Mode.DARK);
    }
}
