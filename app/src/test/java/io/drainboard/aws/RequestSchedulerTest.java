package io.drainboard.aws;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduler's rules on plain callables: bound, order, retry. Latches, not sleeps, pace the tests. */
class RequestSchedulerTest {
    private static final Backoff FAST = new Backoff(Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(30), 3);
    private RequestScheduler scheduler;

    @AfterEach
    void close() {
        scheduler.close();
    }

    private static RequestScheduler.Verdict classify(Throwable t) {
        if (t instanceof Throttled) return RequestScheduler.Verdict.THROTTLED;
        if (t instanceof Flaky) return RequestScheduler.Verdict.TRANSIENT;
        return RequestScheduler.Verdict.FATAL;
    }

    @Test
    void neverMoreThanTheLimitInFlight() throws Exception {
        scheduler = new RequestScheduler(3, FAST, "t");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger(), peak = new AtomicInteger();
        CountDownLatch threeStarted = new CountDownLatch(3);
        List<CompletableFuture<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fs.add(scheduler.submit("op", RequestScheduler.LIST, () -> {
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                threeStarted.countDown();
                release.await(10, TimeUnit.SECONDS);
                inFlight.decrementAndGet();
                return 1;
            }, RequestSchedulerTest::classify));
        }
        assertTrue(threeStarted.await(10, TimeUnit.SECONDS));
        assertEquals(3, inFlight.get());
        release.countDown();
        assertEquals(20, fs.stream().mapToInt(CompletableFuture::join).sum());
        assertEquals(3, peak.get());
        assertEquals(20, scheduler.stats().counts().sent("op"));
    }

    @Test
    void lowerPriorityNumbersGoFirst() throws Exception {
        scheduler = new RequestScheduler(1, FAST, "t");
        CountDownLatch blocked = new CountDownLatch(1), release = new CountDownLatch(1);
        scheduler.submit("block", 0, () -> {
            blocked.countDown();
            release.await(10, TimeUnit.SECONDS);
            return 0;
        }, RequestSchedulerTest::classify);
        assertTrue(blocked.await(10, TimeUnit.SECONDS));
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> fs = new ArrayList<>();
        fs.add(scheduler.submit("bulk-1", RequestScheduler.DESCRIBE_BULK, () -> order.add("bulk-1"), RequestSchedulerTest::classify));
        fs.add(scheduler.submit("list-1", RequestScheduler.LIST, () -> order.add("list-1"), RequestSchedulerTest::classify));
        fs.add(scheduler.submit("bulk-2", RequestScheduler.DESCRIBE_BULK, () -> order.add("bulk-2"), RequestSchedulerTest::classify));
        fs.add(scheduler.submit("small", RequestScheduler.DESCRIBE_SMALL, () -> order.add("small"), RequestSchedulerTest::classify));
        fs.add(scheduler.submit("list-2", RequestScheduler.LIST, () -> order.add("list-2"), RequestSchedulerTest::classify));
        release.countDown();
        CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
        assertEquals(List.of("list-1", "list-2", "small", "bulk-1", "bulk-2"), order);
    }

    @Test
    void throttledRequestsAreRetriedUntilTheyPassAndCounted() {
        scheduler = new RequestScheduler(2, FAST, "t");
        AtomicInteger tries = new AtomicInteger();
        int v = scheduler.submit("op", 0, () -> {
            if (tries.incrementAndGet() <= 5) throw new Throttled();
            return 42;
        }, RequestSchedulerTest::classify).join();
        assertEquals(42, v);
        assertEquals(6, tries.get());
        RequestCounts c = scheduler.stats().counts();
        assertEquals(5, c.throttled());
        assertEquals(5, c.retried());
        assertEquals(0, c.failed());
        assertEquals(6, c.sent());
    }

    @Test
    void throttlingGivesUpAfterTheDeadline() {
        scheduler = new RequestScheduler(1, new Backoff(Duration.ZERO, Duration.ZERO, Duration.ZERO, 3), "t");
        CompletionException e = assertThrows(CompletionException.class, () -> scheduler.submit("op", 0,
                () -> { throw new Throttled(); }, RequestSchedulerTest::classify).join());
        assertTrue(e.getCause() instanceof Throttled);
        assertEquals(1, scheduler.stats().counts().failed());
    }

    @Test
    void transientFailuresGetALimitedNumberOfTries() {
        scheduler = new RequestScheduler(1, FAST, "t");
        AtomicInteger tries = new AtomicInteger();
        assertThrows(CompletionException.class, () -> scheduler.submit("op", 0, () -> {
            tries.incrementAndGet();
            throw new Flaky();
        }, RequestSchedulerTest::classify).join());
        assertEquals(3, tries.get());
    }

    @Test
    void finalFailuresAreNotRetried() {
        scheduler = new RequestScheduler(1, FAST, "t");
        AtomicInteger tries = new AtomicInteger();
        assertThrows(CompletionException.class, () -> scheduler.submit("op", 0, () -> {
            tries.incrementAndGet();
            throw new IllegalStateException("access denied");
        }, RequestSchedulerTest::classify).join());
        assertEquals(1, tries.get());
    }

    private static final class Throttled extends RuntimeException {
    }

    private static final class Flaky extends RuntimeException {
    }
}
