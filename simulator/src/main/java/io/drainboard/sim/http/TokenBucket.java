package io.drainboard.sim.http;

import java.time.Instant;

/**
 * One token bucket as the ECS API Reference describes it ("Request throttling for the Amazon ECS API",
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html): it holds at most
 * {@code burst} tokens, each request takes one, and {@code refillPerSecond} tokens are added back every
 * whole second; refill tokens that find the bucket full are discarded. Not thread-safe: {@link Throttling}
 * guards it.
 */
final class TokenBucket {
    private final int burst;
    private final int refillPerSecond;
    private double tokens;
    private Instant lastRefill;

    TokenBucket(int burst, int refillPerSecond, Instant now) {
        this.burst = burst;
        this.refillPerSecond = refillPerSecond;
        this.tokens = burst;
        this.lastRefill = now;
    }

    /** Takes a token if one is there; false means the request is throttled. */
    boolean tryTake(Instant now) {
        refill(now);
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }

    double tokens(Instant now) {
        refill(now);
        return tokens;
    }

    private void refill(Instant now) {
        long wholeSeconds = java.time.Duration.between(lastRefill, now).getSeconds();
        if (wholeSeconds <= 0) return;
        tokens = Math.min(burst, tokens + wholeSeconds * (double) refillPerSecond);
        lastRefill = lastRefill.plusSeconds(wholeSeconds);
    }
}
