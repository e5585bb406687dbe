package io.drainboard.ui.rollout;

import io.drainboard.Console;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.ui.common.Theme;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rollout wizard on the demo profile, one embedded simulator (virtual time, real SDK clients) and console per test
 * class, opened by the subclass's {@code @BeforeAll} through {@link #openDemo} and closed after the class.
 */
@ExtendWith(ApplicationExtension.class)
abstract class DemoWizardTest {
    static Simulator sim;
    static Console console;

    /**
     * @param services lines added under the demo profile's {@code services:} (a cordon for one service, say); "" for none
     */
    static void openDemo(String services) throws Exception {
        sim = Simulator.start(Simulator.Options.virtual("demo"));
        Path demo = Path.of("..", "profiles", "demo.yaml");
        Path profile = demo;
        if (!services.isEmpty()) {
            profile = Files.createTempDirectory("wizard").resolve("demo.yaml");
            Files.writeString(profile, Files.readString(demo).replace("services:\n", "services:\n" + services));
        }
        console = Console.onSimulator(ProfileLoader.load(profile), sim);
        console.refresher().readOnce();
    }

    @AfterAll
    static void closeDemo() {
        console.close();
    }

    @Start
    void start(Stage stage) {
        Theme.apply(Theme.Mode.DARK);
    }
}
