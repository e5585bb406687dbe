package io.drainboard.ui;

import io.drainboard.ui.common.OpenConsole;
import io.drainboard.Console;
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
        CompletableFuture<OpenConsole> opened = new CompletableFuture<>();
        ProfileOpening.start(DEMO, true, Console::open).whenDone(opened::complete, f -> opened.completeExceptionally(
                new AssertionError(f.title() + ": " + f.details())));
        try (OpenConsole c = opened.get(60, TimeUnit.SECONDS)) {
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
        ProfileOpening.start(broken, true, Console::open).whenDone(c -> failed.completeExceptionally(new AssertionError("opened")),
                failed::complete);
        ProfileOpening.Failure f = failed.get(30, TimeUnit.SECONDS);
        assertEquals("Profile broken.yaml is not usable", f.title());
        assertTrue(f.details().contains("colour"), f.details());
    }

    /**
     * {@code simulator.scenario} pointing at a file that is no scenario (the probe: ../../../../etc/passwd): the
     * window is told in one line naming file:line, the file's content is never shown or logged, and nothing logs
     * a stack trace.
     */
    @Test
    void aScenarioPathToAnotherFileFailsInOneLineWithoutItsContent(@TempDir Path dir) throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n"
                + "svc:x:998:998:PasswdSecret0x51:/home/svc:/bin/sh\n");
        Path profile = Files.writeString(dir.resolve("p.yaml"), "name: p\nregion: us-east-1\nsimulator:\n"
                + "  scenario: " + passwd + "\n");
        java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
        java.util.logging.Handler h = new java.util.logging.StreamHandler(logs, new java.util.logging.SimpleFormatter());
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(h);
        try {
            CompletableFuture<ProfileOpening.Failure> failed = new CompletableFuture<>();
            ProfileOpening.start(profile, true, Console::open).whenDone(c -> {
                c.close();
                failed.completeExceptionally(new AssertionError("opened"));
            }, failed::complete);
            ProfileOpening.Failure f = failed.get(60, TimeUnit.SECONDS);
            String shown = f.title() + "\n" + f.details();
            assertTrue(f.details().startsWith(profile + ":4: simulator.scenario: " + passwd + ":1: not a scenario file"), shown);
            assertEquals(2, f.details().lines().count(), "the problem and what to do: " + shown);
            h.flush();
            String logged = logs.toString(java.nio.charset.StandardCharsets.UTF_8);
            for (String text : List.of(shown, logged)) {
                assertTrue(!text.contains("root:x") && !text.contains("PasswdSecret0x51"), "the file's content: " + text);
                assertTrue(!text.contains("\tat ") && !text.contains("Exception:"), "a stack trace: " + text);
            }
        } finally {
            root.removeHandler(h);
        }
    }
}
