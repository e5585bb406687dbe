package io.drainboard.ui;

import io.drainboard.fleet.InstanceSnapshot;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The instances view on the demo fleet, driven through the real window: `i` shows the cluster's EC2
 * container instances with the calls on each (checked against the simulator's ground truth), the
 * scale-in protection toggle goes through a confirmation and the audited engine to EC2 Auto Scaling, and
 * the EC2 services' clocks are shown with their verdicts in words.
 */
class InstancesViewTest extends DemoWindowTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        attach(stage, url -> { });
        stage.sizeToScene(); // shared between tests: one makes it 1280×800
    }

    /** The demo's window, switched to the instances view ("i" on the task table), its 4 instances listed. */
    private TableView<InstanceSnapshot> openInstances(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        ui.await(() -> ui.rows().size() == 29);
        robot.clickOn("#taskTable");
        robot.write("i");
        ui.await(() -> robot.lookup("#instancesView").query().isVisible());
        TableView<InstanceSnapshot> t = instances(robot);
        ui.await(() -> t.getItems().size() == 4);
        return t;
    }

    /** No column title and no cell of the instances table is cut to "…", nor beyond its right edge, at 1440×900 and 1280×800. */
    @Test
    void noTitleNorCellIsCut(FxRobot robot) throws Exception {
        TableView<InstanceSnapshot> t = openInstances(robot);
        awaitUncut(t, "at 1440×900");
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        ui.await(() -> Math.abs(window.view().root().getScene().getWidth() - 1280) < 0.5);
        ui.awaitSnapshot(fleet.refresh());
        awaitUncut(t, "at 1280×800");
    }

    /** Waits for the columns' fit after a refresh or a resize (a later pulse), then says what is still cut. */
    private void awaitUncut(TableView<InstanceSnapshot> t, String where) throws Exception {
        try {
            ui.await(() -> cut(t).isEmpty());
        } catch (java.util.concurrent.TimeoutException e) {
            assertEquals(List.of(), cut(t), where);
        }
    }

    /**
     * Every label, cell or button in the table drawn shorter than its text, and columns wider together than the
     * table (a sideways scroll).
     */
    private static List<String> cut(TableView<InstanceSnapshot> t) throws Exception {
        FxWait.pulse(t.getScene());
        return org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new java.util.ArrayList<>();
            int seen = 0;
            for (String kind : List.of(".label", ".table-cell", ".button")) { // one selector each: lookupAll takes no list
                for (Node n : t.lookupAll(kind)) {
                    if (!(n instanceof javafx.scene.control.Labeled l) || !l.isVisible() || l.getText() == null || l.getText().isEmpty()) continue;
                    seen++;
                    Node text = l.lookup(".text");
                    if (text instanceof javafx.scene.text.Text shown && !shown.getText().equals(l.getText())) {
                        out.add(shown.getText() + " / " + l.getText());
                    }
                }
            }
            if (seen < 20) out.add("only " + seen + " labels to check");
            double used = t.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getWidth).sum();
            double room = t.getWidth() - t.snappedLeftInset() - t.snappedRightInset();
            if (used > room + 0.5) out.add("columns " + used + " px in a table " + room + " px wide: it scrolls sideways: "
                    + t.getVisibleLeafColumns().stream().map(c -> c.getText() + " " + c.getWidth()).toList());
            return out;
        }).get();
    }

    @SuppressWarnings("unchecked")
    private TableView<InstanceSnapshot> instances(FxRobot robot) {
        return robot.lookup("#instanceTable").queryAs(TableView.class);
    }

    private String cell(TableView<InstanceSnapshot> t, String column, InstanceSnapshot row) {
        TableColumn<InstanceSnapshot, ?> c = t.getColumns().stream().filter(x -> column.equals(x.getId())).findFirst().orElseThrow();
        return String.valueOf(c.getCellData(row));
    }

    @Test
    void showsCallsPerInstanceAndTogglesProtectionThroughAConfirmation(FxRobot robot) throws Exception {
        TableView<InstanceSnapshot> t = openInstances(robot);
        ui.await(() -> !robot.lookup("#taskTable").query().isVisible()); // the instances view replaces the task table

        Map<String, Integer> truth = fleet.sim.model().read(m -> m.cluster("voice-prod").orElseThrow().instances().values()
                .stream().collect(Collectors.toMap(ci -> ci.ec2InstanceId(),
                        ci -> m.tasksOn(ci).stream().mapToInt(x -> x.calls().size()).sum())));
        int total = 0;
        for (InstanceSnapshot i : t.getItems()) {
            assertEquals(String.valueOf(truth.get(i.ec2InstanceId())), cell(t, "col-calls", i), i.ec2InstanceId());
            assertEquals("voice-prod-asg", cell(t, "col-asg", i));
            assertTrue(cell(t, "col-status", i).startsWith("ACTIVE"));
            assertEquals("connected", cell(t, "col-agent", i));
            total += truth.get(i.ec2InstanceId());
        }
        assertTrue(total > 0, "the demo's EC2 service has calls on its instances");
        int calls = total;
        ui.await(() -> robot.lookup("#instancesTitle").queryAs(Label.class).getText().contains(calls + " call"));

        InstanceSnapshot busy = t.getItems().stream().filter(i -> i.calls() > 0).findFirst().orElseThrow();
        String id = busy.ec2InstanceId();
        Button toggle = FxWait.node(() -> robot.lookup("#protectToggle-" + id).tryQueryAs(Button.class)); // a cell: laid out later
        ui.await(() -> "Protect…".equals(toggle.getText()));
        robot.clickOn(toggle);
        ui.await(() -> robot.lookup("#confirmButton").tryQuery().isPresent());
        robot.clickOn("#confirmReason").write("INC-42");
        robot.clickOn("#confirmButton");
        ui.await(10, () -> fleet.sim.model().<Boolean>read(m -> m.containerInstanceByEc2Id(id).orElseThrow().protectedFromScaleIn()));
        ui.awaitSnapshot(fleet.refresh());
        ui.await(() -> robot.lookup("#protectToggle-" + id).queryAs(Button.class).getText().equals("Release…"));
        Node state = robot.lookup("#protectToggle-" + id).queryAs(Button.class).getParent().getChildrenUnmodifiable().get(0);
        assertTrue(((Label) state).getText().contains("protected") && !((Label) state).getText().contains("not"),
                "the state is said in words: " + ((Label) state).getText());
        assertTrue(fleet.console.actions().audit().recent(20).stream()
                .anyMatch(e -> e.action().equals("instance-protect") && e.targets().equals(List.of(id))
                        && e.reason().equals("INC-42")), "audited with the operator's reason");

        // Drain it: confirmed, then its progress and reason under the table, its phase in the Status column.
        robot.clickOn(FxWait.node(() -> robot.lookup("#instanceTable .table-row-cell").match((javafx.scene.control.TableRow<?> r) ->
                r.getItem() instanceof InstanceSnapshot i && i.ec2InstanceId().equals(id)).tryQueryAs(Node.class)));
        robot.clickOn("#drainInstance");
        ui.await(() -> robot.lookup("#confirmButton").tryQuery().isPresent());
        robot.clickOn("#confirmReason").write("INC-42");
        robot.clickOn("#confirmButton");
        ui.await(10, () -> fleet.console.capacity().drainStatus(busy.arn()).isPresent());
        assertTrue(fleet.console.actions().audit().recent(20).stream()
                .anyMatch(e -> e.action().equals("instance-drain") && e.reason().equals("INC-42")), "the drain request is audited");
        ui.awaitSnapshot(fleet.refresh());
        Label drainLine = FxWait.node(() -> robot.lookup("#instanceDrainLine").tryQueryAs(Label.class));
        ui.await(() -> drainLine.isVisible() && drainLine.getText().startsWith("Drain of " + id + ": draining tasks"));
        InstanceSnapshot shown = t.getItems().stream().filter(i -> i.ec2InstanceId().equals(id)).findFirst().orElseThrow();
        assertTrue(cell(t, "col-status", shown).contains("drain draining tasks"), cell(t, "col-status", shown));

        VBox clocks = FxWait.node(() -> robot.lookup("#instanceClocks").tryQueryAs(VBox.class));
        ui.await(() -> clocks.lookupAll(".label").stream().anyMatch(n -> ((Label) n).getText().contains("Clocks of outbound-dialer")));
        String text = clocks.lookupAll(".label").stream().map(n -> ((Label) n).getText()).collect(Collectors.joining("\n"));
        assertTrue(text.contains("Clocks of outbound-dialer"), text);
        assertTrue(text.contains("stopTimeout: 15 min"), text);
        assertTrue(text.contains("Termination hook of voice-prod-asg: none") && text.contains("SHORT"), text);

        robot.write("i");
        ui.await(() -> robot.lookup("#taskTable").query().isVisible());

        // The same clocks in the service pane of the EC2 service.
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.K)
                .release(javafx.scene.input.KeyCode.K, javafx.scene.input.KeyCode.CONTROL);
        ui.await(() -> robot.lookup("#palette").tryQuery().map(Node::isVisible).orElse(false));
        robot.write("outbound-dialer");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        ui.await(() -> robot.lookup("#servicePane .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> "Clock: Termination hook of voice-prod-asg".equals(l.getText())));
    }
}
