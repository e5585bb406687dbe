package io.drainboard.drain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

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
    void observationsPullTheEstimateTowardsTheTruth() {
        LognormalSurvival truth = LognormalSurvival.ofMedianAndP99(600, 3000); // calls are really longer
        SplittableRandom rng = new SplittableRandom(7);
        int n = 5000;
        double[] d = new double[n];
        boolean[] ended = new boolean[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.exp(truth.mu() + truth.sigma() * rng.nextGaussian());
            ended[i] = true;
        }
        ObservedSurvival learned = new ObservedSurvival(d, ended, PRIOR, 200);
        assertTrue(learned.weight() > 0.95);
        assertEquals(truth.survival(600), learned.survival(600), 0.03);
        assertEquals(truth.survival(1800), learned.survival(1800), 0.03);
    }

    @Test
    void runningCallsCountAsCensoredNotAsEnded() {
        // 100 calls ended at 60 s, 100 still running at 1000 s: half the calls outlive 500 s.
        double[] d = new double[200];
        boolean[] ended = new boolean[200];
        for (int i = 0; i < 100; i++) {
            d[i] = 60;
            ended[i] = true;
        }
        for (int i = 100; i < 200; i++) {
            d[i] = 1000;
            ended[i] = false;
        }
        ObservedSurvival s = new ObservedSurvival(d, ended, PRIOR, 0.0001);
        assertEquals(0.5, s.survival(500), 1e-3);
    }

    @Test
    void withoutObservationsThePriorRules() {
        ObservedSurvival s = new ObservedSurvival(new double[0], new boolean[0], PRIOR, 200);
        assertEquals(PRIOR.survival(300), s.survival(300), 1e-12);
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
