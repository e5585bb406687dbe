package io.drainboard.sim.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts requests per "service:Operation" so tests and benchmarks can compare what clients sent. */
public final class RequestLog {
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void record(String service, String operation) {
        counts.computeIfAbsent(service + ":" + operation, k -> new LongAdder()).increment();
    }

    public long count(String service, String operation) {
        LongAdder a = counts.get(service + ":" + operation);
        return a == null ? 0 : a.sum();
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void reset() {
        counts.clear();
    }
}
