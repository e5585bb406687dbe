package io.drainboard.ui;

import io.drainboard.Console;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.ui.common.Theme;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app's window leaves its panes (activity, service and task panes, chart) out until the first rows are laid out
 * (docs/benchmarks.md, startup): they join after those rows, showing what the snapshot that brought them says; a
 * profile that fails, or no rows within the limit, brings them in too.
 */
@ExtendWith(ApplicationExtension.class)
class PanesAfterFirstRowsTest {
    private static final Path SCENARIO = Path.of("..", "simulator", "src", "test", "resources", "scenarios",
            "services-wide.yaml");
    private ConsoleView view;
    private Stage stage;
    private Simulator sim;
    private Console console;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.apply(Theme.Mode.DARK);
        view = new ConsoleView(new ConsoleView.Actions() {
            public void refreshNow() { }
            public void openProfile(Path p) { }
            public void browse(String url, java.util.function.Consumer<String> failed) { }
            public void quit() { }
        });
        Scene scene = new Scene(view.root(), 1440, 900);
        view.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        if (console != null) console.close();
        if (sim != null) sim.close();
    }

    @Test
    void thePanesJoinAfterTheFirstRowsAndShowThem(FxRobot robot) throws Exception {
        sim = Simulator.start(Simulator.Options.virtual(SCENARIO.toString()));
        Profile profile = ProfileLoader.parse(Path.of("wide.yaml"), "name: wide\nregion: us-east-1\nsimulator: {scenario: "
                + SCENARIO + "}\nrefresh: 5s\n");
        console = Console.onSimulator(profile, sim);
        FleetSnapshot read = console.refresher().readOnce();
        FleetSnapshot partial = ProgressiveFleetTest.firstOfTwo(read);
        boolean[] attached = new boolean[1];
        SnapshotBridge[] bridge = new SnapshotBridge[1];
        robot.interact(() -> {
            view.attachPanesWhenRowsShow(Duration.hours(1), () -> attached[0] = true);
            bridge[0] = view.opened(profile);
        });
        FxWait.pulse(stage.getScene());
        assertNull(stage.getScene().lookup("#servicePane"), "no panes before the first rows");
        assertFalse(attached[0]);

        robot.interact(() -> bridge[0].progress(partial));
        FxWait.until(() -> view.panesAttached() && attached[0]);
        FxWait.pulse(stage.getScene());
        assertEquals(6, robot.lookup(".table-row-cell").queryAllAs(javafx.scene.control.TableRow.class).stream()
                .filter(r -> r.getItem() != null).count(), "the narrow cluster's rows are laid out");
        assertTrue(stage.getScene().lookup("#servicePane") != null && stage.getScene().lookup("#activity") != null,
                "the panes joined");
        Label subtitle = (Label) stage.getScene().lookup("#servicePane").lookup(".pane-subtitle");
        assertTrue(subtitle.getText().contains("6 tasks"), "the service pane shows the rows on screen: " + subtitle.getText());
        assertEquals("wide · us-east-1", ((Label) stage.getScene().lookup("#serviceTitle")).getText());
    }

    @Test
    void aProfileThatFailsBringsThePanesInAtOnce(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.attachPanesWhenRowsShow(Duration.hours(1), () -> { });
            view.fatal("Cannot open profile wide", "Check the profile.", "details");
        });
        FxWait.pulse(stage.getScene());
        assertTrue(view.panesAttached());
        assertTrue(view.activity.items().stream().anyMatch(a -> a.text().startsWith("Cannot open profile wide")));
    }

    @Test
    void withoutRowsThePanesJoinAtTheLimit(FxRobot robot) throws Exception {
        robot.interact(() -> view.attachPanesWhenRowsShow(Duration.millis(100), () -> { }));
        FxWait.until(view::panesAttached);
        FxWait.pulse(stage.getScene());
        assertTrue(stage.getScene().lookup("#servicePane") != null);
    }
}
