package io.drainboard.fleet;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edges of the kill clock and of the effective stopTimeout: a countdown that runs out later than ECS's
 * SIGKILL lets an operator believe a call still has time it does not have (docs/benchmarks.md, test strength).
 */
class KillClockBoundsTest {
    private static final Instant STOP = Instant.parse("2026-03-01T12:00:00Z");
    private static final StopTimeout ST = new StopTimeout(120, "container stopTimeout");
    private static final Duration DEREG = Duration.ofSeconds(300);

    @Test
    void aTaskToldToStopWithoutAStoppingAtHasNoClockRatherThanAGuessedOne() {
        assertTrue(KillClocks.of("RUNNING", "STOPPED", null, ST, false, null, DEREG, STOP).isEmpty());
    }

    @Test
    void sigtermNotYetSeenWithoutALoadBalancerGivesARangeEndingAtNowPlusStopTimeout() {
        KillClock k = KillClocks.of("RUNNING", "STOPPED", STOP, ST, false, null, DEREG, STOP.plusSeconds(30))
                .orElseThrow();
        assertFalse(k.exact());
        assertEquals(Optional.empty(), k.sigtermAt());
        assertEquals(STOP.plusSeconds(120), k.earliestSigkill());
        assertEquals(STOP.plusSeconds(30 + 120), k.latestSigkill());
    }

    @Test
    void aConsoleClockBehindEcsNeverPutsTheLatestKillBeforeStoppingAtPlusStopTimeout() {
        KillClock k = KillClocks.of("RUNNING", "STOPPED", STOP, ST, false, null, DEREG, STOP.minusSeconds(10))
                .orElseThrow();
        assertEquals(STOP.plusSeconds(120), k.latestSigkill());
    }

    @Test
    void aTaskFirstSeenAlreadyStoppingBehindALoadBalancerKeepsTheWholeDeregistrationRange() {
        // The console started after SIGTERM: it never saw the task enter STOPPING.
        KillClock k = KillClocks.of("STOPPING", "STOPPED", STOP, ST, true, null, DEREG, STOP.plusSeconds(400))
                .orElseThrow();
        assertEquals(STOP.plusSeconds(120), k.earliestSigkill());
        assertEquals(STOP.plusSeconds(300 + 120), k.latestSigkill());
        assertTrue(k.basis().contains("SIGTERM sent"), k.basis());
    }

    @Test
    void stoppingSeenLateNeverPushesTheKillPastTheDeregistrationDelay() {
        // Seen in STOPPING only at +400 s (console offline): SIGTERM went out by +300 s at the latest.
        KillClock k = KillClocks.of("STOPPING", "STOPPED", STOP, ST, true, STOP.plusSeconds(400), DEREG,
                STOP.plusSeconds(400)).orElseThrow();
        assertEquals(STOP.plusSeconds(300 + 120), k.latestSigkill());
    }

    @Test
    void stoppingSeenBeforeEcsStoppingAtStillCountsFromStoppingAt() {
        // Clock skew: the console's time for "first seen STOPPING" is earlier than ECS's stoppingAt.
        KillClock k = KillClocks.of("STOPPING", "STOPPED", STOP, ST, true, STOP.minusSeconds(5), DEREG,
                STOP.plusSeconds(1)).orElseThrow();
        assertEquals(STOP.plusSeconds(120), k.latestSigkill());
    }

    @Test
    void theLongestContainerDecidesWhicheverOrderTheContainersComeIn() {
        assertEquals(900, StopTimeouts.effective("EC2", Arrays.asList(900, 30, null)).seconds());
    }

    @Test
    void fargateKeepsAContainerValueBelowItsCap() {
        StopTimeout st = StopTimeouts.effective("FARGATE", List.of(60));
        assertEquals(60, st.seconds());
        assertEquals("container stopTimeout", st.basis());
    }
}
