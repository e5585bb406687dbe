package io.drainboard.ui;

import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;

/**
 * A test of the real console window in TestFX's stage: after each test every other window it opened (dialogs, the
 * wizard, the audit log, a timeline) is hidden and the console window closed, then {@link #closed} runs.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WindowTest {
    Stage stage;
    ConsoleWindow window;
    WindowDriver ui;

    @AfterEach
    void closeWindows() throws Exception {
        Stage main = stage;
        WaitForAsyncUtils.asyncFx(() -> new ArrayList<>(Window.getWindows()).stream().filter(w -> main != null && w != main)
                .forEach(Window::hide)).get();
        if (window != null) window.close();
        window = null;
        closed();
    }

    /** After the windows are closed (a test's own console, say). */
    void closed() {
    }
}
