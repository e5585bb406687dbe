package io.drainboard.drain;

/**
 * The survival curve of call durations, S(t) = P(a call lasts longer than t seconds) (docs/drain.md, Risk model).
 * Everything the console predicts about calls follows from it.
 */
public interface CallSurvival {
    /** S(t) for t ≥ 0 seconds; S(0) = 1, non-increasing, tends to 0. */
    double survival(double seconds);

    /** P(a call already {@code ageSeconds} old lasts at least {@code moreSeconds} more) = S(a+w)/S(a). */
    default double survivesFurther(double ageSeconds, double moreSeconds) {
        double sa = survival(ageSeconds);
        if (sa <= 0) return 0;
        return Math.min(1, survival(ageSeconds + moreSeconds) / sa);
    }
}
