package io.drainboard.ui.rollout;

import io.drainboard.rollout.PreflightCheck;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import io.drainboard.ui.FxWait;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wizard on the demo profile (embedded simulator, virtual time, real SDK clients), driven by clicks:
 * choose a revision, check (preflight and dry run), start, and watch it to completion while the test
 * fast-forwards the simulator's clock and refreshes the fleet as the console's refresher would.
 */
class RolloutWizardTest extends DemoWizardTest {
    private Stage wizard;

    @BeforeAll
    static void open() throws Exception {
        openDemo("");
    }

    @Test
    void fromPreflightToCompletion(FxRobot robot) throws Exception {
        // The rollout's calls run on the caller's thread: the test's refreshes step it, nothing runs unseen.
        robot.interact(() -> wizard = RolloutWizard.open(null, console, "voice-staging", "support-agent", Runnable::run));
        long registered0 = sim.requests().count("ecs", "RegisterTaskDefinition");
        robot.clickOn(FxWait.visible(robot, "#check-button"));
        FxWait.until(() -> robot.lookup("#preflight-list").tryQuery().isPresent()
                && !robot.lookup("#plan-summary").queryAs(Label.class).getText().isEmpty());
        // "Check and plan" changes nothing: the copy is planned, not registered, however often it is clicked.
        robot.clickOn(FxWait.visible(robot, "Back"));
        robot.clickOn(FxWait.visible(robot, "#check-button"));
        ListView<PreflightCheck> checks = FxWait.node(() -> robot.lookup("#preflight-list").tryQueryAs(ListView.class));
        FxWait.until(() -> checks.getItems().size() >= 9 && !robot.lookup("#plan-summary").queryAs(Label.class).getText().isEmpty());
        assertEquals(registered0, sim.requests().count("ecs", "RegisterTaskDefinition"), "a check registered a revision");
        assertTrue(robot.lookup("#plan-list").queryListView().getItems().stream().anyMatch(l -> l.toString()
                .contains("as a copy of") && l.toString().contains("when the rollout starts")), "the plan says when");
        assertTrue(checks.getItems().size() >= 9, "the whole checklist: " + checks.getItems());
        assertTrue(checks.getItems().stream().noneMatch(c -> c.verdict() == PreflightCheck.Verdict.FAIL),
                checks.getItems().toString());
        String summary = robot.lookup("#plan-summary").queryAs(Label.class).getText();
        assertTrue(summary.contains("calls affected: 0") && summary.contains("4 tasks"), summary);
        assertFalse(robot.lookup("#start-button").queryButton().isDisabled());
        String next = sim.model().read(m -> m.cluster("voice-staging").orElseThrow().services().get("support-agent")
                .taskDefinitionArn());
        long cut0 = sim.groundTruth().callsCut();

        robot.clickOn("#start-button");
        robot.clickOn(FxWait.visible(robot, "#confirmReason")).write("CHG-9 roll out the copy");
        robot.clickOn("#confirmButton");
        FxWait.until(() -> robot.lookup("#confirmButton").tryQuery().map(n -> !n.isVisible()).orElse(true));
        Label outcome = FxWait.node(() -> robot.lookup("#outcome").tryQueryAs(Label.class));
        Label progress = FxWait.node(() -> robot.lookup("#progress-text").tryQueryAs(Label.class));
        boolean sawEta = false, sawWhy = false;
        for (int i = 0; i < 720 && outcome.getText().isEmpty(); i++) {
            sim.advance(Duration.ofSeconds(10));
            console.refresher().readOnce();
            WaitForAsyncUtils.waitForFxEvents();
            sawEta |= robot.lookup("#eta").queryAs(Label.class).getText().matches("ETA .*\\d.*");
            sawWhy |= !robot.lookup("#drain-list").queryListView().getItems().isEmpty()
                    || robot.lookup("#waiting").queryAs(Label.class).getText().startsWith("Waiting");
        }
        FxWait.pulse(wizard.getScene());
        assertTrue(outcome.getText().startsWith("completed"), outcome.getText() + " / " + progress.getText());
        assertTrue(outcome.getText().contains("4 tasks replaced; 0 calls on any task when it stopped"), outcome.getText());
        assertEquals(registered0 + 1, sim.requests().count("ecs", "RegisterTaskDefinition"), "registered once, at the start");
        assertTrue(console.actions().audit().recent(500).stream().anyMatch(e -> e.action().equals("register-task-definition")
                && e.reason().contains("CHG-9 roll out the copy")), "the registration is in the audit log with the reason");
        assertEquals("4 of 4 tasks replaced · completed", progress.getText());
        assertTrue(sawEta, "an ETA was shown");
        assertTrue(sawWhy, "why it waits was shown");
        assertTrue(robot.lookup("#pause-button").queryAs(Button.class).isDisabled(), "no command once it ended");
        assertEquals(0, sim.groundTruth().callsCut() - cut0, "no call cut");
        ServiceState s = sim.model().read(m -> m.cluster("voice-staging").orElseThrow().services().get("support-agent"));
        List<TaskState> live = s.tasks().stream().filter(t -> !"STOPPED".equals(t.desiredStatus())).toList();
        assertEquals(4, live.size());
        assertTrue(live.stream().noneMatch(t -> t.taskDefinitionArn().equals(next)), "every task replaced by the copy");
        assertTrue(console.actions().audit().recent(500).stream().anyMatch(e -> e.action().equals("rollout-start")
                && e.reason().equals("CHG-9 roll out the copy")), "the confirmed reason is in the audit log");
        robot.clickOn("#close-button");
        FxWait.until(() -> !wizard.isShowing());
        assertFalse(wizard.isShowing());
    }

    /** Typed digits count in the number fields; the first page has Cancel; Esc and Ctrl+W close the wizard. */
    @Test
    void numbersCanBeTypedAndTheWizardClosesFromTheKeyboard(FxRobot robot) throws Exception {
        robot.interact(() -> wizard = RolloutWizard.open(null, console, "voice-prod", "sales-agent", Runnable::run));
        javafx.scene.control.Spinner<?> parallel = FxWait.node(() -> robot.lookup("#max-parallel").tryQueryAs(javafx.scene.control.Spinner.class));
        robot.clickOn(FxWait.visible(robot, "#max-parallel .text-field"));
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).release(javafx.scene.input.KeyCode.A,
                javafx.scene.input.KeyCode.CONTROL);
        robot.write("3").type(javafx.scene.input.KeyCode.ENTER);
        FxWait.until(() -> Integer.valueOf(3).equals(parallel.getValue()));
        assertTrue(robot.lookup("#wizard-cancel").tryQuery().map(javafx.scene.Node::isVisible).orElse(false), "Cancel on the first page");
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        FxWait.until(() -> !wizard.isShowing());

        robot.interact(() -> wizard = RolloutWizard.open(null, console, "voice-prod", "sales-agent", Runnable::run));
        FxWait.visible(robot, "#wizard-cancel");
        robot.interact(() -> wizard.requestFocus());
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.W).release(javafx.scene.input.KeyCode.W,
                javafx.scene.input.KeyCode.CONTROL);
        FxWait.until(() -> !wizard.isShowing());
    }
}
