package io.drainboard.ui;

import io.drainboard.ui.common.Theme;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.function.Consumer;

/**
 * The real window on one demo fleet per test class (virtual time, real SDK clients against the
 * simulator): the fleet is opened and read once before the class, each test gets a fresh window on it
 * from its {@code @Start} through {@link #attach}, and the subclass closes it after each test.
 */
@ExtendWith(ApplicationExtension.class)
abstract class DemoWindowTest {
    static DemoFleet fleet;
    ConsoleWindow window;
    WindowDriver ui;

    @BeforeAll
    static void openFleet() throws Exception {
        fleet = new DemoFleet();
        fleet.refresh();
    }

    @AfterAll
    static void closeFleet() {
        fleet.close();
    }

    /** Opens the window on the shared fleet in the dark theme; links the operator opens go to {@code browser}. */
    ConsoleWindow attach(Stage stage, Consumer<String> browser) {
        Theme.apply(Theme.Mode.DARK);
        window = ConsoleWindow.attach(stage, fleet.console, browser::accept, false);
        return window;
    }
}
