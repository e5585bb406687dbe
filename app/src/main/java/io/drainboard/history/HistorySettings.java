package io.drainboard.history;

import java.time.Duration;
import java.util.function.Function;

/**
 * How the history store behaves. The profile format has no {@code history:} section (the profile
 * package owns it), so these come from system properties with defaults:
 * {@code drainboard.history.enabled} (true), {@code .retentionDays} (30), {@code .maxMegabytes} (2048),
 * {@code .backfillHours} (3), {@code .busyTimeoutMillis} (2000).
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
    public static final HistorySettings DEFAULT = new HistorySettings(true, Duration.ofDays(30), 2048L << 20, 64, 256,
            Duration.ofHours(3), Duration.ofMillis(2000));

    public static HistorySettings fromSystemProperties() {
        return from(System::getProperty);
    }

    static HistorySettings from(Function<String, String> props) {
        HistorySettings d = DEFAULT;
        return new HistorySettings(
                bool(props, "enabled", d.enabled),
                Duration.ofDays(number(props, "retentionDays", d.retention.toDays())),
                number(props, "maxMegabytes", d.maxBytes >> 20) << 20,
                d.queueCapacity, d.batchMax,
                Duration.ofHours(number(props, "backfillHours", d.backfillLookback.toHours())),
                Duration.ofMillis(number(props, "busyTimeoutMillis", d.busyTimeout.toMillis())));
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

    private static long number(Function<String, String> props, String key, long fallback) {
        String v = props.apply("drainboard.history." + key);
        if (v == null || v.isBlank()) return fallback;
        try {
            long n = Long.parseLong(v.trim());
            return n > 0 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback; // a typo in a -D flag must not stop the console; the default applies
        }
    }

    private static boolean bool(Function<String, String> props, String key, boolean fallback) {
        String v = props.apply("drainboard.history." + key);
        return v == null || v.isBlank() ? fallback : Boolean.parseBoolean(v.trim());
    }
}
