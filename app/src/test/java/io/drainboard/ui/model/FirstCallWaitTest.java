package io.drainboard.ui.model;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskCalls;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.Fleets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rollout waiting minutes for a replacement's first call says why and what the operator can do. */
class FirstCallWaitTest {
    private static final String WAITING = "waiting for replacement 0123456789ab running 6 m 00 s, waiting for its first call";

    /** The replacement (revision 42) started at Fleets.STARTED; the old task (41) has calls of the given ages. */
    private static ServiceSnapshot service(Instant now, Duration... oldCallAges) {
        TaskSnapshot replacement = Fleets.running("voice-prod", "support-agent", "new1", 42, now, Protection.OFF, List.of());
        TaskSnapshot old = Fleets.running("voice-prod", "support-agent", "old1", 41, now, Protection.OFF,
                Fleets.calls(Fleets.taskArn("voice-prod", "old1"), now, oldCallAges));
        return Fleets.service("voice-prod", "support-agent", 42, List.of(replacement, old));
    }

    @Test
    void nothingToSayBeforeFiveMinutesOrWhenTheRolloutWaitsForSomethingElse() {
        Instant now = Fleets.STARTED.plus(Duration.ofMinutes(4));
        assertTrue(FirstCallWait.hint(WAITING, "support-agent:42", service(now, Duration.ofMinutes(1)), now).isEmpty());
        Instant later = Fleets.STARTED.plus(Duration.ofMinutes(6));
        assertTrue(FirstCallWait.hint("draining", "support-agent:42", service(later, Duration.ofMinutes(1)), later).isEmpty());
    }

    @Test
    void callsElsewhereButNoneOnTheReplacementPointAtItsRegistration() {
        Instant now = Fleets.STARTED.plus(Duration.ofMinutes(6));
        String hint = FirstCallWait.hint(WAITING, "support-agent:42",
                service(now, Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(20)), now).orElseThrow();
        assertTrue(hint.startsWith("Replacement new1 has run 6 m 00 s without a call while the old tasks took at least"
                + " 2 new calls: LiveKit is not giving it jobs."), hint);
        assertTrue(hint.contains("\"registered worker\"") && hint.contains("roll back if it never registers"), hint);
    }

    @Test
    void noCallAnywhereMeansNoTraffic() {
        Instant now = Fleets.STARTED.plus(Duration.ofMinutes(7));
        String hint = FirstCallWait.hint(WAITING, "support-agent:42", service(now, Duration.ofMinutes(30)), now).orElseThrow();
        assertTrue(hint.contains("no new call reached the other tasks either: the service has no traffic now"), hint);
        assertTrue(hint.contains("wait, or pause and resume when calls come back"), hint);
    }

    @Test
    void aCountOnlySourceSaysWhatItCannotTell() {
        Instant now = Fleets.STARTED.plus(Duration.ofMinutes(6));
        TaskSnapshot replacement = Fleets.running("voice-prod", "support-agent", "new1", 42, now, Protection.OFF, List.of());
        TaskSnapshot old = Fleets.running("voice-prod", "support-agent", "old1", 41, now, Protection.OFF, List.of());
        TaskSnapshot counted = new TaskSnapshot(old.arn(), old.id(), old.clusterName(), old.serviceName(),
                old.taskDefinitionArn(), old.family(), old.revision(), old.launchType(), old.availabilityZone(),
                old.lastStatus(), old.desiredStatus(), old.healthStatus(), old.startedAt(), old.stoppingAt(), old.protection(),
                TaskCalls.Known.count(3, "worker", now), old.stopTimeout());
        ServiceSnapshot svc = Fleets.service("voice-prod", "support-agent", 42, List.of(replacement, counted));
        String hint = FirstCallWait.hint(WAITING, "support-agent:42", svc, now).orElseThrow();
        assertTrue(hint.contains("counts only"), hint);
        assertEquals(List.of(), svc.tasks().get(0).calls().calls());
    }
}
