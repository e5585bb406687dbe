package io.drainboard.ui;

import io.drainboard.aws.Regional;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.ui.nav.FleetTree;
import io.drainboard.ui.tasks.TaskRow;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One account runs a cluster "voice" (with a service "agent") in us-east-1 and in eu-west-1: the tree shows two
 * clusters, each labelled with its region, and opening one shows its own tasks only, never the other region's.
 */
class SameNamedClustersTest extends OwnFleetWindowTest {
    private static final String SCENARIO = Path.of("..", "simulator", "src", "test", "resources", "scenarios",
            "regions.yaml").toString();
    @TempDir
    Path data;
    private final String before = System.getProperty("drainboard.dataDir");

    @AfterEach
    void restoreDataDir() {
        if (before == null) System.clearProperty("drainboard.dataDir");
        else System.setProperty("drainboard.dataDir", before);
    }

    @Test
    void twoClustersOfOneNameInTwoRegionsAreTwoPlaces(FxRobot robot) throws Exception {
        System.setProperty("drainboard.dataDir", data.toString());
        open(robot, Simulator.start(Simulator.Options.virtual(SCENARIO)), ProfileLoader.parse(Path.of("two-regions.yaml"),
                "name: two-regions\nregions: [us-east-1, eu-west-1]\nsimulator: {scenario: '" + SCENARIO + "'}\nrefresh: 5s\n"));
        FleetSnapshot s = console.refresher().latest().orElseThrow();
        assertEquals(Set.of("us-east-1", "eu-west-1"), s.clusters().stream().filter(c -> c.name().equals("voice"))
                .map(c -> c.region()).collect(Collectors.toSet()), "the scenario: voice in both regions");

        List<TreeItem<FleetTree.Nav>> voices = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> ui.tree().getRoot().getChildren().get(0).getChildren()
                .stream().filter(i -> i.getValue().label.get().equals("voice")).toList()).get();
        assertEquals(2, voices.size(), "two clusters named voice");
        for (String region : List.of("eu-west-1", "us-east-1")) {
            TreeItem<FleetTree.Nav> cluster = voices.stream().filter(i -> i.getValue().detail.get().contains(region))
                    .findFirst().orElseThrow(() -> new AssertionError("no voice cluster labelled " + region));
            long tasks = s.clusters().stream().filter(c -> c.name().equals("voice") && c.region().equals(region))
                    .findFirst().orElseThrow().taskCount();
            robot.interact(() -> window.view().tree.go(cluster.getValue().place));
            ui.await(() -> ui.rows().size() == tasks);
            assertTrue(ui.rows().stream().allMatch(r -> region(r).equals(region)), region + ": " + ui.rows().stream()
                    .map(SameNamedClustersTest::region).toList());

            TreeItem<FleetTree.Nav> agent = cluster.getChildren().stream().filter(i -> i.getValue().label.get().equals("agent"))
                    .findFirst().orElseThrow();
            long agents = s.clusters().stream().filter(c -> c.name().equals("voice") && c.region().equals(region))
                    .flatMap(c -> c.services().stream()).filter(v -> v.name().equals("agent")).findFirst().orElseThrow()
                    .tasks().size();
            robot.interact(() -> window.view().tree.go(agent.getValue().place));
            ui.await(() -> ui.rows().size() == agents);
            assertTrue(ui.rows().stream().allMatch(r -> region(r).equals(region) && r.service.equals("agent")));
        }
    }

    private static String region(TaskRow r) {
        return Regional.Place.of(r.arn).orElseThrow().region();
    }
}
