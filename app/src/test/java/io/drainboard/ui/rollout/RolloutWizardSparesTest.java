package io.drainboard.ui.rollout;

import javafx.scene.control.Spinner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The wizard offers the engine's default spares for the service it rolls: with the http cordon the old tasks are
 * leaned, so at least half the desired count (RolloutSettings.defaultSpares), following maxParallel until the
 * operator sets them apart.
 */
class RolloutWizardSparesTest extends DemoWizardTest {

    @BeforeAll
    static void openDemoWithHttpCordon() throws Exception {
        openDemo("  voice-prod/support-agent:\n    cordon: {method: http}\n");
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
