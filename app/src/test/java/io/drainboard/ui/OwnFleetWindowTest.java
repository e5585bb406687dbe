package io.drainboard.ui;

import io.drainboard.Console;
import io.drainboard.profile.Profile;
import io.drainboard.sim.Simulator;
import io.drainboard.ui.common.Theme;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window on a fleet of the test's own (its scenario or profile differs from the shared demo's): each test
 * opens its simulator and console with {@link #open}; both are closed after the test, after the windows.
 */
abstract class OwnFleetWindowTest extends WindowTest {
    Simulator sim;
    Console console;

    /**
     * TestFX's stage, which it hands to a test class's own {@code @Start} (ApplicationExtension looks for that in the
     * test class, not in its bases): the primary stage it registered.
     */
    @BeforeEach
    void takeStage() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        WaitForAsyncUtils.asyncFx(() -> Theme.apply(Theme.Mode.DARK)).get();
    }

    /** The window on a console of this profile over {@code sim}, once its first refresh is shown. */
    void open(FxRobot robot, Simulator sim, Profile profile) throws Exception {
        this.sim = sim;
        console = Console.onSimulator(profile, sim);
        robot.interact(() -> window = ConsoleWindow.attach(stage, console, url -> { }, false));
        ui = new WindowDriver(robot, window);
        ui.awaitSnapshot(console.refresher().readOnce().sequence());
    }

    @Override
    void closed() {
        if (console != null) console.close();
        console = null;
    }
}
