package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.TaskSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.drainboard.drain.Fixtures.NOW;
import static io.drainboard.drain.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The observed call-length curve (Kaplan–Meier blended with the prior) and the protection warnings, at their
 * edges (docs/benchmarks.md, test strength). Kept apart from {@link CallRiskEdgesTest}: these two classes have
 * no caller in the console yet.
 */
class ObservedCurveAndWarningsTest {
    private static final LognormalSurvival PRIOR = LognormalSurvival.ofMedianAndP99(240, 1500);

    @Test
    void theObservedCurveIsKaplanMeierWithTiesAndStillRunningCalls() {
        // 10 s ended; two at 20 s, one ended and one still running; 30 s ended. The prior counts for nothing.
        ObservedSurvival km = new ObservedSurvival(new double[]{20, 10, 30, 20}, new boolean[]{true, true, true, false},
                PRIOR, 0);
        assertEquals(1, km.weight());
        assertEquals(1, km.survival(5), 1e-12);
        assertEquals(0.75, km.survival(10), 1e-12);
        assertEquals(0.75, km.survival(15), 1e-12);
        assertEquals(0.5, km.survival(25), 1e-12);
        assertEquals(0, km.survival(30), 1e-12);
        assertEquals(1, km.survival(0));
        assertEquals(1, km.survival(-1));
        assertThrows(IllegalArgumentException.class,
                () -> new ObservedSurvival(new double[]{1, 2}, new boolean[]{true}, PRIOR, 0));
    }

    @Test
    void pastTheLastObservationTheCurveFollowsThePriorsTail() {
        ObservedSurvival km = new ObservedSurvival(new double[]{10, 30}, new boolean[]{true, false}, PRIOR, 0);
        assertEquals(0.5, km.survival(30), 1e-12);
        assertEquals(0.5 * PRIOR.survival(60) / PRIOR.survival(30), km.survival(60), 1e-12);
    }

    @Test
    void thePriorCountsAsManyCallsAsItsStrength() {
        ObservedSurvival blend = new ObservedSurvival(new double[]{10, 20, 30}, new boolean[]{true, true, true},
                PRIOR, 3);
        assertEquals(0.5, blend.weight(), 1e-12);
        assertEquals(0.5 * (2.0 / 3) + 0.5 * PRIOR.survival(15), blend.survival(15), 1e-12);
        ObservedSurvival noEnds = new ObservedSurvival(new double[]{10, 20}, new boolean[]{false, false}, PRIOR, 3);
        assertEquals(PRIOR.survival(15), noEnds.survival(15), 1e-12, "no call ended yet: the prior alone");
    }

    @Test
    void protectionWarningsShowOnlyForAProtectedTaskWhoseCallsAreKnown() {
        TaskSnapshot offIdle = task("a", 0, Protection.OFF);
        assertEquals(Optional.empty(), ProtectionWarnings.of(offIdle, NOW));
        TaskSnapshot unknown = task("b", -1, Protection.until(NOW.plusSeconds(60)));
        assertEquals(Optional.empty(), ProtectionWarnings.of(unknown, NOW), "calls unknown: no claim either way");
        TaskSnapshot atTen = task("c", 2, Protection.until(NOW.plus(ProtectionWarnings.EXPIRY_WARNING)));
        assertEquals(Optional.empty(), ProtectionWarnings.of(atTen, NOW));
        TaskSnapshot under = task("d", 2, Protection.until(NOW.plus(Duration.ofMinutes(9))));
        assertEquals(Optional.of("protection expires in 9 min with 2 calls on the task"), ProtectionWarnings.of(under, NOW));
    }
}
