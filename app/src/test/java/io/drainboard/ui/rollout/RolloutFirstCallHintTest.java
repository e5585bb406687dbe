package io.drainboard.ui.rollout;

import io.drainboard.ui.FxWait;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rollout whose replacement has not registered with LiveKit: the wizard says why it has waited minutes for the
 * replacement's first call while the old tasks take calls, and what to check; once the worker registers and takes a
 * call the hint goes. Driven through the real wizard on the demo (embedded simulator, virtual time), the
 * replacement's worker held back by a warm-up longer than the hint's five minutes.
 */
class RolloutFirstCallHintTest extends DemoWizardTest {
    private static final Duration WARMUP = Duration.ofMinutes(8);

    @BeforeAll
    static void openDemoWithHttpCordon() throws Exception {
        // transcriber's exec-signal cordon needs ECS Exec, which the demo leaves off on it: the http cordon instead.
        openDemo("  voice-staging/transcriber:\n    cordon: {method: http}\n");
    }

    @Test
    void theWizardSaysWhyTheReplacementWaitsForItsFirstCall(FxRobot robot) throws Exception {
        sim.model().read(m -> {
            m.setWorkerWarmup(m.cluster("voice-staging").orElseThrow().services().get("transcriber"), WARMUP);
            return null;
        });
        // The rollout's calls run on the caller's thread: the test's refreshes step it, nothing runs unseen.
        Stage[] wizard = new Stage[1];
        robot.interact(() -> wizard[0] = RolloutWizard.open(null, console, "voice-staging", "transcriber", Runnable::run));
        robot.clickOn(FxWait.visible(robot, "#check-button"));
        FxWait.until(() -> !robot.lookup("#plan-summary").queryAs(Label.class).getText().isEmpty());
        assertFalse(robot.lookup("#start-button").queryButton().isDisabled(),
                () -> "the preflight lets it start: " + robot.lookup("#preflight-list").queryListView().getItems());
        robot.clickOn("#start-button");
        robot.clickOn(FxWait.visible(robot, "#confirmReason")).write("CHG-12 transcriber copy");
        robot.clickOn("#confirmButton");
        Label waiting = FxWait.node(() -> robot.lookup("#waiting").tryQueryAs(Label.class));
        Label hint = FxWait.node(() -> robot.lookup("#wait-hint").tryQueryAs(Label.class));

        String seenWaiting = "";
        String seenHint = "";
        Duration waited = Duration.ZERO;
        for (; waited.compareTo(WARMUP) < 0 && seenHint.isEmpty(); waited = waited.plusSeconds(10)) {
            step();
            if (waiting.getText().contains("waiting for its first call")) seenWaiting = waiting.getText();
            if (hint.isVisible()) seenHint = hint.getText();
        }
        assertFalse(seenWaiting.isEmpty(), "the rollout waited for a replacement's first call: " + waiting.getText());
        assertTrue(seenHint.contains("without a call while the old tasks took at least")
                && seenHint.contains("LiveKit is not giving it jobs")
                && seenHint.contains("\"registered worker\""), "the hint says why and what to check: " + seenHint);
        assertTrue(seenHint.matches("Replacement [0-9a-f]{12} has run .*"), "the replacement by its 12-character id: " + seenHint);
        assertTrue(waited.compareTo(Duration.ofMinutes(5)) >= 0, "no hint before five minutes: " + waited);

        // The worker registers at the end of its warm-up and takes calls: the hint goes.
        for (int i = 0; i < 90 && hint.isVisible(); i++) step();
        assertFalse(hint.isVisible(), "the hint stays while the replacement takes calls: " + hint.getText() + " / " + waiting.getText());
        assertEquals("", hint.getText());

        // Aborted before any old task is drained (the replacement is still inside its gate), so that no unfinished
        // rollout is left in the journal for the other tests; no call cut on the way.
        robot.clickOn("#abort-button");
        robot.clickOn(FxWait.visible(robot, "#confirmReason")).write("test over");
        robot.clickOn("#confirmButton");
        Label outcome = FxWait.node(() -> robot.lookup("#outcome").tryQueryAs(Label.class));
        for (int i = 0; i < 60 && outcome.getText().isEmpty(); i++) step();
        assertTrue(outcome.getText().startsWith("stopped: test over. 0 tasks replaced; no task stopped"), outcome.getText());
        assertEquals(0, sim.groundTruth().callsCut(), "no call cut");
        robot.interact(() -> wizard[0].close());
    }

    /** Ten seconds in the simulator, then one refresh, which steps the rollout and its hint. */
    private static void step() throws Exception {
        sim.advance(Duration.ofSeconds(10));
        console.refresher().readOnce();
        WaitForAsyncUtils.waitForFxEvents();
    }
}
