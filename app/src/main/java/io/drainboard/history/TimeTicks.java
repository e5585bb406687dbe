package io.drainboard.history;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Round time-axis ticks for a span (1 min … 1 day apart, about 6–12 of them) and how to label them. */
public final class TimeTicks {
    private static final List<Duration> STEPS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1));

    private TimeTicks() {
    }

    public static Duration step(Duration span) {
        for (Duration d : STEPS) if (span.dividedBy(d) <= 10) return d;
        return STEPS.get(STEPS.size() - 1);
    }

    public static Instant first(Instant from, Duration step) {
        long s = step.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli() + s - 1, s) * s);
    }

    public static DateTimeFormatter format(Duration span) {
        if (span.compareTo(Duration.ofDays(2)) > 0) return DateTimeFormatter.ofPattern("MM-dd HH:mm");
        if (span.compareTo(Duration.ofMinutes(10)) < 0) return DateTimeFormatter.ofPattern("HH:mm:ss");
        return DateTimeFormatter.ofPattern("HH:mm");
    }
}
