package io.drainboard.fleet;

import io.drainboard.calls.CallsReading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetDiffTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private static TaskSnapshot task(String id, String status, int calls, Instant observedAt) {
        return new TaskSnapshot("arn:task/" + id, id, "c", "s", "arn:td/s:1", "s", 1, "FARGATE", "us-east-1a", status,
                "RUNNING", "HEALTHY", Optional.of(T), Optional.empty(), Protection.OFF,
                new TaskCalls.Known(calls, Optional.empty(), "livekit", observedAt, List.of()),
                new StopTimeout(30, "Fargate default"));
    }

    private static List<ClusterSnapshot> fleet(int desired, TaskSnapshot... tasks) {
        ServiceSnapshot s = new ServiceSnapshot("c", "s", "arn:svc/s", "FARGATE", desired, tasks.length, 0, "arn:td/s:1",
                List.of(), List.of(tasks));
        return List.of(new ClusterSnapshot("c", "arn:cluster/c", List.of(s), Optional.empty()));
    }

    @Test
    void theFirstSnapshotAddsEverything() {
        FleetSnapshot s = new FleetSnapshot(1, "p", "r", T, java.time.Duration.ZERO, fleet(2, task("a", "RUNNING", 0, T),
                task("b", "RUNNING", 1, T)), CallsStatus.failed("none", T, "no call source configured"), List.of());
        assertEquals(2, s.diff().addedTasks().size());
        assertEquals(1, s.diff().addedServices().size());
    }

    @Test
    void onlyRealChangesAreReportedNotNewReadTimes() {
        List<ClusterSnapshot> before = fleet(2, task("a", "RUNNING", 0, T), task("b", "RUNNING", 1, T));
        List<ClusterSnapshot> after = fleet(2, task("a", "RUNNING", 0, T.plusSeconds(3)), task("b", "RUNNING", 2, T.plusSeconds(3)));
        FleetDiff d = FleetDiff.between(1, before, 2, after);
        assertEquals(List.of("b"), d.changedTasks().stream().map(TaskSnapshot::id).toList());
        assertTrue(d.addedTasks().isEmpty() && d.removedTasks().isEmpty() && d.changedServices().isEmpty());
    }

    @Test
    void addedRemovedAndChangedTasksAndServices() {
        List<ClusterSnapshot> before = fleet(2, task("a", "RUNNING", 0, T), task("b", "RUNNING", 0, T));
        List<ClusterSnapshot> after = fleet(3, task("a", "DEACTIVATING", 0, T), task("c", "PENDING", 0, T));
        FleetDiff d = FleetDiff.between(1, before, 2, after);
        assertEquals(List.of("c"), d.addedTasks().stream().map(TaskSnapshot::id).toList());
        assertEquals(List.of("arn:task/b"), d.removedTasks());
        assertEquals(List.of("a"), d.changedTasks().stream().map(TaskSnapshot::id).toList());
        assertEquals(1, d.changedServices().size(), "desired count changed");
        assertTrue(FleetDiff.between(2, after, 3, after).isEmpty());
    }
}
