package io.drainboard.sim.http;

/**
 * What stands between a request and its handler, the same for every protocol: injected faults first
 * (latency, then throttle / 5xx / reset by chance), then the API's own rate limits. Each router renders
 * the outcome in its protocol's error format.
 */
public final class RequestGate {
    private final RequestLog log;
    private final Faults faults;
    private final Throttling throttling;
    private final Scope scope;

    public RequestGate(RequestLog log, Faults faults, Throttling throttling) {
        this(log, faults, throttling, null);
    }

    /** @param scope the account and region this gate's requests land in (logged, and throttled apart); null: none */
    public RequestGate(RequestLog log, Faults faults, Throttling throttling, Scope scope) {
        this.log = log;
        this.faults = faults;
        this.throttling = throttling;
        this.scope = scope;
    }

    /** Records the request and decides its fate; sleeps (wall time) for injected latency. */
    public Faults.Outcome admit(String service, String operation) {
        log.record(scope, service, operation);
        Faults.Rule rule = faults.ruleFor(service, operation);
        if (!rule.latency().isZero()) sleep(rule.latency().toMillis());
        Faults.Outcome o = faults.decide(rule);
        if (o != Faults.Outcome.PASS) return o;
        return throttling.tryAcquire(scope, service, operation) ? Faults.Outcome.PASS : Faults.Outcome.THROTTLE;
    }

    public RequestLog log() { return log; }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
