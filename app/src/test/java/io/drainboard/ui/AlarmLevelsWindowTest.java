package io.drainboard.ui;

import io.drainboard.SimClients;
import io.drainboard.fleet.Protection;
import io.drainboard.ui.nav.FleetTree;
import io.drainboard.ui.nav.Place;
import io.drainboard.ui.tasks.TaskRow;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How loud the window is (docs/ui.md, "How loud"), on the demo as it starts and once ECS stops a busy task: red
 * only while calls are being cut or a kill runs, amber for a risk a deploy or scale-in would make bite, calm
 * otherwise; the tree and the service pane say the same.
 */
class AlarmLevelsWindowTest extends DemoWindowTest {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger"), WARN = PseudoClass.getPseudoClass("warn");

    @Start
    void start(Stage stage) {
        attach(stage, url -> { });
    }

    @Test
    void atStartNothingIsRedAndABusyTaskThatEcsStopsTurnsItsServiceRed(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        ui.awaitSnapshot(fleet.refresh());
        try {
            ui.await(() -> serviceTones(robot).size() == 5 && !boxes(robot, "warn").isEmpty());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("tree " + serviceTones(robot) + ", amber cards " + boxes(robot, "warn"), e);
        }
        Map<String, String> atStart = serviceTones(robot);
        assertFalse(atStart.containsValue("red"), "nothing is being stopped, yet red in the tree: " + atStart);
        assertTrue(atStart.containsValue("amber"), "busy tasks without protection are a risk: " + atStart);
        assertEquals(List.of(), boxes(robot, "danger"), "red cards in the service pane at start");
        assertTrue(boxes(robot, "warn").stream().anyMatch(t -> t.contains("would cut ≈")), boxes(robot, "warn").toString());

        TaskRow busy = ui.rows().stream().filter(r -> r.cluster.equals("voice-prod") && r.service.equals("support-agent")
                        && "RUNNING".equals(r.snapshot().lastStatus()) && r.calls.get().known()
                        && r.protection.get().state() == Protection.State.OFF)
                .max(Comparator.comparingInt(r -> r.calls.get().count())).orElseThrow();
        assertTrue(busy.calls.get().count() > 0, "a busy task");
        try (EcsClient ecs = SimClients.ecs(fleet.sim)) {
            ecs.stopTask(b -> b.cluster("voice-prod").task(busy.arn).reason("a test stops a busy task"));
        }
        for (int i = 0; i < 6 && boxes(robot, "danger").isEmpty(); i++) { // ECS moves the task to STOPPING as its clock runs
            fleet.advance(Duration.ofSeconds(5));
            ui.awaitSnapshot(fleet.refresh());
        }
        try {
            ui.await(() -> "red".equals(serviceTones(robot).get("voice-prod/support-agent"))
                    && boxes(robot, "danger").stream().anyMatch(t -> t.contains("being stopped")));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("tree " + serviceTones(robot) + ", red cards " + boxes(robot, "danger"), e);
        }
        Map<String, String> killing = serviceTones(robot);
        assertEquals(1, killing.values().stream().filter("red"::equals).count(), "only the service whose task ECS stops: " + killing);
    }

    /** Each service's tone in the navigation tree: red, amber or calm, by "cluster/service". */
    private Map<String, String> serviceTones(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Map<String, String> tones = new TreeMap<>();
            for (Node n : robot.lookup(".tree-cell").queryAll()) {
                @SuppressWarnings("unchecked") TreeCell<FleetTree.Nav> c = (TreeCell<FleetTree.Nav>) n;
                Place p = c.getItem() == null || c.isEmpty() ? null : c.getItem().place;
                if (p == null || !p.isService()) continue;
                tones.put(p.cluster() + "/" + p.service(), c.getPseudoClassStates().contains(DANGER) ? "red"
                        : c.getPseudoClassStates().contains(WARN) ? "amber" : "calm");
            }
            return tones;
        }).get();
    }

    /** The service pane's warning cards of this level (danger, warn, info): their titles. */
    private List<String> boxes(FxRobot robot, String level) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#serviceWarnings .warning-box").queryAll().stream()
                .filter(n -> n.isVisible() && n.getStyleClass().contains(level))
                .map(n -> ((Label) n.lookup(".warning-title")).getText()).toList()).get();
    }
}
