package io.drainboard.ui.model;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.Fleets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivityFeedTest {
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");

    private static TaskSnapshot idle(String id) {
        return Fleets.running("prod", "support-agent", id, 41, T0, Protection.OFF, List.of());
    }

    @Test
    void theFirstSnapshotSaysWhatWasFound() {
        FleetSnapshot s = Fleets.snapshot(1, T0, null, List.of(Fleets.service("prod", "support-agent", 41, List.of(idle("a"), idle("b")))));
        List<Activity> a = ActivityFeed.between(null, s);
        assertEquals(1, a.size());
        assertTrue(a.get(0).text().startsWith("Connected to bench (us-east-1): 1 cluster, 1 service, 2 tasks, 0 live calls"), a.get(0).text());
    }

    @Test
    void aTaskBeingStoppedWithCallsIsLoudAndNamesItsTask() {
        FleetSnapshot s1 = Fleets.snapshot(1, T0, null, List.of(Fleets.service("prod", "support-agent", 41, List.of(idle("a"), idle("b")))));
        TaskSnapshot dying = Fleets.sigtermed("prod", "support-agent", "b", 41, T0, Duration.ofSeconds(5),
                Fleets.calls(Fleets.taskArn("prod", "b"), T0, Duration.ofMinutes(4), Duration.ofMinutes(9)));
        FleetSnapshot s2 = Fleets.snapshot(2, T0.plusSeconds(3), s1, List.of(Fleets.service("prod", "support-agent", 41, List.of(idle("a"), dying))));
        List<Activity> a = ActivityFeed.between(s1, s2);
        assertEquals(1, a.size(), a.toString());
        assertEquals(Activity.Level.DANGER, a.get(0).level());
        assertTrue(a.get(0).text().contains("ECS is stopping task b in prod/support-agent with 2 live calls"), a.get(0).text());
        assertEquals(Fleets.taskArn("prod", "b"), a.get(0).taskArn().orElseThrow());
    }

    @Test
    void manyTasksStartingMakeOneLine() {
        FleetSnapshot s1 = Fleets.snapshot(1, T0, null, List.of(Fleets.service("prod", "support-agent", 41, List.of(idle("a")))));
        List<TaskSnapshot> more = new ArrayList<>(List.of(idle("a")));
        for (int i = 0; i < 12; i++) more.add(idle("n" + i));
        FleetSnapshot s2 = Fleets.snapshot(2, T0.plusSeconds(3), s1, List.of(Fleets.service("prod", "support-agent", 41, more)));
        List<Activity> a = ActivityFeed.between(s1, s2);
        assertEquals(List.of("12 tasks started in prod/support-agent"), a.stream().map(Activity::text).toList());
    }
}
