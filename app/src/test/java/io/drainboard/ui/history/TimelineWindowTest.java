package io.drainboard.ui.history;

import io.drainboard.calls.ActiveCall;
import io.drainboard.calls.CallsReading;
import io.drainboard.fleet.CallsStatus;
import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.ContainerSnapshot;
import io.drainboard.fleet.DeploymentConfig;
import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.FleetDiff;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.KillClock;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.StopTimeout;
import io.drainboard.fleet.TaskCalls;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.aws.RequestCounts;
import io.drainboard.history.History;
import io.drainboard.history.HistorySettings;
import io.drainboard.history.StopRecord;
import io.drainboard.ui.FxWait;
import io.drainboard.ui.common.Theme;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The incident window on a recorded kill: the marker stands out, clicking it shows the task and its calls. */
@ExtendWith(ApplicationExtension.class)
class TimelineWindowTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final String CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/voice-prod";
    static final String SERVICE = "arn:aws:ecs:us-east-1:123456789012:service/voice-prod/support-agent";

    @TempDir
    Path dir;
    History history;
    TimelineWindow window;

    @Start
    void start(Stage stage) {
        Theme.apply(Theme.Mode.DARK);
    }

    @AfterEach
    void close(FxRobot robot) {
        if (window != null) robot.interact(() -> window.stage().close());
        if (history != null) history.close();
    }

    @Test
    void clickingTheKillMarkerShowsTheTaskAndTheCallsItCut(FxRobot robot) throws Exception {
        history = History.open(dir, Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC),
                HistorySettings.DEFAULT.withBusyTimeout(Duration.ZERO));
        recordAKill(history);
        robot.interact(() -> {
            window = TimelineWindow.create(history, ZoneOffset.UTC);
            window.stage().show();
            window.start("voice-prod", "support-agent");
        });
        await(() -> window.stopsList().table().getItems().size() == 1
                && window.statusLabel().getText().startsWith("1 stops cut 1 calls"));
        StopRecord killed = window.stopsList().table().getItems().get(0);
        assertEquals("1", killed.callsCutText());
        assertTrue(window.statusLabel().getText().startsWith("1 stops cut 1 calls"), window.statusLabel().getText());

        FxWait.pulse(window.stage().getScene()); // the chart is laid out: the marker is where it will be drawn
        Point2D marker = window.chart().localToScreen(window.chart().markerPosition(killed));
        robot.clickOn(marker);
        await(() -> window.details().titleText().startsWith("✕ Cut 1 call — task a"));
        await(() -> robot.lookup("#stopCalls").queryListView().getItems().size() >= 2);
        List<String> calls = robot.lookup("#stopCalls").queryListView().getItems().stream().map(Object::toString).toList();
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("✕ r2") && c.contains("CUT at")), calls.toString());
        assertTrue(calls.stream().anyMatch(c -> c.contains("r1") && c.contains("ended")), calls.toString());

        robot.interact(() -> window.stopsList().lookup("#onlyCutting").getProperties());
        robot.clickOn("#onlyCutting");
        await(() -> window.stopsList().table().getItems().size() == 2);

        Path report = dir.resolve("out/report.html");
        robot.interact(() -> window.exportTo(report));
        await(() -> window.statusLabel().getText().startsWith("Report written to"));
        String html = Files.readString(report);
        assertTrue(html.contains("<svg") && html.contains("1 stop cut calls"), html.substring(0, 400));
    }

    /**
     * Ten tasks SIGKILLed in the same second, five seconds before the end of the range in view (the right edge):
     * every marker has a place of its own inside the chart, and a click on each shows its own task.
     */
    @Test
    void aBurstOfKillsAtTheRightEdgeKeepsEveryMarkerApartAndClickable(FxRobot robot) throws Exception {
        history = History.open(dir, Clock.fixed(T0.plusSeconds(200), ZoneOffset.UTC),
                HistorySettings.DEFAULT.withBusyTimeout(Duration.ZERO));
        List<String> ids = java.util.stream.IntStream.range(0, 10).mapToObj(i -> "k" + i).toList();
        Instant stoppingAt = T0.plusSeconds(60);
        List<List<TaskSnapshot>> steps = List.of(
                ids.stream().map(id -> run(id, T0, "r-" + id)).toList(),
                ids.stream().map(id -> stopping(id, T0.plusSeconds(65), stoppingAt, "r-" + id)).toList(),
                ids.stream().map(id -> stopping(id, T0.plusSeconds(175), stoppingAt, "r-" + id)).toList(),
                ids.stream().map(id -> stopping(id, T0.plusSeconds(185), stoppingAt)).toList(),
                ids.stream().map(id -> stopped(id, T0.plusSeconds(195), stoppingAt, 137)).toList());
        List<Instant> at = List.of(T0, T0.plusSeconds(65), T0.plusSeconds(175), T0.plusSeconds(185), T0.plusSeconds(195));
        for (int i = 0; i < steps.size(); i++) history.recorder().snapshot(snap(i + 1, at.get(i), steps.get(i)));
        assertTrue(history.flush(Duration.ofSeconds(10)));
        robot.interact(() -> {
            window = TimelineWindow.create(history, ZoneOffset.UTC);
            window.stage().show();
            window.start("voice-prod", "support-agent");
        });
        try {
            await(() -> window.stopsList().table().getItems().size() == 10);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(window.stopsList().table().getItems().size() + " stops listed; " + window.statusLabel().getText(), e);
        }
        FxWait.pulse(window.stage().getScene());
        List<StopRecord> stops = List.copyOf(window.stopsList().table().getItems());
        double width = window.chart().getWidth(), height = window.chart().getHeight();
        java.util.Map<String, String> places = new java.util.HashMap<>();
        for (StopRecord s : stops) {
            Point2D p = window.chart().markerPosition(s);
            String place = Math.round(p.getX()) + "," + Math.round(p.getY());
            String other = places.put(place, s.taskArn());
            assertTrue(other == null, s.taskArn() + " and " + other + " share the marker place " + place);
            assertTrue(p.getX() > 0 && p.getX() < width && p.getY() > 0 && p.getY() < height,
                    s.taskArn() + "'s marker at " + p + " in a chart " + width + "×" + height);
        }
        // Clicked every fifth one apart: two quick clicks 19 px apart are a double-click, which resets the zoom.
        List<StopRecord> byHeight = stops.stream().sorted(java.util.Comparator.comparingDouble(x -> window.chart().markerPosition(x).getY())).toList();
        List<StopRecord> apart = java.util.stream.IntStream.range(0, 10).mapToObj(i -> byHeight.get(i % 2 == 0 ? i / 2 : 5 + i / 2)).toList();
        for (StopRecord s : apart) {
            String id = s.taskArn().substring(s.taskArn().lastIndexOf('/') + 1);
            Point2D onScreen = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> window.chart().localToScreen(window.chart()
                    .markerPosition(s))).get();
            robot.clickOn(onScreen);
            try {
                await(() -> window.details().titleText().contains("task " + id));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("clicked " + id + "'s marker at " + onScreen + ", details: " + window.details().titleText()
                        + "; markers " + stops.stream().map(x -> x.taskArn().substring(x.taskArn().lastIndexOf('/') + 1) + "@"
                        + window.chart().markerPosition(x) + (x.cutCalls() ? "" : " clean")).toList(), e);
            }
        }
    }

    @Test
    void historyOffSaysWhyAndTheWindowStillOpens(FxRobot robot) throws Exception {
        Files.writeString(dir.resolve(History.FILE_NAME), "not a database");
        history = History.open(dir, Clock.fixed(T0, ZoneOffset.UTC), HistorySettings.DEFAULT.withBusyTimeout(Duration.ZERO));
        robot.interact(() -> {
            window = TimelineWindow.create(history, ZoneOffset.UTC);
            window.stage().show();
            window.start("voice-prod", "support-agent");
        });
        await(() -> window.statusLabel().getText().contains("damaged or not a history database"));
        assertTrue(window.stage().isShowing());
    }

    private static void await(Callable<Boolean> c) throws Exception {
        FxWait.until(c);
    }

    /** Task a is SIGKILLed with r2 on it (r1 ended first); task c drains cleanly. */
    static void recordAKill(History h) {
        Instant stoppingAt = T0.plusSeconds(60);
        h.recorder().snapshot(snap(1, T0, List.of(run("a", T0, "r1", "r2"), run("c", T0))));
        h.recorder().snapshot(snap(2, T0.plusSeconds(65), List.of(stopping("a", T0.plusSeconds(65), stoppingAt, "r1", "r2"),
                stopping("c", T0.plusSeconds(65), stoppingAt))));
        h.recorder().snapshot(snap(3, T0.plusSeconds(175), List.of(stopping("a", T0.plusSeconds(175), stoppingAt, "r2"))));
        h.recorder().snapshot(snap(4, T0.plusSeconds(185), List.of(stopping("a", T0.plusSeconds(185), stoppingAt))));
        h.recorder().snapshot(snap(5, T0.plusSeconds(195), List.of(stopped("a", T0.plusSeconds(195), stoppingAt, 137),
                stopped("c", T0.plusSeconds(195), stoppingAt, 0))));
        assertTrue(h.flush(Duration.ofSeconds(10)));
    }

    static String arn(String id) {
        return "arn:aws:ecs:us-east-1:123456789012:task/voice-prod/" + id;
    }

    static TaskSnapshot run(String id, Instant at, String... rooms) {
        return task(id, "RUNNING", "RUNNING", at, rooms, Optional.empty(), Optional.empty(), List.of());
    }

    static TaskSnapshot stopping(String id, Instant at, Instant stoppingAt, String... rooms) {
        KillClock k = new KillClock(stoppingAt, Optional.of(stoppingAt), stoppingAt.plusSeconds(120), stoppingAt.plusSeconds(120), "");
        return task(id, "STOPPING", "STOPPED", at, rooms, Optional.of(k), Optional.of(stoppingAt), List.of());
    }

    static TaskSnapshot stopped(String id, Instant at, Instant stoppingAt, int exit) {
        return task(id, "STOPPED", "STOPPED", at, new String[0], Optional.empty(), Optional.of(stoppingAt),
                List.of(new ContainerSnapshot("agent", "img", "STOPPED", Optional.of(exit), Optional.empty(), "UNKNOWN")));
    }

    private static TaskSnapshot task(String id, String last, String desired, Instant at, String[] rooms,
                                     Optional<KillClock> kill, Optional<Instant> stoppingAt, List<ContainerSnapshot> containers) {
        List<ActiveCall> calls = new ArrayList<>();
        for (String r : rooms) calls.add(new ActiveCall(r, arn(id), T0.minusSeconds(120)));
        boolean stopped = last.equals("STOPPED");
        return new TaskSnapshot(arn(id), id, "voice-prod", "support-agent",
                "arn:aws:ecs:us-east-1:123456789012:task-definition/support-agent:41", "support-agent", 41, "FARGATE",
                "us-east-1a", last, desired, "HEALTHY", Optional.of(T0.minusSeconds(3600)), stoppingAt, Protection.OFF,
                new TaskCalls.Known(calls.size(), Optional.empty(), "livekit", at, calls),
                new StopTimeout(120, "container 120 s"), containers, Optional.empty(), Optional.of("ecs-svc/1"),
                stopped ? Optional.of(at) : Optional.empty(), stopped ? Optional.of("ServiceSchedulerInitiated") : Optional.empty(),
                stopped ? Optional.of("Scaling activity initiated by (deployment ecs-svc/2)") : Optional.empty(), kill, at);
    }

    static FleetSnapshot snap(long seq, Instant at, List<TaskSnapshot> tasks) {
        List<TaskSnapshot> live = tasks.stream().filter(t -> !t.lastStatus().equals("STOPPED")).toList();
        List<TaskSnapshot> gone = tasks.stream().filter(t -> t.lastStatus().equals("STOPPED")).toList();
        ServiceSnapshot s = new ServiceSnapshot("voice-prod", "support-agent", SERVICE, "FARGATE", 2, live.size(), 0,
                "arn:aws:ecs:us-east-1:123456789012:task-definition/support-agent:42",
                List.of(new DeploymentSnapshot("ecs-svc/2", "PRIMARY", "arn:aws:ecs:us-east-1:123456789012:task-definition/support-agent:42",
                        2, 0, 2, "IN_PROGRESS", T0.plusSeconds(30))),
                live, "ACTIVE", List.of(), Optional.empty(), true, DeploymentConfig.ECS_DEFAULT, false, gone, Optional.empty());
        ClusterSnapshot c = new ClusterSnapshot("voice-prod", CLUSTER, List.of(s), Optional.empty(), "test", "us-east-1", at);
        return new FleetSnapshot(seq, "test", "us-east-1", at, Duration.ofMillis(50), List.of(c),
                CallsStatus.ok("livekit", at), List.of(), FleetDiff.between(0, List.of(), seq, List.of(c)),
                RequestCounts.NONE, List.of());
    }
}
