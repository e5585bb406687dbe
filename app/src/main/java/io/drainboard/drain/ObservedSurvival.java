package io.drainboard.drain;

import java.util.Arrays;

/**
 * Call-duration survival learned from observed calls and blended with the profile's prior. Ended calls
 * are exact observations; calls still running are right-censored at their current age (Kaplan–Meier),
 * so a fleet of long calls is not mistaken for short ones. The estimate is weighted n/(n+k) against the
 * prior (k pseudo-observations), and beyond the longest observation the prior's tail carries on.
 */
public final class ObservedSurvival implements CallSurvival {
    private final CallSurvival prior;
    private final double weight;
    private final double[] times;     // distinct event times, ascending
    private final double[] survival;  // KM S just after each time
    private final double lastObserved;

    /**
     * @param durations     seconds per call
     * @param ended         true where the call ended (exact), false where it is still running (censored)
     * @param priorStrength k, how many observations the prior is worth
     */
    public ObservedSurvival(double[] durations, boolean[] ended, CallSurvival prior, double priorStrength) {
        if (durations.length != ended.length) throw new IllegalArgumentException("durations and ended differ in length");
        this.prior = prior;
        Integer[] order = new Integer[durations.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(durations[a], durations[b]));
        double[] t = new double[durations.length];
        double[] s = new double[durations.length];
        int n = 0, atRisk = durations.length, events = 0;
        double current = 1, last = 0;
        for (int i = 0; i < order.length; ) {
            double time = durations[order[i]];
            int deaths = 0, leaving = 0;
            while (i < order.length && durations[order[i]] == time) {
                if (ended[order[i]]) deaths++;
                leaving++;
                i++;
            }
            if (deaths > 0) {
                current *= 1 - deaths / (double) atRisk;
                t[n] = time;
                s[n] = current;
                n++;
                events += deaths;
            }
            atRisk -= leaving;
            last = time;
        }
        this.times = Arrays.copyOf(t, n);
        this.survival = Arrays.copyOf(s, n);
        this.lastObserved = last;
        this.weight = events / (events + priorStrength);
    }

    /** How much the observations count against the prior, 0..1. */
    public double weight() {
        return weight;
    }

    @Override
    public double survival(double seconds) {
        if (seconds <= 0) return 1;
        double p = prior.survival(seconds);
        if (weight == 0) return p;
        double km;
        if (seconds <= lastObserved) {
            int i = Arrays.binarySearch(times, seconds);
            int idx = i >= 0 ? i : -i - 2; // last event time ≤ seconds
            km = idx < 0 ? 1 : survival[idx];
        } else {
            // Past the data: continue from the last KM value with the prior's conditional tail.
            double atEnd = times.length == 0 ? 1 : survival[times.length - 1];
            km = atEnd * prior.survivesFurther(lastObserved, seconds - lastObserved);
        }
        return weight * km + (1 - weight) * p;
    }
}
