package io.drainboard.sim.scenario;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as people write them in YAML: {@code 90s}, {@code 4m}, {@code 1h30m}, {@code 2d}, or ISO-8601. */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private DurationText() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty duration");
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) return Duration.parse(t);
        Matcher m = PART.matcher(t);
        int pos = 0;
        double millis = 0;
        while (m.find() && m.start() == pos) {
            double v = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> v;
                case "s" -> v * 1000;
                case "m" -> v * 60_000;
                case "h" -> v * 3_600_000;
                default -> v * 86_400_000;
            };
            pos = m.end();
        }
        if (pos == 0 || pos != t.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 90s, 4m, 1h30m or 2d");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
