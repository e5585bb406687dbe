package io.drainboard.ui;

import io.drainboard.ui.model.Activity;
import io.drainboard.ui.model.Readiness;

import io.drainboard.drain.DrainPhase;
import io.drainboard.ui.nav.Place;
import io.drainboard.ui.tasks.TaskRow;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A safe drain whose cordon cannot work: the demo with sales-agent (ECS Exec off) set to exec-signal. The window
 * says so before (readiness, the confirmation) and, when the drain fails anyway, loudly after (a danger line in
 * Activity that pops up, saying the task is still protected and what to do).
 */
class DrainFailureWindowTest extends DemoWindowTest {
    static Path dir;

    /** Hides {@link DemoWindowTest#openFleet}: the demo profile with sales-agent cordoned by exec-signal. */
    @BeforeAll
    static void openFleet() throws Exception {
        dir = Files.createTempDirectory("drain-failure");
        String demo = Files.readString(DemoFleet.PROFILE);
        assertTrue(demo.contains("    cordon: {method: none}\n"), "the demo's sales-agent cordon");
        Path p = Files.writeString(dir.resolve("demo.yaml"), demo.replace("    cordon: {method: none}\n",
                "    cordon: {method: exec-signal}\n"));
        fleet = new DemoFleet(p);
        fleet.refresh();
    }

    @Start
    void start(Stage stage) {
        attach(stage, url -> { });
    }

    @Test
    void aDrainThatCannotCordonIsToldBeforeAndFailsLoudly(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        ui.awaitSnapshot(fleet.refresh());
        robot.interact(() -> window.view().tree.go(Place.service("voice-prod", "sales-agent")));
        // Beforehand: the service's readiness says its cordon cannot work, and how to fix it.
        ui.await(() -> robot.lookup("#serviceWarnings .label").queryAll().stream().anyMatch(n -> n instanceof Label l
                && "Safe drain cannot cordon sales-agent: ECS Exec is off".equals(l.getText())));
        assertTrue(Readiness.serious(window.view().digestReadiness("voice-prod/sales-agent")) > 0);

        TaskRow row = ui.rows().stream().filter(r -> r.service.equals("sales-agent") && "RUNNING".equals(r.snapshot().lastStatus())
                && r.calls.get().known()).max(Comparator.comparingInt(r -> r.calls.get().count())).orElseThrow();
        robot.clickOn(ui.rowCell(row));
        robot.write("d");
        // The confirmation says it too, apart from the usual words and in red.
        Label warning = (Label) FxWait.visible(robot, "#confirmWarning");
        assertTrue(warning.getText().startsWith("⚠ CANNOT CORDON sales-agent: Its cordon is exec-signal, which needs ECS Exec"),
                warning.getText());
        robot.clickOn("#confirmReason").write("INC-77 try anyway");
        robot.clickOn("#confirmButton");
        ui.await(20, () -> window.view().activity.items().stream().anyMatch(a -> a.text().startsWith("Drain started: " + row.shortId())));

        // After: one danger line about the task, saying it is still protected and what to do; it pops up too
        // (looked for right after each refresh: a toast stays 8 s of wall time).
        boolean toasted = false;
        for (int i = 0; i < 20 && !(toasted && failedLine(row)); i++) {
            fleet.advance(Duration.ofSeconds(5));
            ui.awaitSnapshot(fleet.refresh());
            toasted |= window.view().toasts.node().lookupAll(".notification").stream().anyMatch(n ->
                    n instanceof atlantafx.base.controls.Notification t && t.getMessage().contains(row.shortId() + " (sales-agent) FAILED"));
        }
        assertTrue(fleet.console.actions().drains().stream().anyMatch(d -> d.taskArn().equals(row.arn) && d.phase() == DrainPhase.FAILED),
                "the drain failed: " + fleet.console.actions().drains());
        assertTrue(failedLine(row), "activity: " + window.view().activity.items());
        assertTrue(toasted, "the failure popped up");
        long lines = window.view().activity.items().stream().filter(a -> a.text().contains(row.shortId() + " (sales-agent) FAILED")).count();
        fleet.advance(Duration.ofSeconds(5));
        ui.awaitSnapshot(fleet.refresh());
        assertTrue(lines == window.view().activity.items().stream().filter(a -> a.text().contains(row.shortId()
                + " (sales-agent) FAILED")).count(), "told once");
    }

    private boolean failedLine(TaskRow row) {
        return window.view().activity.items().stream().anyMatch(a -> a.level() == Activity.Level.DANGER
                && a.taskArn().orElse("").equals(row.arn) && a.text().startsWith("Safe drain of task " + row.shortId()
                + " (sales-agent) FAILED: ") && a.text().contains("still protected until"));
    }

    /** The demo's own exec-signal service has ECS Exec on: its readiness has no cordon warning. */
    @Test
    void theDemosExecSignalServiceCanBeCordoned(FxRobot robot) throws Exception {
        ui = new WindowDriver(robot, window);
        ui.awaitSnapshot(fleet.refresh());
        List<Readiness.Warning> ws = window.view().digestReadiness("voice-prod/outbound-dialer");
        assertTrue(ws.stream().noneMatch(w -> w.title().startsWith("Safe drain cannot cordon")), ws.toString());
        // And a safe drain of one of its tasks gets past the cordon.
        TaskRow row = ui.rows().stream().filter(r -> r.service.equals("outbound-dialer") && "RUNNING".equals(r.snapshot().lastStatus()))
                .findFirst().orElseThrow();
        fleet.console.actions().drain(row.cluster, row.service, row.arn, "test: the demo's exec-signal service");
        java.util.Optional<io.drainboard.drain.DrainStatus> d = java.util.Optional.empty();
        for (int i = 0; i < 20 && d.flatMap(io.drainboard.drain.DrainStatus::cordonedAt).isEmpty(); i++) {
            fleet.advance(Duration.ofSeconds(5));
            fleet.refresh();
            d = fleet.console.actions().drains().stream().filter(x -> x.taskArn().equals(row.arn)).findFirst();
        }
        assertTrue(d.flatMap(io.drainboard.drain.DrainStatus::cordonedAt).isPresent() && d.get().phase() != DrainPhase.FAILED,
                d.toString());
    }
}
