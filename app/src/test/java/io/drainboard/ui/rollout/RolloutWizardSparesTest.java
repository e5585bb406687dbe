package io.drainboard.ui.rollout;

import io.drainboard.Console;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.ui.common.Theme;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The wizard offers the engine's default spares for the service it rolls: with the http cordon the old tasks are
 * leaned, so at least half the desired count (RolloutSettings.defaultSpares), following maxParallel until the
 * operator sets them apart.
 */
@ExtendWith(ApplicationExtension.class)
class RolloutWizardSparesTest {
    private static Simulator sim;
    private static Console console;

    @BeforeAll
    static void openDemoWithHttpCordon() throws Exception {
        sim = Simulator.start(Simulator.Options.virtual("demo"));
        Path demo = Path.of("..", "profiles", "demo.yaml");
        Path http = Files.createTempDirectory("wizard-spares").resolve("demo-http.yaml");
        Files.writeString(http, Files.readString(demo).replace("services:\n",
                "services:\n  voice-prod/support-agent:\n    cordon: {method: http}\n"));
        console = Console.onSimulator(ProfileLoader.load(http), sim);
        console.refresher().readOnce();
    }

    @AfterAll
    static void close() {
        console.close();
    }

    @Start
    void start(Stage stage) {
        Theme.apply(Theme.Mode.DARK);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sparesStartAtHalfTheServiceAndFollowMaxParallel(FxRobot robot) throws Exception {
        robot.interact(() -> RolloutWizard.open(null, console, "voice-prod", "support-agent", Runnable::run));
        Spinner<Integer> spares = robot.lookup("#spares").queryAs(Spinner.class);
        Spinner<Integer> parallel = robot.lookup("#max-parallel").queryAs(Spinner.class);
        // 10 tasks: ⌈0.5 × 10⌉ = 5 spares at maxParallel 1, once the wizard has read the service.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> spares.getValue() == 5);
        robot.interact(() -> parallel.getValueFactory().setValue(6));
        assertEquals(6, spares.getValue(), "never fewer spares than maxParallel");
        robot.interact(() -> spares.getValueFactory().setValue(1));
        robot.interact(() -> parallel.getValueFactory().setValue(2));
        assertEquals(1, spares.getValue(), "spares the operator set stay as set");
    }
}
