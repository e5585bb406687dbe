package io.drainboard.drain;

import java.util.List;

/**
 * What the survival curve says about calls facing a kill (docs/drain.md, Risk model): a call of age a survives a
 * further w seconds with probability S(a+w)/S(a); a call still running at SIGKILL is cut.
 */
public final class CutRisk {
    private final CallSurvival survival;

    public CutRisk(CallSurvival survival) {
        this.survival = survival;
    }

    /** Expected calls cut if the task holding calls of these ages is SIGKILLed in {@code killInSeconds}. */
    public double expectedCut(List<Double> ageSeconds, double killInSeconds) {
        double sum = 0;
        for (double a : ageSeconds) sum += survival.survivesFurther(a, killInSeconds);
        return sum;
    }

    /** P(every one of these calls has ended within {@code seconds}) = Π (1 − S(a+w)/S(a)). */
    public double allEndWithin(List<Double> ageSeconds, double seconds) {
        double p = 1;
        for (double a : ageSeconds) p *= 1 - survival.survivesFurther(a, seconds);
        return p;
    }

    /**
     * The time by which all these calls have ended with probability {@code q}: the q-quantile of the
     * max remaining time. 0 for no calls; capped at {@code limitSeconds}.
     */
    public double idleBy(List<Double> ageSeconds, double q, double limitSeconds) {
        if (ageSeconds.isEmpty()) return 0;
        double lo = 0, hi = limitSeconds;
        if (allEndWithin(ageSeconds, hi) < q) return limitSeconds;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (allEndWithin(ageSeconds, mid) >= q) hi = mid;
            else lo = mid;
        }
        return hi;
    }

    /** A drain's predicted finish as a range: the 10th and 90th percentiles of when the task goes idle. */
    public IdleForecast forecast(List<Double> ageSeconds) {
        double cap = 7 * 24 * 3600;
        return new IdleForecast(idleBy(ageSeconds, 0.1, cap), idleBy(ageSeconds, 0.5, cap), idleBy(ageSeconds, 0.9, cap));
    }

    /** When a task is predicted to be idle, in seconds from now. */
    public record IdleForecast(double p10, double median, double p90) {
    }
}
