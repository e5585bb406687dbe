package io.drainboard;

import io.drainboard.fleet.FleetSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app opens its profile before JavaFX starts: the console and its first read come up on their own. */
class ProfileOpeningTest {
    static final Path DEMO = Path.of("..", "profiles", "demo.yaml");

    @Test
    void theDemoOpensAndReadsWhileNobodyListensAndALateListenerIsToldOnTheRefresherThread() throws Exception {
        CompletableFuture<Console> opened = new CompletableFuture<>();
        ProfileOpening.start(DEMO, true).whenDone(opened::complete, f -> opened.completeExceptionally(
                new AssertionError(f.title() + ": " + f.details())));
        try (Console c = opened.get(60, TimeUnit.SECONDS)) {
            for (int i = 0; i < 600 && c.refresher().latest().isEmpty(); i++) Thread.sleep(100); // the wall-clock demo
            assertTrue(c.refresher().latest().isPresent(), "the first read ran without a window");
            List<String> threads = new CopyOnWriteArrayList<>();
            List<Long> sequences = new CopyOnWriteArrayList<>();
            CountDownLatch told = new CountDownLatch(1);
            c.refresher().addListener((FleetSnapshot s) -> {
                threads.add(Thread.currentThread().getName());
                sequences.add(s.sequence());
                told.countDown();
            });
            assertTrue(told.await(30, TimeUnit.SECONDS));
            // Never from the caller's thread while a refresh may be delivering on its own: one thread, in order.
            assertEquals("fleet-refresh", threads.get(0));
            assertEquals(1L, sequences.get(0), "the snapshot read before it listened comes first");
        }
    }

    @Test
    void aBrokenProfileFailsWithTheFileAndTheFix(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "name: broken\nregion: us-east-1\nrefresh: 3s\ncolour: blue\n");
        CompletableFuture<ProfileOpening.Failure> failed = new CompletableFuture<>();
        ProfileOpening.start(broken, true).whenDone(c -> failed.completeExceptionally(new AssertionError("opened")),
                failed::complete);
        ProfileOpening.Failure f = failed.get(30, TimeUnit.SECONDS);
        assertEquals("Profile broken.yaml is not usable", f.title());
        assertTrue(f.details().contains("colour"), f.details());
    }
}
