package io.drainboard.ui;

import io.drainboard.Console;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Faults;
import io.drainboard.ui.tasks.TaskRow;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first read of a slow fleet fills the window as clusters come in: the small cluster's rows are on screen, with
 * "reading 1 of 2 clusters", while the large one (4 ListTasks pages of 2 s, one after another) is still being read;
 * the table is never blank meanwhile, and the whole fleet follows.
 */
@ExtendWith(ApplicationExtension.class)
class ProgressiveFleetTest {
    private static final Path SCENARIO = Path.of("..", "simulator", "src", "test", "resources", "scenarios",
            "services-wide.yaml");
    private ConsoleView view;
    private Simulator sim;
    private Console console;

    @Start
    void start(Stage stage) {
        view = TestViews.shown(stage);
    }

    @AfterEach
    void close() {
        if (console != null) console.close();
        if (sim != null) sim.close();
    }

    @Test
    void theFirstClustersRowsShowBeforeTheReadEnds(FxRobot robot) throws Exception {
        sim = Simulator.start(Simulator.Options.virtual(SCENARIO.toString()));
        sim.faults().set("ecs:ListTasks", new Faults.Rule(0, 0, 0, Duration.ofSeconds(2)));
        var profile = ProfileLoader.parse(Path.of("wide.yaml"), "name: wide\nregion: us-east-1\nsimulator: {scenario: "
                + SCENARIO + "}\nrefresh: 5s\n");
        console = Console.onSimulator(profile, sim);
        SnapshotBridge[] bridge = new SnapshotBridge[1];
        robot.interact(() -> bridge[0] = view.opened(profile));
        console.refresher().addListener(bridge[0]);
        List<String> partials = new java.util.concurrent.CopyOnWriteArrayList<>();
        console.refresher().addListener(new io.drainboard.fleet.FleetListener() {
            public void snapshot(FleetSnapshot s) { partials.add("whole " + s.tasks().count()); }
            public void progress(FleetSnapshot s) { partials.add(s.progress().words() + " " + s.tasks().count()); }
        });
        // The fewest rows the table had once it first had some: 0 would mean it went blank while the rest loaded.
        int[] fewest = {Integer.MAX_VALUE};
        robot.interact(() -> table(robot).getItems().addListener((javafx.collections.ListChangeListener<TaskRow>) c -> {
            int n = c.getList().size();
            if (n > 0 || fewest[0] != Integer.MAX_VALUE) fewest[0] = Math.min(fewest[0], n);
        }));
        CompletableFuture<FleetSnapshot> read = CompletableFuture.supplyAsync(() -> console.refresher().readOnce());

        FxWait.until(() -> table(robot).getItems().size() == 6 || read.isDone());
        assertFalse(read.isDone(), "the read was still going on when the narrow cluster's rows were shown " + partials
                + " rows " + table(robot).getItems().size());
        sim.faults().clear(); // seen: the rest may come quickly
        assertEquals(6, table(robot).getItems().size());
        assertTrue(table(robot).getItems().stream().allMatch(r -> r.cluster.equals("narrow")));
        assertTrue(robot.lookup("#statusRefresh").queryAs(Label.class).getText().startsWith("reading 1 of 2 clusters"),
                robot.lookup("#statusRefresh").queryAs(Label.class).getText());
        assertEquals(null, view.latest(), "a partial snapshot is not the one on screen for actions");

        // The whole fleet follows, and the table never emptied while the rest loaded.
        FxWait.until(60, read::isDone);
        FleetSnapshot whole = read.join();
        FxWait.until(() -> view.latest() != null && view.latest().sequence() == whole.sequence());
        FxWait.until(() -> table(robot).getItems().size() == 406);
        assertTrue(fewest[0] >= 6, "the table went down to " + fewest[0] + " rows while the rest loaded");
        assertEquals(List.of("narrow", "wide"), table(robot).getItems().stream().map(r -> r.cluster).distinct().sorted().toList());
        assertFalse(robot.lookup("#statusRefresh").queryAs(Label.class).getText().startsWith("reading"));
    }

    /**
     * The window says a partial snapshot is on screen (the first read then reads the other clusters) only once its rows
     * are laid out, not when it is handed over: before, the other clusters' reads took the CPU from that first layout.
     */
    @Test
    void aPartialSnapshotIsOnScreenOnlyOnceItsRowsAreLaidOut(FxRobot robot) throws Exception {
        sim = Simulator.start(Simulator.Options.virtual(SCENARIO.toString()));
        var profile = ProfileLoader.parse(Path.of("wide.yaml"), "name: wide\nregion: us-east-1\nsimulator: {scenario: "
                + SCENARIO + "}\nrefresh: 5s\n");
        console = Console.onSimulator(profile, sim);
        FleetSnapshot read = console.refresher().readOnce();
        FleetSnapshot partial = firstOfTwo(read);
        SnapshotBridge[] bridge = new SnapshotBridge[1];
        robot.interact(() -> bridge[0] = view.opened(profile));
        boolean[] shownAtOnce = new boolean[1];
        robot.interact(() -> { // on the FX thread: nothing can be applied or laid out before this returns
            bridge[0].progress(partial);
            shownAtOnce[0] = bridge[0].progressShown().toCompletableFuture().isDone();
        });
        assertFalse(shownAtOnce[0], "handed over is not on screen");
        FxWait.until(() -> bridge[0].progressShown().toCompletableFuture().isDone());
        assertEquals(6, robot.lookup(".table-row-cell").queryAllAs(javafx.scene.control.TableRow.class).stream()
                .filter(r -> r.getItem() != null).count(), "the narrow cluster's rows are laid out");
    }

    @SuppressWarnings("unchecked")
    private static TableView<TaskRow> table(FxRobot robot) {
        return robot.lookup("#taskTable").queryAs(TableView.class);
    }


    /** The first read's partial snapshot: the cluster "narrow" alone, one of two clusters read. */
    static FleetSnapshot firstOfTwo(FleetSnapshot read) {
        var narrow = read.clusters().stream().filter(c -> c.name().equals("narrow")).toList();
        return new FleetSnapshot(read.sequence(), read.profile(), read.region(), read.takenAt(), read.readTime(), narrow,
                read.calls(), List.of(), io.drainboard.fleet.FleetDiff.between(0, List.of(), read.sequence(), narrow),
                io.drainboard.aws.RequestCounts.NONE, List.of(), new io.drainboard.fleet.ReadProgress(1, 2, 1, 1));
    }
}
