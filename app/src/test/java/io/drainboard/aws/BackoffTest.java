package io.drainboard.aws;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(60), 3);

    @Test
    void eachWaitIsJitteredBelowAnExponentialCeiling() {
        SplittableRandom r = new SplittableRandom(1);
        for (int retry = 1; retry <= 10; retry++) {
            long ceiling = Math.min(2000, 100L << (retry - 1));
            long max = 0;
            for (int i = 0; i < 500; i++) {
                long ms = backoff.delay(retry, r).toMillis();
                assertTrue(ms >= 0 && ms <= ceiling, "retry " + retry + " waited " + ms + " ms");
                max = Math.max(max, ms);
            }
            assertTrue(max > ceiling / 2, "full jitter spreads up to the ceiling, saw at most " + max);
        }
    }

    @Test
    void jitterSpreadsRetriesOfRequestsThrottledTogether() {
        SplittableRandom r = new SplittableRandom(2);
        long distinct = java.util.stream.IntStream.range(0, 50).mapToLong(i -> backoff.delay(3, r).toMillis()).distinct().count();
        assertTrue(distinct > 40, "50 clients throttled together must not retry together: " + distinct + " distinct waits");
    }

    @Test
    void aZeroBaseNeverWaits() {
        Backoff none = new Backoff(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), 1);
        assertEquals(Duration.ZERO, none.delay(5, new SplittableRandom(3)));
    }
}
