package io.drainboard.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static io.drainboard.history.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes never hold up a refresh: a full queue drops (and counts), the writer batches what piled up. */
class HistoryWriterTest {
    @TempDir
    Path dir;

    @Test
    void aStuckWriterCostsHistoryNotTheRefresh() throws Exception {
        try (History h = History.open(dir, Clock.fixed(T0, ZoneOffset.UTC),
                HistorySettings.DEFAULT.withBusyTimeout(Duration.ZERO).withQueueCapacity(2))) {
            CountDownLatch stuck = new CountDownLatch(1), taken = new CountDownLatch(1);
            h.writerForTests().offer(tx -> {
                taken.countDown();
                try {
                    stuck.await(); // a disk that does not answer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            taken.await();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 0; i < 5; i++) {
                    h.recorder().snapshot(Fixtures.snapshot(i + 1, T0.plusSeconds(5L * i),
                            List.of(Fixtures.running("a", T0.plusSeconds(5L * i), "r" + i)), List.of(), List.of()));
                }
            }, "handing a snapshot to history must not wait for the disk");
            assertEquals(3, h.droppedSnapshots(), "two fit in the queue, three were dropped");
            stuck.countDown();
            assertTrue(h.flush(Duration.ofSeconds(10)));
            assertEquals(2, h.writerForTests().batches(), "the stuck job, then both queued snapshots in one transaction");
            assertEquals(1, h.services().size());
        }
    }

    @Test
    void heldWritesQueueWithoutAWriterThreadAndAreWrittenOnResume() throws Exception {
        try (History h = History.open(dir, Clock.fixed(T0, ZoneOffset.UTC), HistorySettings.DEFAULT)) {
            h.holdWrites(); // what the app does while it starts
            h.recorder().snapshot(Fixtures.snapshot(1, T0, List.of(Fixtures.running("a", T0, "r1")), List.of(), List.of()));
            assertEquals(0, h.writerForTests().batches());
            assertTrue(!h.flush(Duration.ofMillis(300)), "a flush cannot finish while writes are held");
            h.resumeWrites();
            assertTrue(h.flush(Duration.ofSeconds(10)));
            assertEquals(1, h.services().size(), "the queued snapshot was written after the resume");
            assertEquals(0, h.droppedSnapshots());
        }
    }
}
