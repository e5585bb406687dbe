package io.drainboard.sim.cloudwatch;

/**
 * The basic CloudWatch statistics over the samples of a period
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html).
 * Percentiles are not modelled.
 */
public enum Statistic {
    Average, Sum, Minimum, Maximum, SampleCount;

    double of(double sum, long count, double min, double max) {
        return switch (this) {
            case Average -> sum / count;
            case Sum -> sum;
            case Minimum -> min;
            case Maximum -> max;
            case SampleCount -> count;
        };
    }

    public static Statistic parse(String s) {
        for (Statistic st : values()) if (st.name().equals(s)) return st;
        return null;
    }
}
