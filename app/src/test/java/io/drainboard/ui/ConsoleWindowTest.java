package io.drainboard.ui;

import atlantafx.base.theme.PrimerDark;
import javafx.application.Application;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real main window on the demo profile, driven headless through TestFX. */
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowTest {
    private ConsoleWindow window;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        window = ConsoleWindow.open(stage, Path.of("..", "profiles", "demo.yaml"));
    }

    @AfterEach
    void close() {
        window.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<TaskRow> table(FxRobot robot) {
        return robot.lookup("#taskTable").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private TreeView<FleetTree.Nav> tree(FxRobot robot) {
        return robot.lookup("#fleetTree").queryAs(TreeView.class);
    }

    private void awaitFleet(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 29);
    }

    @Test
    void showsTheDemoClustersServicesAndEveryTask(FxRobot robot) throws Exception {
        awaitFleet(robot);
        TreeItem<FleetTree.Nav> root = tree(robot).getRoot();
        List<String> clusters = root.getChildren().stream().map(c -> c.getValue().label.get()).toList();
        assertEquals(List.of("voice-prod", "voice-staging"), clusters);
        List<String> prodServices = root.getChildren().get(0).getChildren().stream()
                .map(c -> c.getValue().label.get()).toList();
        assertEquals(List.of("outbound-dialer", "sales-agent", "support-agent"), prodServices);
        assertEquals(29, table(robot).getItems().size());
        assertEquals("demo", robot.lookup("#statusProfile").queryAs(Label.class).getText());
        assertEquals("us-east-1", robot.lookup("#statusRegion").queryAs(Label.class).getText());
    }

    @Test
    void selectingAServiceShowsOnlyItsTasks(FxRobot robot) throws Exception {
        awaitFleet(robot);
        FleetTree.Selection wanted = new FleetTree.Selection("voice-prod", "support-agent");
        java.util.function.Supplier<java.util.Optional<javafx.scene.Node>> cell = () -> robot.lookup(".tree-cell")
                .match((javafx.scene.control.TreeCell<FleetTree.Nav> c) ->
                        c.getItem() != null && c.getItem().selection.equals(wanted)).tryQuery();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cell.get().isPresent());
        robot.clickOn(cell.get().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<TaskRow> t = table(robot);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> t.getItems().size() == 10);
        assertTrue(t.getItems().stream().allMatch(r -> r.service.equals("support-agent") && r.cluster.equals("voice-prod")));
    }

    @Test
    void theSelectedTaskStaysSelectedAcrossRefreshes(FxRobot robot) throws Exception {
        awaitFleet(robot);
        TableView<TaskRow> t = table(robot);
        robot.interact(() -> t.getSelectionModel().select(5));
        TaskRow chosen = t.getSelectionModel().getSelectedItem();
        long seq = window.console().refresher().latest().orElseThrow().sequence();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> window.console().refresher().latest().orElseThrow().sequence() >= seq + 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(chosen, t.getSelectionModel().getSelectedItem());
    }
}
