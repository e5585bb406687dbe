package io.drainboard.ui.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Calls per service and per task over the last hour, in memory, for the chart (a history store comes
 * later). Each series is a ring of 15-second buckets holding the most calls seen in the bucket, as
 * shorts: 10,000 tasks cost about 5 MB. Written on the refresher's thread, read on the FX thread,
 * hence synchronized. Pure logic, no JavaFX.
 */
public final class CallsHistory {
    public static final Duration BUCKET = Duration.ofSeconds(15);
    public static final int BUCKETS = 240; // one hour
    private static final short EMPTY = -1;

    private final Map<String, short[]> series = new HashMap<>();
    /** The bucket each series last wrote, so slots older than an hour read as empty. */
    private final Map<String, Long> stamps = new HashMap<>();

    /** Records a count at an instant; the bucket keeps the largest count seen in it. */
    public synchronized void record(String key, Instant at, int calls) {
        short[] ring = series.computeIfAbsent(key, k -> {
            short[] r = new short[BUCKETS];
            Arrays.fill(r, EMPTY);
            return r;
        });
        long b = bucket(at);
        int i = (int) Math.floorMod(b, (long) BUCKETS);
        short v = (short) Math.min(Short.MAX_VALUE, Math.max(0, calls));
        if (stamps.getOrDefault(key, Long.MIN_VALUE) != b) clearBetween(key, ring, b);
        ring[i] = (short) Math.max(ring[i], v);
        stamps.put(key, b);
    }

    /** Clears the slots skipped since the last write, so a gap reads as "no data", not old data. */
    private void clearBetween(String key, short[] ring, long now) {
        Long last = stamps.get(key);
        long from = last == null ? now - BUCKETS + 1 : Math.max(last + 1, now - BUCKETS + 1);
        for (long b = from; b <= now; b++) ring[(int) Math.floorMod(b, (long) BUCKETS)] = EMPTY;
    }

    /**
     * The last hour, oldest first: element i is the bucket ending (BUCKETS-1-i) buckets before now's;
     * NaN where nothing was recorded.
     */
    public synchronized double[] lastHour(String key, Instant now) {
        double[] out = new double[BUCKETS];
        Arrays.fill(out, Double.NaN);
        short[] ring = series.get(key);
        Long last = stamps.get(key);
        if (ring == null || last == null) return out;
        long nowB = bucket(now);
        for (int i = 0; i < BUCKETS; i++) {
            long b = nowB - (BUCKETS - 1 - i);
            if (b > last || b <= last - BUCKETS) continue;
            short v = ring[(int) Math.floorMod(b, (long) BUCKETS)];
            if (v != EMPTY) out[i] = v;
        }
        return out;
    }

    /** Drops series whose key is not in {@code live} (tasks that are gone). */
    public synchronized void retain(Set<String> live) {
        series.keySet().retainAll(live);
        stamps.keySet().retainAll(live);
    }

    public synchronized int size() {
        return series.size();
    }

    public static String serviceKey(String serviceKey) {
        return "svc:" + serviceKey;
    }

    public static String taskKey(String arn) {
        return "task:" + arn;
    }

    private static long bucket(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), BUCKET.toMillis());
    }
}
