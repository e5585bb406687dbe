package io.drainboard.history;

import io.drainboard.stops.StopCause;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.drainboard.history.Fixtures.T0;
import static io.drainboard.history.Fixtures.running;
import static io.drainboard.history.Fixtures.snapshot;
import static io.drainboard.history.Fixtures.stopped;
import static io.drainboard.history.Fixtures.stopping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorder on hand-built snapshots: what a watched kill leaves in history. */
class RecordingTest {
    @TempDir
    Path dir;
    History history;

    @BeforeEach
    void open() {
        history = History.open(dir, Clock.fixed(T0, ZoneOffset.UTC), HistorySettings.DEFAULT.withBusyTimeout(Duration.ZERO));
    }

    @AfterEach
    void close() {
        history.close();
    }

    @Test
    void aWatchedKillNamesTheCallsOnTheTaskAtSigkill() throws Exception {
        Instant stoppingAt = T0.plusSeconds(3);
        record(0, List.of(running("a", T0, "r1", "r2"), running("b", T0, "r3")));
        record(5, List.of(stopping("a", T0.plusSeconds(5), stoppingAt, "r1", "r2"), running("b", T0.plusSeconds(5), "r3")));
        record(120, List.of(stopping("a", T0.plusSeconds(120), stoppingAt, "r2"), running("b", T0.plusSeconds(120), "r3")));
        // SIGKILL at stoppingAt + 120 s = T0+123; the next reading shows the task with its rooms gone.
        record(125, List.of(stopping("a", T0.plusSeconds(125), stoppingAt), running("b", T0.plusSeconds(125), "r3")));
        history.recorder().snapshot(snapshot(5, T0.plusSeconds(135), List.of(running("b", T0.plusSeconds(135), "r3")),
                List.of(stopped("a", T0.plusSeconds(135), stoppingAt, 137, "Scaling activity initiated by (deployment ecs-svc/2)",
                        "ecs-svc/1")), List.of()));
        assertTrue(history.flush(Duration.ofSeconds(10)));

        StopRecord s = history.stops(T0, T0.plusSeconds(600)).get(0);
        assertEquals(Fixtures.taskArn("a"), s.taskArn());
        assertEquals(StopCause.DEPLOYMENT, s.cause());
        assertEquals(1, s.callsCut());
        assertEquals("1", s.callsCutText());
        assertEquals(List.of("r2"), s.calls().rooms());
        assertEquals(T0.plusSeconds(123), s.killAt().orElseThrow());
        assertEquals(T0.plusSeconds(120), s.calls().seenAt().orElseThrow());
        assertFalse(s.backfilled());
        assertTrue(s.callsBasis().startsWith("livekit, 3 s before SIGKILL"), s.callsBasis());

        List<TimelineParts.Call> calls = history.calls(Fixtures.taskArn("a"));
        assertEquals(2, calls.size());
        assertFalse(calls.stream().filter(c -> c.room().equals("r1")).findFirst().orElseThrow().cut(), "r1 ended by itself");
        TimelineParts.Call r2 = calls.stream().filter(c -> c.room().equals("r2")).findFirst().orElseThrow();
        assertTrue(r2.cut());
        assertEquals(T0.plusSeconds(123), r2.endedAt().orElseThrow());
    }

    @Test
    void theServiceSeriesHoldsEachChangeOnce() throws Exception {
        record(0, List.of(running("a", T0, "r1"), running("b", T0)));
        record(5, List.of(running("a", T0.plusSeconds(5), "r1"), running("b", T0.plusSeconds(5))));
        record(10, List.of(running("a", T0.plusSeconds(10), "r1", "r2"), running("b", T0.plusSeconds(10), "r3")));
        assertTrue(history.flush(Duration.ofSeconds(10)));
        ServiceRef svc = history.service("voice-prod", "support-agent").orElseThrow();
        Timeline t = history.timeline(svc, T0, T0.plusSeconds(60));
        assertEquals(List.of(new SeriesPoint(T0, 1), new SeriesPoint(T0.plusSeconds(10), 3)), t.calls());
        assertEquals(List.of(new TimelineParts.Span(T0, T0.plusSeconds(10))), t.watched());
        assertEquals(List.of(new SeriesPoint(T0, 1), new SeriesPoint(T0.plusSeconds(10), 2)),
                history.taskSeries(Fixtures.taskArn("a"), T0, T0.plusSeconds(60)));
    }

