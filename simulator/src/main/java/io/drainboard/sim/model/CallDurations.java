package io.drainboard.sim.model;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Lognormal call durations given by median and 99th percentile, the shape voice-call lengths follow
 * (docs/drain.md, Risk model: a few minutes typical, a long tail past 20 min).
 */
public record CallDurations(Duration median, Duration p99) {
    /** z-score of the 99th percentile of the standard normal distribution. */
    private static final double Z99 = 2.3263478740408408;

    public CallDurations {
        if (median.isZero() || median.isNegative()) throw new IllegalArgumentException("median must be > 0");
        if (p99.compareTo(median) <= 0) throw new IllegalArgumentException("p99 must exceed the median");
    }

    public double mu() {
        return Math.log(median.toMillis() / 1000.0);
    }

    public double sigma() {
        return (Math.log(p99.toMillis() / 1000.0) - mu()) / Z99;
    }

    public double meanSeconds() {
        double s = sigma();
        return Math.exp(mu() + s * s / 2);
    }

    public Duration sample(RandomGenerator rng) {
        double seconds = Math.exp(mu() + sigma() * rng.nextGaussian());
        return Duration.ofMillis(Math.max(1000, (long) (seconds * 1000)));
    }
}
