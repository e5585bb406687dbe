package io.drainboard.drain;

import io.drainboard.fleet.InstanceSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceGuardPolicyTest {
    private static final Instant T = Instant.parse("2026-06-01T10:00:00Z");

    private static InstanceSnapshot instance(String id, int calls, boolean on, int desired) {
        return new InstanceSnapshot("arn:" + id, id, "voice", "us-east-1a", "c6i.xlarge", "ACTIVE", true, 2,
                List.of(), calls, true, Optional.of("voice-asg"), Optional.of(on), Optional.of("InService"), List.of(),
                Optional.of(desired));
    }

    @Test
    void busyInstancesAreProtectedIdleOnesReleasedOnlyAfterTheHysteresisAndOnlyAsManyAsTheGroupWantsGone() {
        InstanceGuardPolicy p = new InstanceGuardPolicy(Duration.ofMinutes(2));
        List<InstanceSnapshot> fleet = List.of(instance("i-busy", 3, false, 2), instance("i-idle1", 0, true, 2),
                instance("i-idle2", 0, true, 2), instance("i-idle3", 0, true, 2));
        InstanceGuardPolicy.Decision first = p.decide(fleet, Map.of(), T, arn -> false);
        assertEquals(Map.of("voice-asg", List.of("i-busy")), first.protect());
        assertTrue(first.release().isEmpty(), "idle for less than the hysteresis");
        Map<String, Instant> idle = new HashMap<>(first.idleSince());
        idle.put("i-idle2", T.minusSeconds(60)); // idle longest
        InstanceGuardPolicy.Decision later = p.decide(fleet, idle, T.plus(Duration.ofMinutes(3)), arn -> false);
        assertEquals(Map.of("voice-asg", List.of("i-idle2", "i-idle1")), later.release(),
                "4 in service, desired 2: the two longest idle go");
        InstanceGuardPolicy.Decision steady = p.decide(List.of(instance("i-idle1", 0, true, 1)), Map.of("i-idle1", T),
                T.plus(Duration.ofMinutes(3)), arn -> false);
        assertTrue(steady.nothing(), "the group is not waiting to scale in: idle instances stay protected");
        InstanceGuardPolicy.Decision drained = p.decide(List.of(instance("i-busy", 3, false, 1)), Map.of(), T,
                arn -> true);
        assertTrue(drained.nothing(), "an instance in an instance drain is left to it");
    }
}
