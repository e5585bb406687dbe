package io.drainboard.drain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallSurvivalTest {
    private static final LognormalSurvival PRIOR = LognormalSurvival.ofMedianAndP99(240, 1500);

    @Test
    void lognormalHalfTheCallsOutliveTheMedianAndOnePercentThePercentile() {
        assertEquals(0.5, PRIOR.survival(240), 1e-6);
        assertEquals(0.01, PRIOR.survival(1500), 1e-6);
        assertEquals(1.0, PRIOR.survival(0), 0);
        assertEquals(1500, PRIOR.quantile(0.99), 0.01);
    }

    @Test
    void anOldCallIsMoreLikelyToOutliveTheNextTwoMinutesThanAFreshOne() {
        // The lognormal has a decreasing hazard in its tail: long calls tend to go on.
        assertTrue(PRIOR.survivesFurther(1200, 120) > PRIOR.survivesFurther(0, 120) - 0.5);
        assertTrue(PRIOR.survivesFurther(1200, 120) > PRIOR.survivesFurther(600, 120));
    }

    @Test
    void expectedCutSumsEachCallsChanceToOutliveTheKill() {
        CutRisk risk = new CutRisk(PRIOR);
        List<Double> ages = List.of(30.0, 600.0, 1200.0);
        double expected = PRIOR.survivesFurther(30, 120) + PRIOR.survivesFurther(600, 120) + PRIOR.survivesFurther(1200, 120);
        assertEquals(expected, risk.expectedCut(ages, 120), 1e-12);
        assertEquals(0, risk.expectedCut(List.of(), 120), 0);
    }

    @Test
    void theIdleForecastIsOrderedAndGrowsWithMoreCalls() {
        CutRisk risk = new CutRisk(PRIOR);
        CutRisk.IdleForecast one = risk.forecast(List.of(300.0));
        CutRisk.IdleForecast three = risk.forecast(List.of(300.0, 300.0, 300.0));
        assertTrue(one.p10() < one.median() && one.median() < one.p90(), one.toString());
        assertTrue(three.median() > one.median());
        assertEquals(0.9, risk.allEndWithin(List.of(300.0), one.p90()), 1e-6);
        assertEquals(0, risk.forecast(List.of()).p90(), 0);
    }
}
