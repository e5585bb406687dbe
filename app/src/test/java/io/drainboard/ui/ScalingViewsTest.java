package io.drainboard.ui;

import io.drainboard.SimClients;
import io.drainboard.audit.AuditEntry;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.scaling.lab.LabResult;
import io.drainboard.sim.Simulator;
import io.drainboard.ui.nav.Place;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scaling views in the real window: readiness opened with the m key shows each finding with its number and its
 * fix as CLI and CloudFormation (copyable), lists what was not checked, and applies a fix after a confirmation that
 * lists the requests — audited first, through Application Auto Scaling on the simulator; in a read-only profile the
 * fix cannot be applied and nothing is sent. The lab, opened from the palette, replays a shape against two
 * policies off the FX thread and shows them side by side.
 */
class ScalingViewsTest extends OwnFleetWindowTest {
    private static final Path SCENARIO = Path.of("..", "simulator", "src", "test", "resources", "scenarios", "small-fleet.yaml");
    private static final String AGENT = "service/voice/agent";
    private ApplicationAutoScalingClient aas;

    @AfterEach
    void closeScalingClient() {
        if (aas != null) aas.close();
    }

    private void open(FxRobot robot, boolean readOnly) throws Exception {
        Simulator sim = Simulator.start(Simulator.Options.virtual(SCENARIO.toString()));
        aas = SimClients.appAutoScaling(sim);
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(8));
        open(robot, sim, ProfileLoader.parse(Path.of("scaling.yaml"), "name: " + name(readOnly) + "\nregion: us-east-1\n"
                + "simulator: {scenario: " + SCENARIO.toAbsolutePath() + "}\ncalls: {source: worker}\n"
                + "callLength: {median: 4m, p99: 20m}\nreadOnly: " + readOnly + "\n"));
        Node agent = FxWait.node(() -> ui.treeCell(n -> n.place != null && Place.service("voice", "agent").equals(n.place.named())));
        robot.clickOn(agent);
        ui.await(() -> window.view().tree.place().get().named().equals(Place.service("voice", "agent")));
    }

    /** Scrolls the readiness window so that the node is in view (the operator's scroll wheel). */
    private Node reveal(FxRobot robot, String id) throws Exception {
        Node n = FxWait.node(() -> robot.lookup(id).tryQuery());
        robot.interact(() -> {
            Node p = n.getParent();
            while (p != null && !(p instanceof ScrollPane)) p = p.getParent();
            if (p == null) return;
            ScrollPane sp = (ScrollPane) p;
            javafx.geometry.Bounds b = sp.getContent().sceneToLocal(n.localToScene(n.getBoundsInLocal()));
            double room = sp.getContent().getLayoutBounds().getHeight() - sp.getViewportBounds().getHeight();
            sp.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, b.getMinY() - 40) / room));
        });
        FxWait.pulse(n.getScene());
        return n;
    }

    /** The audit log is the build's one data directory: each test's entries are told apart by the profile's name. */
    /**
     * Every entry of every monthly file: the shared test data directory holds months from other tests' clocks
     * (virtual and real), and {@code recent} reads only the two newest files by name.
     */
    private List<AuditEntry> everyAuditEntry() throws java.io.IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().registerModule(io.drainboard.audit.JsonLines.timeModule());
        List<AuditEntry> out = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(console.actions().audit().directory())) {
            for (var f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : java.nio.file.Files.readAllLines(f)) {
                    if (!line.isBlank()) out.add(json.readValue(line, AuditEntry.class));
                }
            }
        }
        return out;
    }

    private static String name(boolean readOnly) {
        return readOnly ? "scaling-read-only" : "scaling";
    }

    private boolean showing(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
    }

    private int minCapacity() {
        return aas.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceIds(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)).scalableTargets().get(0).minCapacity();
    }

    private long registers() {
        return sim.requests().snapshot().entrySet().stream().filter(e -> e.getKey().endsWith(":RegisterScalableTarget"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Test
    void readinessFromTheKeyShowsFindingsWithTheirFixesAndAppliesOneConfirmedAndAudited(FxRobot robot) throws Exception {
        open(robot, false);
        robot.write("m");
        ui.await(() -> window.view().scaling.readinessWindow().isPresent());
        ui.await(30, () -> showing(robot, "#finding-MIN_BELOW_TWO"));
        assertEquals("min capacity 1", robot.lookup("#measured-MIN_BELOW_TWO").queryAs(Label.class).getText());
        String cli = robot.lookup("#cli-MIN_BELOW_TWO").queryAs(TextArea.class).getText();
        assertTrue(cli.contains("register-scalable-target") && cli.contains("--min-capacity 2 --max-capacity 8"), cli);
        assertTrue(robot.lookup("#cfn-MIN_BELOW_TWO").queryAs(TextArea.class).getText().contains("MinCapacity: 2"));
        assertTrue(robot.lookup("#readinessStatus").queryAs(Label.class).getText().startsWith("voice / agent: "),
                robot.lookup("#readinessStatus").queryAs(Label.class).getText());
        ui.await(() -> robot.lookup(".not-checked").queryAll().stream().anyMatch(n -> ((Label) n).getText()
                .startsWith("not checked: ")));
        // The simulator's worker-load policy keeps a share idle: the recommended fix adds direct scaling to the guard
        // service's profile, shown as YAML beside the CLI and CloudFormation (not applied from the console).
        String yaml = robot.lookup("#yaml-NO_HEADROOM_METRIC").queryAs(TextArea.class).getText();
        assertTrue(yaml.contains("direct: {scaleInAfter: 5m, lead: 3m, share: 0.1}"), yaml);

        robot.clickOn(reveal(robot, "#copyCli-MIN_BELOW_TWO"));
        AtomicReference<String> copied = new AtomicReference<>();
        ui.await(() -> {
            robot.interact(() -> copied.set(Clipboard.getSystemClipboard().getString()));
            return cli.equals(copied.get());
        });

        long before = registers();
        robot.clickOn(reveal(robot, "#applyFix-MIN_BELOW_TWO"));
        ui.await(() -> showing(robot, "#confirmButton"));
        assertEquals("Apply the fix for \"Minimum below two tasks\" to agent?",
                robot.lookup("#confirmTitle").queryAs(Label.class).getText());
        String what = robot.lookup("#confirmWhat").queryAs(Label.class).getText();
        assertTrue(what.contains("Now: scalable target min 1, max 8"), what);
        assertTrue(robot.lookup(".list-cell").queryAll().stream().anyMatch(n -> n instanceof javafx.scene.control.ListCell<?> c
                && "register the scalable target of voice/agent with min 2 max 8".equals(c.getItem())),
                "the dialog lists the request");
        assertEquals(before, registers(), "nothing sent before the confirmation");
        robot.clickOn("#confirmReason").write("CHG-21 min two");
        robot.clickOn("#confirmButton");
        ui.await(30, () -> minCapacity() == 2);
        ui.await(30, () -> window.view().activity.items().stream().anyMatch(a -> a.text()
                .equals("Fix applied to voice / agent: register the scalable target of voice/agent with min 2 max 8")));
        List<AuditEntry> audit = everyAuditEntry().stream()
                .filter(e -> e.action().equals("scaling-fix MIN_BELOW_TWO") && e.profile().equals(name(false))).toList();
        assertTrue(audit.size() >= 2, "an intent and its result: " + audit);
        audit = audit.subList(audit.size() - 2, audit.size()); // this run's (an earlier build's are in the same log)
        assertEquals(audit.get(0).id(), audit.get(1).id());
        assertEquals(AuditEntry.Phase.INTENT, audit.get(0).phase());
        assertEquals("CHG-21 min two", audit.get(0).reason());
        assertEquals("ok", audit.get(1).outcome());
        // The view checks again after the fix: the finding is gone.
        ui.await(30, () -> !showing(robot, "#finding-MIN_BELOW_TWO") && robot.lookup("#readinessStatus")
                .queryAs(Label.class).getText().startsWith("voice / agent: "));
    }

    @Test
    void aReadOnlyProfileShowsTheFixButCannotApplyItAndSendsNothing(FxRobot robot) throws Exception {
        open(robot, true);
        long before = registers();
        robot.clickOn(FxWait.visible(robot, "#readinessButton"));
        ui.await(30, () -> showing(robot, "#finding-MIN_BELOW_TWO"));
        Button apply = robot.lookup("#applyFix-MIN_BELOW_TWO").queryAs(Button.class);
        assertTrue(apply.isDisabled());
        assertTrue(robot.lookup("#applyWhy-MIN_BELOW_TWO").queryAs(Label.class).getText().startsWith("read-only profile: scaling"));
        robot.clickOn(reveal(robot, "#applyFix-MIN_BELOW_TWO"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!showing(robot, "#confirmButton"), "no confirmation");
        assertEquals(before, registers());
        assertEquals(1, minCapacity());
        assertTrue(everyAuditEntry().stream().noneMatch(e -> e.action().startsWith("scaling-fix")
                && e.profile().equals(name(true))));
    }

    @Test
    void theLabFromThePaletteComparesTwoPoliciesSideBySide(FxRobot robot) throws Exception {
        open(robot, false);
        robot.clickOn("#breadcrumb");
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        ui.await(() -> window.view().palette.isOpen());
        robot.write("Scaling lab");
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ENTER);
        ui.await(() -> window.view().scaling.labWindow().isPresent());
        robot.clickOn(FxWait.visible(robot, "#labCurrent"));
        robot.clickOn("#labCpu");
        ui.await(() -> !robot.lookup("#labCurrent").queryAs(CheckBox.class).isSelected()
                && robot.lookup("#labCpu").queryAs(CheckBox.class).isSelected());
        robot.clickOn("#labRun");
        ui.await(() -> robot.lookup("#labRun").queryAs(Button.class).isDisabled());
        @SuppressWarnings("unchecked")
        TableView<LabResult> table = robot.lookup("#labTable").queryAs(TableView.class);
        Label status0 = robot.lookup("#labStatus").queryAs(Label.class);
        ui.await(600, () -> {
            if (table.getItems().size() == 2) return true;
            if (!robot.lookup("#labRun").queryAs(Button.class).isDisabled()) throw new AssertionError(status0.getText());
            return false;
        });
        assertEquals(List.of("recommended", "cpu"), table.getItems().stream().map(LabResult::policy).toList());
        LabResult rec = table.getItems().get(0), cpu = table.getItems().get(1);
        assertEquals(0, rec.cut(), "recommended cuts no call");
        assertTrue(cpu.refusedShare() > rec.refusedShare() + 0.05, "CPU scales out too little: " + cpu.refusedShare());
        assertEquals(rec.offered(), cpu.offered(), "both met the same callers");
        String status = robot.lookup("#labStatus").queryAs(Label.class).getText();
        assertTrue(status.startsWith("crisis-surge: " + rec.offered() + " calls offered over 1440 min"), status);
        ui.await(() -> robot.lookup("#labCharts").queryAs(javafx.scene.layout.Pane.class).getChildren().size() == 2);
        for (Node n : robot.lookup("#labCharts").queryAs(javafx.scene.layout.Pane.class).getChildren()) {
            LineChart<?, ?> chart = (LineChart<?, ?>) n;
            assertEquals(List.of("sessions", "capacity (tasks × 4)", "bound capacity"),
                    chart.getData().stream().map(s -> s.getName()).toList());
            assertEquals(1440 / 5, chart.getData().get(0).getData().size());
        }
        BarChart<?, ?> cut = (BarChart<?, ?>) robot.lookup("#labBars").queryAs(javafx.scene.layout.Pane.class).getChildren().get(1);
        assertEquals("Calls cut", cut.getTitle());
        assertTrue(!robot.lookup("#labRun").queryAs(Button.class).isDisabled(), "Run again");
    }
}
