package io.drainboard.ui;

import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.ui.tasks.TaskRow;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The safety rails (docs/operating.md, Confirmations) in the real window: a read-only profile shows every action disabled with the reason
 * and sends nothing that changes the fleet; a production profile wants the service name typed before a
 * drain can be confirmed. Each test has its own simulator (the profile differs).
 */
class SafetyRailsWindowTest extends OwnFleetWindowTest {
    /** Every ECS / Auto Scaling operation that changes something (the simulator counts what it received). */
    private static final Set<String> MUTATING = Set.of("UpdateTaskProtection", "StopTask", "UpdateService",
            "ExecuteCommand", "TagResource", "UntagResource", "RegisterTaskDefinition", "UpdateContainerInstancesState",
            "RegisterScalableTarget", "SetInstanceProtection");

    @AfterEach
    void clearHistorySwitch() {
        System.clearProperty("drainboard.history.enabled");
    }

    private void open(FxRobot robot, String flags) throws Exception {
        open(robot, Simulator.start(Simulator.Options.virtual("demo")), ProfileLoader.parse(Path.of("rails.yaml"),
                "name: rails\nregion: us-east-1\nsimulator: {scenario: demo}\n" + flags));
        ui.await(() -> ui.rows().size() == 29);
    }

    private TaskRow busiest() throws Exception {
        // The window is open once its rows are; their calls come with the first read of LiveKit, later under load.
        ui.await(() -> ui.rows().stream().anyMatch(r -> r.service.equals("support-agent") && r.calls.get().known()));
        return ui.rows().stream().filter(r -> r.service.equals("support-agent") && r.calls.get().known())
                .max(Comparator.comparingInt(r -> r.calls.get().count())).orElseThrow();
    }

    private boolean dialogOpen(FxRobot robot) {
        return robot.lookup("#confirmButton").tryQuery().map(Node::isVisible).orElse(false);
    }

    @Test
    void aReadOnlyProfileShowsEveryActionDisabledWithTheReasonAndSendsNothingThatChangesTheFleet(FxRobot robot)
            throws Exception {
        // And with history off, the console runs on and says so where the timeline would be.
        System.setProperty("drainboard.history.enabled", "false");
        open(robot, "readOnly: true\n");
        TaskRow row = busiest();
        robot.clickOn(ui.rowCell(row));
        ui.await(() -> robot.lookup("#actionsWhy").queryAs(Label.class).isVisible()
                && robot.lookup("#actionsWhy").queryAs(Label.class).getText().startsWith("read-only profile: rails"));
        for (String id : List.of("#protectButton", "#extendButton", "#releaseButton", "#drainButton", "#forceButton",
                "#cancelDrainButton", "#guardButton", "#rolloutButton")) {
            assertTrue(robot.lookup(id).queryAs(Button.class).isDisabled(), id + " is disabled");
            assertFalse(robot.lookup(id).queryAs(Button.class).getStyleClass().contains("danger"),
                    id + ": a disabled button is not painted as a danger");
        }
        for (String key : List.of("p", "e", "u", "d", "g", "l")) {
            robot.write(key);
            FxWait.pulse(stage.getScene()); // a dialog would be on screen by now
            assertFalse(dialogOpen(robot), "no confirmation for " + key);
        }
        assertTrue(window.view().activity.items().stream().anyMatch(a -> a.text().startsWith("Safe drain: read-only profile")),
                "a refused key says why");
        assertTrue(FxWait.node(() -> robot.lookup("#timelineButton").tryQueryAs(Button.class)).isDisabled());
        ui.await(() -> robot.lookup("#serviceActionsWhy").queryAs(Label.class).getText().contains("Timeline unavailable: history is off"));

        for (int i = 0; i < 3; i++) {
            sim.clock().advance(Duration.ofSeconds(30));
            ui.awaitSnapshot(console.refresher().readOnce().sequence());
        }
        Map<String, Long> sent = sim.requests().snapshot();
        long mutating = sent.entrySet().stream().filter(e -> MUTATING.contains(e.getKey().substring(e.getKey().indexOf(':') + 1)))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(0, mutating, "requests the simulator saw: " + sent);
    }

    @Test
    void aProductionProfileKeepsTheDrainUnconfirmedUntilTheServiceNameIsTyped(FxRobot robot) throws Exception {
        open(robot, "production: true\n");
        TaskRow row = busiest();
        robot.clickOn(ui.rowCell(row));
        robot.write("d");
        ui.await(() -> dialogOpen(robot));
        Button confirm = robot.lookup("#confirmButton").queryAs(Button.class);
        ui.await(() -> robot.lookup("#confirmTypePrompt").queryAs(Label.class).getText().contains("type the service name support-agent"));
        assertTrue(confirm.isDisabled(), "nothing typed yet");
        robot.clickOn(FxWait.visible(robot, "#confirmTyped")).write("support-agnet");
        FxWait.pulse(stage.getScene());
        assertTrue(confirm.isDisabled(), "a typo does not confirm");
        robot.eraseText(5).write("agent");
        ui.await(() -> !confirm.isDisabled());
        robot.clickOn("#confirmCancel");
        ui.await(() -> !dialogOpen(robot));
        assertEquals(0, sim.requests().count("ecs", "UpdateTaskProtection"), "cancelled: nothing sent");
        assertTrue(console.actions().drains().isEmpty());

        // Protecting is not one of the dangerous actions: no name to type, even in production.
        robot.clickOn(ui.rowCell(row));
        robot.write("p");
        ui.await(() -> dialogOpen(robot));
        assertTrue(robot.lookup("#confirmTyped").tryQuery().isEmpty());
        assertFalse(robot.lookup("#confirmButton").queryAs(Button.class).isDisabled());
        robot.clickOn("#confirmCancel");
        ui.await(() -> !dialogOpen(robot));

        // A rollout is one of them: the wizard (key l, for the selected task's service) asks through the same dialog.
        robot.clickOn(ui.rowCell(row));
        robot.write("l");
        ui.await(() -> robot.lookup("#check-button").tryQuery().map(n -> !((Button) n).isDisabled()).orElse(false));
        robot.clickOn("#check-button");
        ui.await(30, () -> robot.lookup("#start-button").tryQuery().map(n -> n.isVisible() && !((Button) n).isDisabled()).orElse(false));
        robot.clickOn("#start-button");
        ui.await(() -> dialogOpen(robot));
        ui.await(() -> robot.lookup("#confirmTypePrompt").queryAs(Label.class).getText().contains("support-agent"));
        assertTrue(robot.lookup("#confirmButton").queryAs(Button.class).isDisabled(), "a production rollout wants the name");
        robot.clickOn("#confirmCancel");
        assertEquals(0, sim.requests().count("ecs", "UpdateService"), "nothing started");
    }
}
