package io.drainboard.aws;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before trying a request again: exponential backoff with "full jitter" (a random
 * delay between 0 and min(cap, base × 2^attempt)), as the AWS Architecture Blog "Exponential Backoff
 * And Jitter" recommends so that many clients throttled together do not retry together.
 *
 * @param base        the first retry's ceiling
 * @param cap         no single wait is longer than this
 * @param giveUpAfter a throttled request is retried until this much time has passed since its first try;
 *                    then it fails and the part of the fleet it was reading shows as failing
 * @param transientAttempts tries in all for a 5xx or a dropped connection (throttling has no count limit)
 */
public record Backoff(Duration base, Duration cap, Duration giveUpAfter, int transientAttempts) {
    /** Modest defaults: ECS refills its read buckets at 20/s (ECS API Reference, "Request throttling"). */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5),
            Duration.ofSeconds(60), 3);

    public Backoff {
        if (base.isNegative() || cap.compareTo(base) < 0) throw new IllegalArgumentException("need 0 <= base <= cap");
        if (transientAttempts < 1) throw new IllegalArgumentException("transientAttempts must be >= 1");
    }

    /** The wait before retry number {@code retry} (1 = the first retry). */
    public Duration delay(int retry, RandomGenerator random) {
        long ceiling = base.toNanos() << Math.min(30, Math.max(0, retry - 1));
        if (ceiling <= 0 || ceiling > cap.toNanos()) ceiling = cap.toNanos();
        return ceiling == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(ceiling + 1));
    }
}
