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
 * wizard, the audit log, a timeline) is hidden, the console window closed and TestFX's stage given back its size and
 * place, then {@link #closed} runs.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WindowTest {
    /**
     * The size every test's window starts at (the console's own), given back after each test: TestFX's stage is one
     * for the whole run, so a test that resized it (to 1280×800, say) handed its size and place to every later class.
     */
    static final double WIDTH = 1440, HEIGHT = 900;

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
        if (main != null) WaitForAsyncUtils.asyncFx(() -> {
            main.setWidth(WIDTH);
            main.setHeight(HEIGHT);
            main.centerOnScreen();
        }).get();
        closed();
    }

    /** After the windows are closed (a test's own console, say). */
    void closed() {
    }
}
