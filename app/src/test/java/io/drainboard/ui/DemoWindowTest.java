package io.drainboard.ui;

import io.drainboard.ui.common.Theme;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.function.Consumer;

/**
 * The real window on one demo fleet per test class (virtual time, real SDK clients against the
 * simulator): the fleet is opened and read once before the class, each test gets a fresh window on it
 * from its {@code @Start} through {@link #attach}, closed after each test with every window it opened.
 */
abstract class DemoWindowTest extends WindowTest {
    static DemoFleet fleet;

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
        this.stage = stage;
        window = ConsoleWindow.attach(stage, fleet.console, browser::accept, false);
        return window;
    }

    /** Resizes the window and waits until its scene has the size (needs {@link #ui}). */
    void resize(org.testfx.api.FxRobot robot, double w, double h) throws Exception {
        robot.interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
        ui.await(() -> Math.abs(window.view().root().getScene().getWidth() - w) < 0.5
                && Math.abs(window.view().root().getScene().getHeight() - h) < 0.5);
    }
}
