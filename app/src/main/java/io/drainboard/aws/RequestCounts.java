package io.drainboard.aws;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one refresh cost: requests sent per operation (retries included), how many answers were
 * throttling, how many requests were retried or finally failed, and the total backoff wait.
 */
public record RequestCounts(Map<String, Long> sentByOperation, long throttled, long retried, long failed,
                            Duration backoff, int peakInFlight) {
    public static final RequestCounts NONE = new RequestCounts(Map.of(), 0, 0, 0, Duration.ZERO, 0);

    public RequestCounts {
        sentByOperation = Map.copyOf(sentByOperation);
    }

    public long sent() {
        return sentByOperation.values().stream().mapToLong(Long::longValue).sum();
    }

    public long sent(String operation) {
        return sentByOperation.getOrDefault(operation, 0L);
    }

    /** This minus an earlier reading of the same running totals, with the peak measured in between. */
    public RequestCounts since(RequestCounts before, int peakInFlight) {
        Map<String, Long> d = new TreeMap<>();
        sentByOperation.forEach((k, v) -> {
            long n = v - before.sentByOperation.getOrDefault(k, 0L);
            if (n != 0) d.put(k, n);
        });
        return new RequestCounts(d, throttled - before.throttled, retried - before.retried, failed - before.failed,
                backoff.minus(before.backoff), peakInFlight);
    }
}
