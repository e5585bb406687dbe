package io.drainboard.sim.model;

import java.time.Duration;

/**
 * How the simulator reads the rules AWS leaves undocumented (docs/simulator.md "Rules and switches"):
 * by default the harsher reading, the other one behind a scenario switch ({@code rules:} in the YAML).
 *
 * @param strictProtectionLimit DEPLOYMENT_BLOCKED ("the service has more protected tasks than the desired
 *                              count", Developer Guide "Protect your Amazon ECS tasks from being terminated
 *                              by scale-in events"; whether a renewal counts, whether old deployments' tasks
 *                              count and whether the limit is &gt; or ≥ are not documented). Strict: every
 *                              enabling call is refused once the service's protected tasks — of every
 *                              deployment, this one included — number at least the desired count, so a
 *                              renewal at count = desired is refused. Lenient: only the PRIMARY deployment's
 *                              tasks count, and a renewal never raises the count.
 * @param readAfterWriteLag     the longest time a write stays invisible to the reads after it (API Reference
 *                              "RunTask": "the result of an API command … might not be immediately visible
 *                              to all subsequent commands"; how long is not documented). Each write draws
 *                              its own lag, uniformly from zero to this, from the model's seeded random
 *                              stream. Zero: every read sees every write at once.
 * @param protectionExpiryDelay how long after a protection's expiry the scheduler first acts on it (the API
 *                              clears protectionEnabled at expiry; when a scale-in or deployment then
 *                              stops the task is not documented). Zero, the harsh reading: at once.
 */
public record Rules(boolean strictProtectionLimit, Duration readAfterWriteLag, Duration protectionExpiryDelay) {
    /** The harsh readings: what scenarios and tests get unless they say otherwise. */
    public static final Rules DEFAULT = new Rules(true, Duration.ofSeconds(5), Duration.ZERO);

    public Rules {
        if (readAfterWriteLag == null || readAfterWriteLag.isNegative()) {
            throw new IllegalArgumentException("readAfterWriteLag must be 0 or more");
        }
        if (protectionExpiryDelay == null || protectionExpiryDelay.isNegative()) {
            throw new IllegalArgumentException("protectionExpiryDelay must be 0 or more");
        }
    }

    public Rules withStrictProtectionLimit(boolean on) {
        return new Rules(on, readAfterWriteLag, protectionExpiryDelay);
    }

    public Rules withReadAfterWriteLag(Duration d) {
        return new Rules(strictProtectionLimit, d, protectionExpiryDelay);
    }

    public Rules withProtectionExpiryDelay(Duration d) {
        return new Rules(strictProtectionLimit, readAfterWriteLag, d);
    }
}
