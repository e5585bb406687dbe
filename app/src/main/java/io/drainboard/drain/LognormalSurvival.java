package io.drainboard.drain;

/**
 * Lognormal call durations given by median and 99th percentile — the profile's prior, and the shape
 * voice calls follow (docs/drain.md, Risk model). S(t) = 1 − Φ((ln t − μ)/σ).
 */
public record LognormalSurvival(double mu, double sigma) implements CallSurvival {
    private static final double Z99 = 2.3263478740408408;

    public LognormalSurvival {
        if (!(sigma > 0)) throw new IllegalArgumentException("sigma must be > 0");
    }

    public static LognormalSurvival ofMedianAndP99(double medianSeconds, double p99Seconds) {
        if (!(medianSeconds > 0) || !(p99Seconds > medianSeconds)) {
            throw new IllegalArgumentException("need 0 < median < p99, got " + medianSeconds + " and " + p99Seconds);
        }
        double mu = Math.log(medianSeconds);
        return new LognormalSurvival(mu, (Math.log(p99Seconds) - mu) / Z99);
    }

    @Override
    public double survival(double seconds) {
        if (seconds <= 0) return 1;
        return 1 - Normal.cdf((Math.log(seconds) - mu) / sigma);
    }

    /** The duration below which a fraction {@code p} of calls end. */
    public double quantile(double p) {
        return Math.exp(mu + sigma * Normal.inverseCdf(p));
    }
}
