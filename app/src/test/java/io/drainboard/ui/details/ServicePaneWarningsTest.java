package io.drainboard.ui.details;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.ui.Fleets;
import io.drainboard.ui.common.Theme;
import io.drainboard.ui.model.Digest;
import io.drainboard.ui.model.Readiness;
import io.drainboard.ui.model.Readiness.Level;
import io.drainboard.ui.nav.Place;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service pane's warnings at fleet scope keep their nodes across refreshes: a warning that appears in the middle of
 * the list, or changes its level, re-words the boxes on screen instead of building every box again (at 50,000 tasks
 * a rebuild of the fleet's warnings was the heaviest frame of a refresh, docs/benchmarks.md).
 */
@ExtendWith(ApplicationExtension.class)
class ServicePaneWarningsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    private ServicePane pane;
    private Profile profile;
    private FleetSnapshot fleet;

    @Start
    void start(Stage stage) throws Exception {
        Theme.apply(Theme.Mode.DARK);
        pane = new ServicePane();
        Path demo = Files.exists(Path.of("profiles", "demo.yaml")) ? Path.of("profiles", "demo.yaml") : Path.of("..", "profiles", "demo.yaml");
        profile = ProfileLoader.load(demo);
        List<ServiceSnapshot> services = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            services.add(Fleets.service("prod", "agent-" + s, 41, List.of(Fleets.running("prod", "agent-" + s, "t" + s, 41, NOW,
                    Protection.OFF, List.of()))));
        }
        fleet = Fleets.snapshot(1, NOW, null, services);
        stage.setScene(new Scene(new VBox(pane.node()), 500, 400));
        stage.show();
    }

    private void show(Map<String, List<Readiness.Warning>> warnings) {
        pane.show(Place.FLEET, new Digest(fleet, List.of(), Set.of(), true, warnings, Map.of(), List.of()),
                svc -> profile.forService(svc.clusterName(), svc.name()));
    }

    private String arn(int s) {
        return fleet.services().filter(x -> x.name().equals("agent-" + s)).findFirst().orElseThrow().arn();
    }

    private static Readiness.Warning warn(Level level, String title) {
        return new Readiness.Warning(level, title, "Protect busy tasks (or use guard mode) before deploying or scaling in.");
    }

    private List<Node> boxes(FxRobot robot) {
        return robot.lookup("#serviceWarnings").queryAs(VBox.class).getChildrenUnmodifiable();
    }

    @Test
    void aWarningAddedInTheMiddleKeepsTheBoxesOnScreen(FxRobot robot) {
        robot.interact(() -> show(Map.of(
                arn(0), List.of(warn(Level.WARN, "A deploy or scale-in now would cut ≈ 3 calls")),
                arn(1), List.of(warn(Level.WARN, "A deploy or scale-in now would cut ≈ 5 calls")))));
        List<Node> before = List.copyOf(boxes(robot));
        assertEquals(2, before.size());

        // A task of agent-2 is being stopped with calls: a red warning, first in the list, and new numbers.
        robot.interact(() -> show(Map.of(
                arn(0), List.of(warn(Level.WARN, "A deploy or scale-in now would cut ≈ 4 calls")),
                arn(1), List.of(warn(Level.WARN, "A deploy or scale-in now would cut ≈ 5 calls")),
                arn(2), List.of(warn(Level.DANGER, "1 task being stopped with 2 live calls")))));
        List<Node> after = boxes(robot);
        assertEquals(3, after.size());
        assertSame(before.get(0), after.get(0), "the first box was built again");
        assertSame(before.get(1), after.get(1), "the second box was built again");
        assertTrue(after.get(0).getStyleClass().contains("danger") && !after.get(0).getStyleClass().contains("warn"),
                "the first box now shows the red warning: " + after.get(0).getStyleClass());
        assertTrue(titles(robot).get(0).startsWith("agent-2: 1 task being stopped"), titles(robot).toString());
        assertTrue(titles(robot).contains("agent-0: A deploy or scale-in now would cut ≈ 4 calls"), titles(robot).toString());

        robot.interact(() -> show(Map.of()));
        assertEquals(List.of("No warnings: no service looks at risk of cutting calls."), titles(robot));
        robot.interact(() -> show(Map.of(arn(1), List.of(warn(Level.WARN, "A deploy or scale-in now would cut ≈ 1 call")))));
        assertEquals(List.of("agent-1: A deploy or scale-in now would cut ≈ 1 call"), titles(robot));
    }

    @Test
    void aRefreshThatChangesManyWarningsReWordsAFewEachPulseWorstFirst(FxRobot robot) {
        Map<String, List<Readiness.Warning>> before = new java.util.HashMap<>();
        Map<String, List<Readiness.Warning>> after = new java.util.HashMap<>();
        for (int s = 0; s < 3; s++) {
            List<Readiness.Warning> was = new ArrayList<>();
            List<Readiness.Warning> now = new ArrayList<>();
            for (int w = 0; w < 10; w++) {
                was.add(warn(w == 0 ? Level.DANGER : Level.WARN, "warning " + w + " would cut ≈ " + w + " calls"));
                now.add(warn(w == 0 ? Level.DANGER : Level.WARN, "warning " + w + " would cut ≈ " + (w + 1) + " calls"));
            }
            before.put(arn(s), was);
            after.put(arn(s), now);
        }
        robot.interact(() -> show(before));
        assertEquals(30, titles(robot).size());
        List<String> old = titles(robot);

        java.util.function.BooleanSupplier step = pane.showInSteps(() -> Place.FLEET,
                () -> new Digest(fleet, List.of(), Set.of(), true, after, Map.of(), List.of()),
                svc -> profile.forService(svc.clusterName(), svc.name()));
        int steps = 0;
        boolean[] more = {true};
        while (more[0]) {
            robot.interact(() -> more[0] = step.getAsBoolean());
            steps++;
            List<String> now = titles(robot);
            long changed = java.util.stream.IntStream.range(0, 30).filter(i -> !now.get(i).equals(old.get(i))).count();
            assertTrue(changed <= (long) steps * ServicePane.WARNINGS_PER_PULSE,
                    changed + " boxes re-worded after " + steps + " steps, at most " + ServicePane.WARNINGS_PER_PULSE + " a step");
            if (steps == 1) assertTrue(now.subList(0, 3).stream().allMatch(t -> t.contains("warning 0 would cut ≈ 1 calls")),
                    "the red warnings first: " + now.subList(0, 3));
        }
        assertEquals(4, steps, "30 changed warnings, " + ServicePane.WARNINGS_PER_PULSE + " a step");
        java.util.regex.Pattern words = java.util.regex.Pattern.compile("agent-\\d: warning (\\d) would cut ≈ (\\d+) calls");
        for (String t : titles(robot)) {
            java.util.regex.Matcher m = words.matcher(t);
            assertTrue(m.matches() && Integer.parseInt(m.group(2)) == Integer.parseInt(m.group(1)) + 1, "not the refresh's words: " + t);
        }
    }

    /** The first label of each entry: a warning's title, or the "no warnings" line. */
    private List<String> titles(FxRobot robot) {
        List<String> out = new ArrayList<>();
        for (Node n : boxes(robot)) {
            out.add(n instanceof Label l ? l.getText()
                    : robot.from(n).lookup(".warning-title").queryAs(Label.class).getText());
        }
        return out;
    }
}
