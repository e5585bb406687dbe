package io.drainboard.sim.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts requests per "service:Operation" so tests and benchmarks can compare what clients sent, in total and
 * per account and region ({@link Scope}) for the AWS APIs. LiveKit and the workers' endpoints are not
 * regional: they count in the totals only.
 */
public final class RequestLog {
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Scope, ConcurrentHashMap<String, LongAdder>> byScope = new ConcurrentHashMap<>();

    public void record(String service, String operation) {
        record(null, service, operation);
    }

    /** @param scope the account and region the request landed in; null for a request that has none */
    public void record(Scope scope, String service, String operation) {
        String key = service + ":" + operation;
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
        if (scope != null) {
            byScope.computeIfAbsent(scope, s -> new ConcurrentHashMap<>()).computeIfAbsent(key, k -> new LongAdder())
                    .increment();
        }
    }

    /** Requests of this operation, wherever they landed. */
    public long count(String service, String operation) {
        LongAdder a = counts.get(service + ":" + operation);
        return a == null ? 0 : a.sum();
    }

    /** Requests of this operation that landed in one account and region. */
    public long count(Scope scope, String service, String operation) {
        Map<String, LongAdder> in = byScope.get(scope);
        LongAdder a = in == null ? null : in.get(service + ":" + operation);
        return a == null ? 0 : a.sum();
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Every request that landed in one account and region. */
    public long total(Scope scope) {
        Map<String, LongAdder> in = byScope.get(scope);
        return in == null ? 0 : in.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Per "account/region", the counts of the requests that landed there. */
    public Map<String, Map<String, Long>> snapshotByScope() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        byScope.forEach((scope, in) -> {
            Map<String, Long> m = new TreeMap<>();
            in.forEach((k, v) -> m.put(k, v.sum()));
            out.put(scope.toString(), m);
        });
        return out;
    }

    public void reset() {
        counts.clear();
        byScope.clear();
    }
}
