package io.drainboard.history;

import io.drainboard.stops.StopCause;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.CallCounts;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled {@code incident} scenario: an hour before the console opens, a native rolling deploy on
 * Fargate SIGKILLed busy tasks. The console did not watch it; backfill (ECS stopped tasks + the per-task
 * CloudWatch series) must name exactly the stops that cut calls, each with a count whose bounds hold the
 * simulator's ground truth.
 */
class IncidentBackfillTest {
    @TempDir
    static Path dir;
    static HistoryRig rig;
    static Backfill.Result result;
    static Map<String, Long> truth;

    @BeforeAll
    static void openTheConsoleAnHourAfterTheDeploy() throws Exception {
        rig = new HistoryRig(Simulator.start(Simulator.Options.virtual("incident")), dir);
        truth = cutPerTask(rig.sim);
        rig.refresh();                 // the first refresh sees the stopped tasks, not their calls
        result = rig.backfill().run(List.of());
        rig.flush();
    }

    @AfterAll
    static void close() {
        rig.close();
    }

    @Test
    void namesExactlyTheStopsThatCutCalls() throws Exception {
        Instant now = rig.sim.clock().instant();
        List<StopRecord> cutting = rig.history.stops(now.minus(Duration.ofHours(3)), now).stream()
                .filter(StopRecord::cutCalls).toList();
        assertTrue(truth.size() >= 5, "the scenario cuts calls on several tasks: " + truth);
        assertEquals(truth.keySet(), cutting.stream().map(StopRecord::taskArn).collect(Collectors.toSet()));
        for (StopRecord s : cutting) {
            assertEquals("support-agent", s.serviceName());
            assertEquals(StopCause.DEPLOYMENT, s.cause(), s.toString());
            assertEquals(137, s.exitCode().orElseThrow());
            assertTrue(s.backfilled());
            assertTrue(s.calls().source().contains("CloudWatch"), s.calls().source());
        }
        assertTrue(result.problems().isEmpty(), result.problems().toString());
    }

    @Test
    void eachCountBracketsTheGroundTruth() throws Exception {
        Instant now = rig.sim.clock().instant();
        long reported = 0, atLeast = 0, real = 0;
        for (StopRecord s : rig.history.stops(now.minus(Duration.ofHours(3)), now)) {
            long t = truth.getOrDefault(s.taskArn(), 0L);
            assertTrue(s.callsCutAtLeast() <= t && t <= s.callsCut(),
                    s.taskId() + ": truth " + t + " outside " + s.callsCutText() + " (" + s.callsBasis() + ")");
            reported += s.callsCut();
            atLeast += s.callsCutAtLeast();
            real += t;
        }
        System.out.printf("incident backfill: %d stops cut calls; calls cut: ground truth %d, reported %d (at least %d)%n",
                truth.size(), real, reported, atLeast);
    }

    @Test
    void theTimelineShowsTheDeployAndTheBackfilledCalls() throws Exception {
        Instant now = rig.sim.clock().instant();
        ServiceRef svc = rig.history.service("voice-prod", "support-agent").orElseThrow();
        Timeline t = rig.history.timeline(svc, now.minus(Duration.ofHours(2)), now);
        assertTrue(t.deployments().stream().anyMatch(d -> d.revision().equals("support-agent:42")), t.deployments().toString());
        assertTrue(t.backfilledCalls().size() > 60, "a point a minute over the gap: " + t.backfilledCalls().size());
        assertTrue(t.events().stream().anyMatch(e -> e.message().contains("has stopped") || e.message().contains("draining")));
        assertEquals(truth.size(), t.stopsThatCutCalls().size());
    }

    @Test
    void theReportIsOneSelfContainedFileNamingEachCut(@TempDir Path out) throws Exception {
        Instant now = rig.sim.clock().instant();
        IncidentReport.Input in = IncidentReport.collect(rig.history, now.minus(Duration.ofHours(2)), now,
                java.util.Optional.empty(), "support-agent deploy cut calls", java.time.ZoneOffset.UTC, "test");
        Path file = IncidentReport.write(out.resolve("incident.html"), IncidentReport.html(in));
        String html = java.nio.file.Files.readString(file);
        assertTrue(html.contains("<svg"), "the chart is inline SVG");
        assertTrue(html.contains(truth.size() + " stops cut calls"), "the summary names the stops");
        for (String arn : truth.keySet()) assertTrue(html.contains(arn.substring(arn.lastIndexOf('/') + 1)), arn);
        String withoutSvgNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        for (String external : List.of("<script", "src=", "href=", "http://", "https://", "@import", "url(http")) {
            assertTrue(!withoutSvgNamespace.contains(external), "nothing fetched from elsewhere: " + external);
        }
    }

    /** Ground truth: calls cut per task ARN (the scenario keeps the warm-up's counts). */
    static Map<String, Long> cutPerTask(Simulator sim) {
        return sim.model().read(m -> {
            Map<String, Long> out = new HashMap<>();
            for (ClusterState c : m.clusters()) {
                for (ServiceState s : c.services().values()) {
                    for (TaskState t : s.taskView()) {
                        CallCounts cc = m.callCounts(t);
                        if (cc.cut() > 0) out.put(t.arn(), cc.cut());
                    }
                }
            }
            return out;
        });
    }
}
