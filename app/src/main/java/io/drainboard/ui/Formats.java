package io.drainboard.ui;

import java.time.Duration;
import java.time.Instant;

/** Short human forms for durations and ages, as an operator reads them at a glance. */
final class Formats {
    private Formats() {
    }

    /** "45 s", "14 m", "2 h 05 m", "3 d 4 h". */
    static String span(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " m " + String.format("%02d", s % 60) + " s";
        if (s < 86_400) return (s / 3600) + " h " + String.format("%02d", (s % 3600) / 60) + " m";
        return (s / 86_400) + " d " + ((s % 86_400) / 3600) + " h";
    }

    static String age(Instant since, Instant now) {
        return span(Duration.between(since, now));
    }
}
