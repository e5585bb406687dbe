package io.drainboard.scaling.lab;

import io.drainboard.scaling.SessionHistory;

import java.util.Arrays;
import java.util.Locale;

/**
 * How many sessions a service carries, minute by minute: one of the built-in days voice traffic is known for, scaled to
 * a peak, or the last days of the service's own history. The lab turns it into calls (arrivals at the rate that keeps
 * this many sessions running, Little's law: rate = sessions ÷ mean call length).
 *
 * @param sessions concurrent sessions wanted per minute from the start of the replay
 */
public record TrafficShape(String name, double[] sessions) {
    public static final String MONDAY_FLOOD = "monday-flood";
    public static final String FRIDAY_PEAK = "friday-peak";
    public static final String CRISIS_SURGE = "crisis-surge";

    public int minutes() {
        return sessions.length;
    }

    public double peak() {
        return Arrays.stream(sessions).max().orElse(0);
    }

    /** A built-in shape ({@code monday-flood}, {@code friday-peak}, {@code crisis-surge}) over {@code days} days. */
    public static TrafficShape builtIn(String name, int peak, int days) {
        double[] day = switch (name) {
            case MONDAY_FLOOD -> mondayFlood();
            case FRIDAY_PEAK -> fridayPeak();
            case CRISIS_SURGE -> crisisSurge();
            default -> throw new IllegalArgumentException("unknown shape '" + name + "': monday-flood, friday-peak,"
                    + " crisis-surge or history:DAYS");
        };
        double[] out = new double[day.length * days];
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < day.length; i++) out[d * day.length + i] = day[i] * peak;
        }
        return new TrafficShape(name, out);
    }

    /** The service's own sessions, unknown minutes held at the last known value (0 before any). */
    public static TrafficShape fromHistory(SessionHistory h, int days) {
        double[] out = new double[h.sessions().length];
        double last = 0;
        for (int i = 0; i < out.length; i++) {
            if (h.sessions()[i] >= 0) last = h.sessions()[i];
            out[i] = last;
        }
        return new TrafficShape(String.format(Locale.ROOT, "history:%d", days), out);
    }

    /** Quiet night, everyone calls at once at 08:00 (peak within 15 minutes), busy morning, calmer afternoon. */
    static double[] mondayFlood() {
        double[] d = new double[1440];
        for (int m = 0; m < 1440; m++) {
            double h = m / 60.0;
            double v;
            if (h < 7) v = 0.05;
            else if (h < 8) v = 0.05 + 0.10 * (h - 7);
            else if (h < 8.25) v = 0.15 + 0.85 * (h - 8) / 0.25;
            else if (h < 11) v = 1.0 - 0.1 * (h - 8.25) / 2.75;
            else if (h < 13) v = 0.9 - 0.3 * (h - 11) / 2;
            else if (h < 17) v = 0.6;
            else if (h < 21) v = 0.6 - 0.5 * (h - 17) / 4;
            else v = 0.1 - 0.05 * (h - 21) / 3;
            d[m] = v;
        }
        return d;
    }

    /** A day that builds up slowly to a long late-afternoon peak, then falls away. */
    static double[] fridayPeak() {
        double[] d = new double[1440];
        for (int m = 0; m < 1440; m++) {
            double h = m / 60.0;
            double v;
            if (h < 7) v = 0.05;
            else if (h < 16) v = 0.05 + 0.85 * (h - 7) / 9;
            else if (h < 18) v = 0.9 + 0.1 * Math.sin(Math.PI * (h - 16) / 2);
            else if (h < 22) v = 0.9 - 0.8 * (h - 18) / 4;
            else v = 0.1 - 0.05 * (h - 22) / 2;
            d[m] = v;
        }
        return d;
    }

    /** A steady day until something happens at 14:00: the peak within 5 minutes, 90 minutes of it, a slow decay. */
    static double[] crisisSurge() {
        double[] d = new double[1440];
        for (int m = 0; m < 1440; m++) {
            double h = m / 60.0;
            double base = h < 7 ? 0.08 : h < 9 ? 0.08 + 0.22 * (h - 7) / 2 : h < 19 ? 0.3 : h < 23 ? 0.3 - 0.22 * (h - 19) / 4 : 0.08;
            double surge = 0;
            if (h >= 14 && h < 14 + 5 / 60.0) surge = (h - 14) / (5 / 60.0);
            else if (h >= 14 + 5 / 60.0 && h < 15.5) surge = 1;
            else if (h >= 15.5 && h < 18.5) surge = Math.exp(-(h - 15.5) * 1.2);
            d[m] = Math.max(base, base + (1 - base) * surge);
        }
        return d;
    }
}
