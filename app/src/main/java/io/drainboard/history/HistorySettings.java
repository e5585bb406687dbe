package io.drainboard.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How the history store behaves. The profile format has no {@code history:} section (the profile
 * package owns it), so these come from system properties with defaults:
 * {@code drainboard.history.enabled} (true), {@code .retentionDays} (30), {@code .maxMegabytes} (2048),
 * {@code .backfillHours} (3), {@code .busyTimeoutMillis} (2000). An odd value is refused, not defaulted.
 *
 * @param retention     rows older than this are deleted
 * @param maxBytes      when the file grows past this, the oldest days are deleted until it fits
 * @param queueCapacity snapshots waiting for the writer; past this the newest is dropped (counted, never blocking)
 * @param batchMax      write jobs applied in one transaction at most
 * @param backfillLookback how far back backfill reaches when the store has no newer live data (ECS keeps stopped
 *                      tasks "at least 1 hour"; CloudWatch keeps 1-minute data 15 days)
 * @param busyTimeout   how long SQLite waits on a lock held by another program before saying it is locked
 */
public record HistorySettings(boolean enabled, Duration retention, long maxBytes, int queueCapacity, int batchMax,
                              Duration backfillLookback, Duration busyTimeout) {
    private static final String PREFIX = "drainboard.history.";
    public static final HistorySettings DEFAULT = new HistorySettings(true, Duration.ofDays(30), 2048L << 20, 64, 256,
            Duration.ofHours(3), Duration.ofMillis(2000));

    /**
     * Unset keys take the defaults; a key set to anything odd ({@code maxMegabytes=0}, {@code busyTimeoutMillis=-5},
     * {@code enabled=maybe}) is refused with one message naming every such key and what to write, never replaced
     * by the default without a word.
     */
    static HistorySettings from(Function<String, String> props) {
        HistorySettings d = DEFAULT;
        List<String> problems = new ArrayList<>();
        HistorySettings s = new HistorySettings(
                bool(props, "enabled", d.enabled, problems),
                Duration.ofDays(number(props, "retentionDays", d.retention.toDays(), 1, 3650, "days", problems)),
                number(props, "maxMegabytes", d.maxBytes >> 20, 1, 1L << 20, "megabytes", problems) << 20,
                d.queueCapacity, d.batchMax,
                // CloudWatch keeps 1-minute data 15 days: further back there is nothing to fill in.
                Duration.ofHours(number(props, "backfillHours", d.backfillLookback.toHours(), 1, 360, "hours", problems)),
                Duration.ofMillis(number(props, "busyTimeoutMillis", d.busyTimeout.toMillis(), 0, 60_000, "milliseconds",
                        problems)));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems) + ". Fix the -D flag(s) and restart");
        }
        return s;
    }

    public HistorySettings withBusyTimeout(Duration d) {
        return new HistorySettings(enabled, retention, maxBytes, queueCapacity, batchMax, backfillLookback, d);
    }

    public HistorySettings withQueueCapacity(int n) {
        return new HistorySettings(enabled, retention, maxBytes, n, batchMax, backfillLookback, busyTimeout);
    }

    public HistorySettings withRetention(Duration age, long bytes) {
        return new HistorySettings(enabled, age, bytes, queueCapacity, batchMax, backfillLookback, busyTimeout);
    }

    private static long number(Function<String, String> props, String key, long fallback, long min, long max, String unit,
                               List<String> problems) {
        String v = props.apply(PREFIX + key);
        if (v == null) return fallback;
        try {
            long n = Long.parseLong(v.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        problems.add("-D" + PREFIX + key + "=" + shown(v) + " is not valid: write a whole number of " + unit + " from "
                + min + " to " + max + " (default " + fallback + ")");
        return fallback;
    }

    private static boolean bool(Function<String, String> props, String key, boolean fallback, List<String> problems) {
        String v = props.apply(PREFIX + key);
        if (v == null) return fallback;
        if (v.trim().equalsIgnoreCase("true") || v.trim().equalsIgnoreCase("false")) return Boolean.parseBoolean(v.trim());
        problems.add("-D" + PREFIX + key + "=" + shown(v) + " is not valid: write true or false (default " + fallback + ")");
        return fallback;
    }

    private static String shown(String v) {
        String t = v.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
