package io.drainboard.ui;

import io.drainboard.ui.nav.FleetTree;
import io.drainboard.ui.nav.Place;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The demo under a profile whose serviceFilter names support-agent and sales-*: the tree lists only those services
 * (voice-staging keeps its support-agent, loses its transcriber), and the task table at fleet scope has no task of
 * another service.
 */
class ServiceFilterWindowTest extends DemoWindowTest {

    /** Hides {@link DemoWindowTest#openFleet}: the demo profile with a serviceFilter. */
    @BeforeAll
    static void openFleet() throws Exception {
        Path dir = Files.createTempDirectory("service-filter");
        fleet = new DemoFleet(Files.writeString(dir.resolve("demo.yaml"), Files.readString(DemoFleet.PROFILE)
                + "serviceFilter: [support-agent, 'sales-*']\n"));
        fleet.refresh();
    }

    @Start
    void start(Stage stage) {
        attach(stage, url -> { });
    }

    @Test
    void theTreeAndTheTableShowOnlyTheNamedServices(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        ui.awaitSnapshot(fleet.refresh());
        ui.await(() -> !ui.rows().isEmpty());
        List<String> services = WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            walk(ui.tree().getRoot(), out);
            return out;
        }).get();
        assertEquals(List.of("voice-prod/sales-agent", "voice-prod/support-agent", "voice-staging/support-agent"),
                services.stream().sorted().toList(), "the tree's services");
        assertEquals(Set.of("support-agent", "sales-agent"), ui.rows().stream().map(r -> r.service).collect(Collectors.toSet()),
                "the table's tasks at fleet scope");
    }

    private static void walk(TreeItem<FleetTree.Nav> item, List<String> out) {
        if (item == null) return;
        Place p = item.getValue() == null ? null : item.getValue().place;
        if (p != null && p.service() != null) out.add(p.cluster() + "/" + p.service());
        for (TreeItem<FleetTree.Nav> c : item.getChildren()) walk(c, out);
    }
}
