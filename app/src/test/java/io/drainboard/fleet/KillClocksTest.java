package io.drainboard.fleet;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KillClocksTest {
    private static final Instant STOP = Instant.parse("2026-03-01T12:00:00Z");
    private static final StopTimeout ST = new StopTimeout(120, "container stopTimeout");
    private static final Duration DEREG = Duration.ofSeconds(300);

    private static Optional<KillClock> clock(String last, String desired, boolean lb, Instant firstSeenStopping, Instant now) {
        return KillClocks.of(last, desired, STOP, ST, lb, firstSeenStopping, DEREG, now);
    }

    @Test
    void aRunningTaskHasNoKillClock() {
        assertTrue(clock("RUNNING", "RUNNING", false, null, STOP).isEmpty());
    }

    @Test
    void withoutALoadBalancerSigkillComesStopTimeoutAfterStoppingAt() {
        KillClock k = clock("STOPPING", "STOPPED", false, STOP, STOP.plusSeconds(5)).orElseThrow();
        assertTrue(k.exact());
        assertEquals(STOP.plusSeconds(120), k.earliestSigkill());
        assertEquals(Optional.of(STOP), k.sigtermAt());
        assertEquals(Duration.ofSeconds(115), k.remaining(STOP.plusSeconds(5)));
    }

    @Test
    void behindALoadBalancerTheDeregistrationDelayComesFirst() {
        KillClock k = clock("DEACTIVATING", "STOPPED", true, null, STOP.plusSeconds(5)).orElseThrow();
        assertFalse(k.exact());
        assertEquals(STOP.plusSeconds(120), k.earliestSigkill());
        assertEquals(STOP.plusSeconds(300 + 120), k.latestSigkill());
        assertTrue(k.basis().contains("deregistering"), k.basis());
    }

    @Test
    void seeingStoppingBoundsWhenSigtermWasSent() {
        KillClock k = clock("STOPPING", "STOPPED", true, STOP.plusSeconds(60), STOP.plusSeconds(61)).orElseThrow();
        assertEquals(STOP.plusSeconds(60 + 120), k.latestSigkill());
        assertEquals(STOP.plusSeconds(120), k.earliestSigkill());
    }

    @Test
    void aTaskWhoseContainersHaveExitedHasNoKillClock() {
        assertTrue(clock("DEPROVISIONING", "STOPPED", false, null, STOP).isEmpty());
        assertTrue(clock("STOPPED", "STOPPED", false, null, STOP).isEmpty());
    }
}
