package io.drainboard.history;

import io.drainboard.stops.StopCause;

import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console watches a native deploy (and a scale-in) live, refreshing every 5 s through the real SDK and
 * LiveKit clients: every stop that cut calls is named with the calls on it at the SIGKILL, exactly as the
 * simulator's ground truth counts them, and those calls are marked cut.
 */
class LiveRecordingTest {
    static final String SCENARIO = Path.of(System.getProperty("user.dir")).resolveSibling("simulator")
            .resolve("src/test/resources/scenarios/history-live-deploy.yaml").toString();
    @TempDir
    static Path dir;
    static HistoryRig rig;
    static Instant start;

    @BeforeAll
    static void watchTheDeploy() {
        rig = new HistoryRig(Simulator.start(Simulator.Options.virtual(SCENARIO)), dir);
        start = rig.sim.clock().instant();
        for (int i = 0; i < 12 * 12; i++) {
            rig.refresh();
            rig.sim.advance(Duration.ofSeconds(5));
        }
        rig.flush();
    }

    @AfterAll
    static void close() {
        rig.close();
    }

    @Test
    void namesEachStopThatCutCallsWithTheCallsTheSimulatorCut() throws Exception {
        Map<String, Long> truth = IncidentBackfillTest.cutPerTask(rig.sim);
        List<StopRecord> stops = rig.history.stops(start, rig.sim.clock().instant());
        List<StopRecord> cutting = stops.stream().filter(StopRecord::cutCalls).toList();
        assertTrue(truth.size() >= 4, "the deploy cuts calls: " + truth);
        assertEquals(truth.keySet(), cutting.stream().map(StopRecord::taskArn).collect(Collectors.toSet()));
        long reported = 0, real = 0;
        for (StopRecord s : cutting) {
            long t = truth.get(s.taskArn());
            assertFalse(s.backfilled(), "watched live");
            assertEquals("livekit", s.calls().source());
            assertTrue(s.callsCutAtLeast() <= t && t <= s.callsCut(), s.taskId() + ": truth " + t + ", " + s.callsCutText());
            assertEquals(s.calls().seen().getAsInt(), s.calls().rooms().size(), "the rooms that vanished at the kill");
            reported += s.callsCut();
            real += t;
        }
        System.out.printf("live: %d stops cut calls; calls cut: ground truth %d, reported %d%n", cutting.size(), real, reported);
        assertEquals(real, reported, "watched live, the count before the kill is the count cut");
    }

    @Test
    void tellsDeploymentFromScaleIn() throws Exception {
        List<StopRecord> stops = rig.history.stops(start, rig.sim.clock().instant());
        assertTrue(stops.stream().anyMatch(s -> s.serviceName().equals("support-agent") && s.cause() == StopCause.DEPLOYMENT));
        assertTrue(stops.stream().filter(s -> s.serviceName().equals("sales-agent")).allMatch(s -> s.cause() == StopCause.SCALE_IN),
                stops.toString());
        assertEquals(2, stops.stream().filter(s -> s.serviceName().equals("sales-agent")).count());
    }

    @Test
    void theCallsOfAKilledTaskAreMarkedCut() throws Exception {
        StopRecord killed = rig.history.stops(start, rig.sim.clock().instant()).stream().filter(StopRecord::cutCalls)
                .findFirst().orElseThrow();
        List<TimelineParts.Call> calls = rig.history.calls(killed.taskArn());
        assertEquals(killed.callsCut(), calls.stream().filter(TimelineParts.Call::cut).count());
        assertTrue(calls.stream().filter(TimelineParts.Call::cut).allMatch(c -> c.startedAt().isPresent()));
    }

    @Test
    void theTimelineHoldsTheLiveSeriesInsideWhatWasWatched() throws Exception {
        ServiceRef svc = rig.history.service("voice-prod", "support-agent").orElseThrow();
        Timeline t = rig.history.timeline(svc, start, rig.sim.clock().instant());
        assertEquals(1, t.watched().size());
        assertTrue(t.calls().size() > 10, "calls change during 12 minutes: " + t.calls().size());
        assertTrue(t.counts().size() >= 2, "running count moves during the deploy");
        assertTrue(t.deployments().stream().anyMatch(d -> d.revision().equals("support-agent:42")));
        assertTrue(t.events().stream().anyMatch(e -> !e.backfilled()), "events seen live are not backfilled");
    }
}
