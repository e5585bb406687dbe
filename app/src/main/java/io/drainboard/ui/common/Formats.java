package io.drainboard.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Short human forms for durations, ages and clock times, as an operator reads them at a glance. */
public final class Formats {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** "45 s", "14 m 03 s", "2 h 05 m", "3 d 4 h"; negative spans read as 0. */
    public static String span(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " m " + String.format("%02d", s % 60) + " s";
        if (s < 86_400) return (s / 3600) + " h " + String.format("%02d", (s % 3600) / 60) + " m";
        return (s / 86_400) + " d " + ((s % 86_400) / 3600) + " h";
    }

    public static String spanSeconds(double seconds) {
        return span(Duration.ofSeconds((long) Math.ceil(seconds)));
    }

    /** "14 m", "2 h", "90 s": a setting such as a timeout, without seconds noise. */
    public static String setting(Duration d) {
        long s = d.getSeconds();
        if (s < 180 || s % 60 != 0) return s + " s";
        if (s < 7200 || s % 3600 != 0) return (s / 60) + " min";
        return (s / 3600) + " h";
    }

    public static String age(Instant since, Instant now) {
        return span(Duration.between(since, now));
    }

    /** "01:02:03 UTC"-style wall time; the console speaks UTC like the AWS APIs. */
    public static String clock(Instant at) {
        return CLOCK.format(at);
    }

    /** "3 calls", "1 call". */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
