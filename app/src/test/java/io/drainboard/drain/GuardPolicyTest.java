package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.drainboard.drain.Fixtures.NOW;
import static io.drainboard.drain.Fixtures.service;
import static io.drainboard.drain.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuardPolicyTest {
    private final GuardPolicy guard = new GuardPolicy(GuardPolicy.Settings.DEFAULT);

    private static String arn(String id) {
        return "arn:aws:ecs:us-east-1:1:task/c/" + id;
    }

    @Test
    void aBusyUnprotectedTaskIsProtected() {
        var d = guard.decide(service(task("busy", 3, Protection.OFF)), Map.of(), NOW);
        assertEquals(List.of(arn("busy")), d.protect());
        assertTrue(d.release().isEmpty());
    }

    @Test
    void aLeaseRunningLowIsRenewedButAFreshOneIsLeftAlone() {
        var d = guard.decide(service(
                task("low", 2, Protection.until(NOW.plus(Duration.ofMinutes(5)))),
                task("fresh", 2, Protection.until(NOW.plus(Duration.ofMinutes(50))))), Map.of(), NOW);
        assertEquals(List.of(arn("low")), d.protect());
    }

    @Test
    void anIdleTaskIsReleasedOnlyAfterTheHysteresis() {
        var svc = service(task("idle", 0, Protection.until(NOW.plus(Duration.ofMinutes(40)))));
        var first = guard.decide(svc, Map.of(), NOW);
        assertTrue(first.release().isEmpty(), "just went idle: wait");
        var later = guard.decide(svc, first.idleSince(), NOW.plus(Duration.ofMinutes(2)));
        assertEquals(List.of(arn("idle")), later.release());
    }

    @Test
    void aCallInBetweenResetsTheIdleClock() {
        var idle = service(task("t", 0, Protection.until(NOW.plus(Duration.ofMinutes(40)))));
        var busy = service(task("t", 1, Protection.until(NOW.plus(Duration.ofMinutes(40)))));
        var d1 = guard.decide(idle, Map.of(), NOW);
        var d2 = guard.decide(busy, d1.idleSince(), NOW.plusSeconds(60));
        var d3 = guard.decide(idle, d2.idleSince(), NOW.plusSeconds(150));
        assertTrue(d3.release().isEmpty(), "idle for 0 s again after the call");
    }

    @Test
    void unknownCallsNeverReleaseAndOnlyRenew() {
        var d = guard.decide(service(
                task("blind", -1, Protection.until(NOW.plus(Duration.ofMinutes(3)))),
                task("blind2", -1, Protection.OFF)), Map.of(arn("blind"), NOW.minusSeconds(3600)), NOW);
        assertEquals(List.of(arn("blind")), d.protect());
        assertTrue(d.release().isEmpty());
    }

    @Test
    void warningsNameIdleProtectionAndExpiringBusyTasks() {
        assertTrue(ProtectionWarnings.of(task("a", 0, Protection.until(NOW.plusSeconds(3600))), NOW).orElseThrow()
                .contains("protected but idle"));
        assertTrue(ProtectionWarnings.of(task("b", 2, Protection.until(NOW.plusSeconds(300))), NOW).orElseThrow()
                .contains("expires in 5 min"));
        assertTrue(ProtectionWarnings.of(task("c", 2, Protection.until(NOW.plusSeconds(3600))), NOW).isEmpty());
        assertTrue(ProtectionWarnings.of(task("d", 2, Protection.OFF), NOW).isEmpty());
    }
}
