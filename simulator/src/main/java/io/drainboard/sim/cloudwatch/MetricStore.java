package io.drainboard.sim.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Per-minute metric history in virtual time: for each metric and each minute, the sum, count, minimum
 * and maximum of the samples put in that minute (what CloudWatch keeps as a statistic set,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_StatisticSet.html). A datapoint
 * becomes readable {@code publicationDelay} after its minute starts, as CloudWatch shows agent metrics
 * a minute or two late. Kept compact (arrays per metric) because a 10,000-task fleet has 10,000 series.
 */
public final class MetricStore {
    public record Datapoint(Instant timestamp, double value) {
    }

    private static final class Series {
        final long firstMinute;
        double[] sum = new double[16];
        double[] min = new double[16];
        double[] max = new double[16];
        int[] count = new int[16];
        int size;

        Series(long firstMinute) {
            this.firstMinute = firstMinute;
        }

        void add(long minute, double v) {
            int i = (int) (minute - firstMinute);
            if (i < 0) return; // before the series began: ignore, history is append-only
            if (i >= sum.length) grow(i + 1);
            if (count[i] == 0) {
                min[i] = v;
                max[i] = v;
            } else {
                min[i] = Math.min(min[i], v);
                max[i] = Math.max(max[i], v);
            }
            sum[i] += v;
            count[i]++;
            size = Math.max(size, i + 1);
        }

        private void grow(int need) {
            int n = Math.max(need, sum.length * 2);
            sum = Arrays.copyOf(sum, n);
            min = Arrays.copyOf(min, n);
            max = Arrays.copyOf(max, n);
            count = Arrays.copyOf(count, n);
        }

        long lastMinute() {
            return firstMinute + size - 1;
        }
    }

    private final Duration publicationDelay;
    private final Map<MetricId, Series> series = new LinkedHashMap<>();

    public MetricStore(Duration publicationDelay) {
        this.publicationDelay = publicationDelay;
    }

    /** Records one sample taken at {@code at}. */
    public synchronized void put(MetricId id, Instant at, double value) {
        long minute = Math.floorDiv(at.getEpochSecond(), 60);
        series.computeIfAbsent(id, k -> new Series(minute)).add(minute, value);
    }

    /**
     * The statistic per period over {@code [start, end)}, periods starting at {@code start} rounded down to
     * the minute (GetMetricData's rounding for data under 15 days old), oldest first; only periods with
     * samples that are published by {@code now}.
     */
    public synchronized List<Datapoint> query(MetricId id, Instant start, Instant end, int periodSeconds,
                                              Statistic stat, Instant now) {
        Series s = series.get(id);
        List<Datapoint> out = new ArrayList<>();
        if (s == null) return out;
        long lastVisible = Math.floorDiv(now.minus(publicationDelay).getEpochSecond(), 60);
        long from = Math.floorDiv(start.getEpochSecond(), 60);
        long endSecond = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
        int periodMinutes = Math.max(1, periodSeconds / 60);
        for (long p = from; p * 60 < endSecond; p += periodMinutes) {
            double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            long count = 0;
            for (long m = p; m < p + periodMinutes && m * 60 < endSecond && m <= lastVisible; m++) {
                int i = (int) (m - s.firstMinute);
                if (i < 0 || i >= s.size || s.count[i] == 0) continue;
                sum += s.sum[i];
                count += s.count[i];
                min = Math.min(min, s.min[i]);
                max = Math.max(max, s.max[i]);
            }
            if (count > 0) out.add(new Datapoint(Instant.ofEpochSecond(p * 60), stat.of(sum, count, min, max)));
            if (p > lastVisible) break;
        }
        return out;
    }

    /** Metrics with at least one published datapoint, optionally only those published since {@code activeSince}. */
    public synchronized List<MetricId> list(Predicate<MetricId> filter, Instant now, Instant activeSince) {
        long lastVisible = Math.floorDiv(now.minus(publicationDelay).getEpochSecond(), 60);
        long since = activeSince == null ? Long.MIN_VALUE : Math.floorDiv(activeSince.getEpochSecond(), 60);
        List<MetricId> out = new ArrayList<>();
        for (Map.Entry<MetricId, Series> e : series.entrySet()) {
            Series s = e.getValue();
            if (s.firstMinute > lastVisible) continue;
            if (Math.min(s.lastMinute(), lastVisible) < since) continue;
            if (filter.test(e.getKey())) out.add(e.getKey());
        }
        return out;
    }

    public synchronized int seriesCount() {
        return series.size();
    }
}
