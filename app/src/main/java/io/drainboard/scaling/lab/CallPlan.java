package io.drainboard.scaling.lab;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The calls a replay offers, drawn once per run so every policy meets exactly the same callers: Poisson arrivals per
 * minute at the rate that keeps the shape's sessions running (rate = sessions ÷ mean call length), lognormal lengths
 * by median and 99th percentile (docs/drain.md, Risk model).
 *
 * @param startSeconds offset of each call from the replay's start, ascending
 * @param lengthSeconds each call's length once a worker takes it
 */
public record CallPlan(double[] startSeconds, double[] lengthSeconds, int minutes) {
    private static final double Z99 = 2.3263478740408408;

    public static CallPlan draw(TrafficShape shape, Duration median, Duration p99, long seed) {
        double mu = Math.log(median.toMillis() / 1000.0);
        double sigma = (Math.log(p99.toMillis() / 1000.0) - mu) / Z99;
        double meanMinutes = Math.exp(mu + sigma * sigma / 2) / 60.0;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] starts = new double[1024], lengths = new double[1024];
        int n = 0;
        for (int m = 0; m < shape.minutes(); m++) {
            double rate = shape.sessions()[m] / meanMinutes;
            int k = poisson(rate, rng);
            double[] at = new double[k];
            for (int i = 0; i < k; i++) at[i] = m * 60 + rng.nextDouble() * 60;
            java.util.Arrays.sort(at);
            for (double a : at) {
                if (n == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, n * 2);
                    lengths = java.util.Arrays.copyOf(lengths, n * 2);
                }
                starts[n] = a;
                lengths[n] = Math.max(1, Math.exp(mu + sigma * gaussian(rng)));
                n++;
            }
        }
        return new CallPlan(java.util.Arrays.copyOf(starts, n), java.util.Arrays.copyOf(lengths, n), shape.minutes());
    }

    public int calls() {
        return startSeconds.length;
    }

    private static int poisson(double lambda, SplittableRandom rng) {
        if (lambda <= 0) return 0;
        if (lambda > 30) return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * gaussian(rng)));
        double l = Math.exp(-lambda), p = 1;
        int k = 0;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** The most calls running at once within each minute, had every call been served the moment it came. */
    public int[] concurrentPerMinute() {
        int total = minutes + (int) Math.ceil(maxEnd() / 60) + 1;
        int n = startSeconds.length;
        double[] ends = new double[n];
        for (int i = 0; i < n; i++) ends[i] = startSeconds[i] + lengthSeconds[i];
        java.util.Arrays.sort(ends);
        int[] out = new int[minutes];
        int running = 0, s = 0, e = 0;
        // Sweep the starts and ends in time order; the max within a minute is the max after any start in it.
        for (int m = 0; m < minutes && m < total; m++) {
            double from = m * 60.0, to = from + 60;
            while (e < n && ends[e] <= from) { running--; e++; }
            while (s < n && startSeconds[s] < from) { running++; s++; }
            int best = running;
            while (s < n && startSeconds[s] < to) {
                while (e < n && ends[e] <= startSeconds[s]) { running--; e++; }
                running++;
                s++;
                best = Math.max(best, running);
            }
            out[m] = best;
        }
        return out;
    }

    private double maxEnd() {
        double max = 0;
        for (int i = 0; i < startSeconds.length; i++) max = Math.max(max, startSeconds[i] + lengthSeconds[i]);
        return max;
    }
}
