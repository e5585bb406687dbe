package io.drainboard.history;

import io.drainboard.sim.Simulator;
import io.drainboard.ui.common.Theme;
import io.drainboard.ui.history.TimelineWindow;
import javafx.application.Platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Photographs the incident window on the bundled {@code incident} scenario (backfilled, then 10 minutes watched
 * live) under Xvfb, for docs/history.md:
 * {@code Xvfb :98 & DISPLAY=:98 java -cp … io.drainboard.history.IncidentShot docs/screenshot-history.png}.
 */
public final class IncidentShot {
    public static void main(String[] args) throws Exception {
        io.drainboard.BenchData.isolate();
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshot-history.png");
        Path data = Files.createTempDirectory("drainboard-shot");
        HistoryRig rig = new HistoryRig(Simulator.start(Simulator.Options.virtual("incident")), data);
        rig.refresh();
        rig.backfill().run(List.of());
        for (int i = 0; i < 120; i++) {
            rig.sim.advance(Duration.ofSeconds(5));
            rig.refresh();
        }
        rig.flush();
        if (args.length > 1) { // and the report of the same history, for a look at its SVG
            java.time.Instant now = rig.sim.clock().instant();
            IncidentReport.write(Path.of(args[1]), IncidentReport.html(IncidentReport.collect(rig.history,
                    now.minus(Duration.ofMinutes(150)), now, java.util.Optional.empty(), "Incident: support-agent deploy",
                    java.time.ZoneOffset.UTC, "IncidentShot")));
        }
        Platform.startup(() -> { });
        CompletableFuture<TimelineWindow> w = new CompletableFuture<>();
        Platform.runLater(() -> {
            Theme.apply(Theme.Mode.DARK);
            TimelineWindow tw = TimelineWindow.open(rig.history, "voice-prod", "support-agent");
            tw.stage().setX(0);
            tw.stage().setY(0);
            w.complete(tw);
        });
        TimelineWindow window = w.get();
        loaded(window); // a screenshot tool, not a test: on a busy machine the first query takes seconds
        StopRecord first = rig.history.stops(rig.sim.clock().instant().minus(Duration.ofHours(3)), rig.sim.clock().instant())
                .stream().filter(StopRecord::cutCalls).findFirst().orElseThrow();
        Platform.runLater(() -> window.stage().toFront());
        Thread.sleep(300);
        Platform.runLater(() -> window.select(first)); // the details pane shows a backfilled stop
        Thread.sleep(1200);
        loaded(window);
        Thread.sleep(500);
        new ProcessBuilder("/usr/bin/import", "-window", "root", "-crop", "1280x820+0+0", out.toString()).inheritIO()
                .start().waitFor();
        System.out.println("wrote " + out + " (first cutting stop " + first.taskId() + ")");
        rig.close();
        Platform.exit();
        System.exit(0);
    }

    /** Waits (up to a minute) until no label of the window says "Loading…". */
    private static void loaded(TimelineWindow window) throws Exception {
        for (int i = 0; i < 300; i++) {
            CompletableFuture<Boolean> busy = new CompletableFuture<>();
            Platform.runLater(() -> busy.complete(window.stage().getScene().getRoot().lookupAll(".label").stream()
                    .anyMatch(n -> ((javafx.scene.control.Label) n).getText() != null
                            && ((javafx.scene.control.Label) n).getText().startsWith("Loading"))));
            if (!busy.get()) break;
            Thread.sleep(200);
        }
        Thread.sleep(1000); // and a pulse or two to paint it
    }
}
