package io.drainboard.ui;

import io.drainboard.ui.model.Activity;

import io.drainboard.ui.tasks.TaskRow;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** o when no browser can be opened: the console says so and copies the link, and never claims it opened. */
class BrowserFailureTest extends DemoWindowTest {
    @Start
    void start(Stage stage) {
        attach(stage, url -> {
            throw new UnsupportedOperationException("Operation not supported");
        });
    }

    @Test
    void aBrowserThatCannotOpenIsSaidAndTheLinkCopied(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        ui.awaitSnapshot(fleet.refresh());
        TaskRow row = ui.rows().get(0);
        robot.clickOn(ui.rowCell(row));
        robot.write("o");
        ui.await(() -> window.view().activity.items().stream().anyMatch(a -> a.level() == Activity.Level.WARN
                && a.text().startsWith("Could not open a browser (Operation not supported): the AWS console link of task "
                + row.shortId() + " is copied to the clipboard")));
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        assertTrue(copied.startsWith("https://") && copied.contains(row.id), copied);
        FxWait.pulse(window.view().root().getScene());
        assertTrue(window.view().activity.items().stream().noneMatch(a -> a.text().startsWith("Opening task")
                || a.text().startsWith("Opened task")), "never claims it opened");
    }
}
