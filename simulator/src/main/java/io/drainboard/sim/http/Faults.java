package io.drainboard.sim.http;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults injected per operation ("ecs:DescribeTasks", or "ecs:*", or "*"): a probability of throttling,
 * of a 5xx, of a connection reset, and an added latency. Tests set them through the admin endpoint or
 * directly.
 */
public final class Faults {
    public record Rule(double throttleRate, double serverErrorRate, double resetRate, Duration latency) {
        public static final Rule NONE = new Rule(0, 0, 0, Duration.ZERO);
    }

    public enum Outcome { PASS, THROTTLE, SERVER_ERROR, RESET }

    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final SplittableRandom seedSource = new SplittableRandom(17);

    public void set(String key, Rule rule) {
        rules.put(key, rule);
    }

    /** The rules set now, by key. */
    public Map<String, Rule> rules() {
        return new java.util.TreeMap<>(rules);
    }

    public void clear() {
        rules.clear();
    }

    public Rule ruleFor(String service, String operation) {
        Rule r = rules.get(service + ":" + operation);
        if (r == null) r = rules.get(service + ":*");
        if (r == null) r = rules.get("*");
        return r == null ? Rule.NONE : r;
    }

    public Outcome decide(Rule r) {
        if (r == Rule.NONE) return Outcome.PASS;
        double x;
        synchronized (seedSource) {
            x = seedSource.nextDouble();
        }
        if (x < r.throttleRate()) return Outcome.THROTTLE;
        x -= r.throttleRate();
        if (x < r.serverErrorRate()) return Outcome.SERVER_ERROR;
        x -= r.serverErrorRate();
        if (x < r.resetRate()) return Outcome.RESET;
        return Outcome.PASS;
    }
}
