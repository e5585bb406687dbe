package io.drainboard.aws;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Running totals of the scheduler's requests; {@link #counts()} takes a copy to subtract later. */
public final class RequestStats {
    private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder backoffNanos = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    void started(String operation) {
        sent.computeIfAbsent(operation, k -> new LongAdder()).increment();
        int now = inFlight.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
    }

    void ended() {
        inFlight.decrementAndGet();
    }

    void retrying(String operation, RequestScheduler.Verdict verdict, Duration wait) {
        if (verdict == RequestScheduler.Verdict.THROTTLED) throttled.increment();
        retried.increment();
        backoffNanos.add(wait.toNanos());
    }

    void failed(String operation, RequestScheduler.Verdict verdict) {
        if (verdict == RequestScheduler.Verdict.THROTTLED) throttled.increment();
        failed.increment();
    }

    /** The most requests that were in flight at once since the last call (then starts over). */
    public int takePeakInFlight() {
        return peak.getAndSet(inFlight.get());
    }

    public RequestCounts counts() {
        Map<String, Long> byOp = new TreeMap<>();
        sent.forEach((k, v) -> byOp.put(k, v.sum()));
        return new RequestCounts(byOp, throttled.sum(), retried.sum(), failed.sum(),
                Duration.ofNanos(backoffNanos.sum()), 0);
    }
}