    @Test
    void eventsAreWrittenOnceAndOlderOnesAreMarkedBackfilled() throws Exception {
        ServiceEvent old = new ServiceEvent("e1", T0.minusSeconds(600), "(service support-agent) has reached a steady state.");
        ServiceEvent fresh = new ServiceEvent("e2", T0.plusSeconds(3), "(service support-agent) has started 1 tasks: (task x).");
        history.recorder().snapshot(snapshot(1, T0, List.of(running("a", T0)), List.of(), List.of(old)));
        history.recorder().snapshot(snapshot(2, T0.plusSeconds(5), List.of(running("a", T0.plusSeconds(5))), List.of(),
                List.of(fresh, old)));
        assertTrue(history.flush(Duration.ofSeconds(10)));
        ServiceRef svc = history.service("voice-prod", "support-agent").orElseThrow();
        List<TimelineParts.Event> events = history.timeline(svc, T0.minusSeconds(3600), T0.plusSeconds(60)).events();
        assertEquals(2, events.size());
        assertTrue(events.get(0).backfilled(), "happened before the console watched");
        assertFalse(events.get(1).backfilled());
    }

    @Test
    void operatorActionsAndProtectionChangesReachTheTimeline() throws Exception {
        io.drainboard.audit.AuditEntry intent = new io.drainboard.audit.AuditEntry("x1", io.drainboard.audit.AuditEntry.Phase.INTENT,
                T0.plusSeconds(2), "oncall", "laptop", "test", "protect", List.of(Fixtures.taskArn("a")), "deploy coming",
                java.util.Map.of("minutes", "60"), null, List.of());
        io.drainboard.audit.AuditEntry result = new io.drainboard.audit.AuditEntry("x1", io.drainboard.audit.AuditEntry.Phase.RESULT,
                T0.plusSeconds(3), "oncall", "laptop", "test", "protect", List.of(Fixtures.taskArn("a")), "deploy coming",
                java.util.Map.of("minutes", "60"), "ok", List.of());
        history.auditFrom(() -> List.of(intent, result));
        record(0, List.of(running("a", T0, "r1")));
        io.drainboard.fleet.TaskSnapshot protectedA = running("a", T0.plusSeconds(5), "r1");
        protectedA = new io.drainboard.fleet.TaskSnapshot(protectedA.arn(), protectedA.id(), protectedA.clusterName(),
                protectedA.serviceName(), protectedA.taskDefinitionArn(), protectedA.family(), protectedA.revision(),
                protectedA.launchType(), protectedA.availabilityZone(), protectedA.lastStatus(), protectedA.desiredStatus(),
                protectedA.healthStatus(), protectedA.startedAt(), protectedA.stoppingAt(),
                io.drainboard.fleet.Protection.until(T0.plusSeconds(3605)), protectedA.calls(), protectedA.stopTimeout(),
                protectedA.containers(), protectedA.privateIp(), protectedA.startedBy(), protectedA.stoppedAt(),
                protectedA.stopCode(), protectedA.stoppedReason(), protectedA.kill(), protectedA.describedAt());
        record(5, List.of(protectedA));
        assertTrue(history.flush(Duration.ofSeconds(10)));
        ServiceRef svc = history.service("voice-prod", "support-agent").orElseThrow();
        Timeline t = history.timeline(svc, T0, T0.plusSeconds(60));
        assertEquals(1, t.actions().size());
        assertEquals("ok", t.actions().get(0).outcome(), "intent and result joined");
        assertEquals(List.of("OFF", "ON"), t.protection().stream().map(TimelineParts.ProtectionChange::state).toList());
        assertEquals(T0.plusSeconds(3605), t.protection().get(1).expiresAt().orElseThrow());
    }

    @Test
    void backfillStartsWhereTheLastSessionStopped() throws Exception {
        record(0, List.of(running("a", T0)));
        record(600, List.of(running("a", T0.plusSeconds(600))));
        assertTrue(history.flush(Duration.ofSeconds(10)));
        history.close();
        history = History.open(dir, Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC),
                HistorySettings.DEFAULT.withBusyTimeout(Duration.ZERO));
        record(3600, List.of(running("a", T0.plusSeconds(3600))));
        assertTrue(history.flush(Duration.ofSeconds(10)));
        assertEquals(T0.plusSeconds(600), history.lastLive(Fixtures.CLUSTER_ARN).orElseThrow(),
                "the gap is from the end of the previous session, not this one's first refresh");
        ServiceRef svc = history.service("voice-prod", "support-agent").orElseThrow();
        assertEquals(2, history.timeline(svc, T0, T0.plusSeconds(4000)).watched().size());
    }

    private void record(int second, List<io.drainboard.fleet.TaskSnapshot> tasks) {
        FleetSnapshot s = snapshot(second + 1, T0.plusSeconds(second), tasks, List.of(), List.of());
        history.recorder().snapshot(s);
    }
}
