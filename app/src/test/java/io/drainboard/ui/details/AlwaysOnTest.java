package io.drainboard.ui.details;

import io.drainboard.calls.ActiveCall;
import io.drainboard.drain.GuardLease;
import io.drainboard.drain.ProtectionHolder;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.Fleets;
import io.drainboard.ui.model.Readiness;
import io.drainboard.ui.tasks.Looks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What keeps calls safe with no console open, as the service pane and the task table show it. */
class AlwaysOnTest {
    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    private static final Readiness.CallLength VOICE = new Readiness.CallLength(Duration.ofMinutes(25),
            io.drainboard.drain.LognormalSurvival.ofMedianAndP99(240, 1500));
    private static final String TITLE = "1 busy task unprotected, and nothing always-on guards them";

    private static ServiceSnapshot withTags(ServiceSnapshot s, Map<String, String> tags) {
        return new ServiceSnapshot(s.clusterName(), s.name(), s.arn(), s.launchType(), s.desiredCount(), s.runningCount(),
                s.pendingCount(), s.taskDefinitionArn(), s.deployments(), s.tasks(), s.status(), s.events(), s.stopTimeout(),
                s.enableExecuteCommand(), s.deploymentConfig(), s.loadBalanced(), s.recentlyStopped(), s.error(), tags);
    }

    private static boolean warns(ServiceSnapshot s) {
        Map<String, List<Instant>> starts = new HashMap<>();
        s.tasks().forEach(t -> starts.put(t.arn(), t.calls().calls().stream().map(ActiveCall::startedAt).toList()));
        return Readiness.of(s, starts, true, VOICE, NOW).stream().anyMatch(w -> w.title().equals(TITLE));
    }

    @Test
    void busyUnprotectedTasksWithNothingAlwaysOnAreWarnedAbout() {
        TaskSnapshot busy = Fleets.running("prod", "agent", "t1", 41, NOW, Protection.OFF,
                Fleets.calls(Fleets.taskArn("prod", "t1"), NOW, Duration.ofMinutes(3)));
        ServiceSnapshot bare = Fleets.service("prod", "agent", 41, List.of(busy));
        assertTrue(warns(bare));
        assertFalse(warns(withTags(bare, Map.of(ProtectionHolder.SELF_PROTECT_TAG, "true"))), "the workers self-protect");
        GuardLease live = new GuardLease("guard-1", "ip-1", NOW.plusSeconds(40), NOW.minusSeconds(5), Duration.ofSeconds(1));
        assertFalse(warns(withTags(bare, Map.of(GuardLease.TAG, live.tagValue()))), "a live guard service leads it");
        GuardLease lapsed = new GuardLease("guard-1", "ip-1", NOW.minusSeconds(40), NOW.minusSeconds(100), Duration.ZERO);
        assertTrue(warns(withTags(bare, Map.of(GuardLease.TAG, lapsed.tagValue()))), "a lapsed lease guards nothing");
    }

    @Test
    void theServicePaneNamesTheGuardServiceWithItsHeartbeatAndLag() {
        ServiceSnapshot s = Fleets.service("prod", "agent", 41, List.of());
        assertEquals("workers do not self-protect · no guard service", ServicePane.alwaysOnLine(s, NOW));
        GuardLease live = new GuardLease("guard-7f3a", "ip-10-0-1-5", NOW.plusSeconds(40), NOW.minusSeconds(12),
                Duration.ofSeconds(2));
        assertEquals("workers self-protect · guard service guard-7f3a on ip-10-0-1-5, heartbeat 12 s ago, lag 2 s",
                ServicePane.alwaysOnLine(withTags(s, Map.of(GuardLease.TAG, live.tagValue(),
                        ProtectionHolder.SELF_PROTECT_TAG, "true")), NOW));
        assertEquals("guard service", Looks.holder(new ProtectionHolder(ProtectionHolder.Kind.GUARD_SERVICE, "x")).text());
        assertEquals("self", Looks.holder(new ProtectionHolder(ProtectionHolder.Kind.SELF, "x")).text());
    }
}
