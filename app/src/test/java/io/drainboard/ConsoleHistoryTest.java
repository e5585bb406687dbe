package io.drainboard;

import io.drainboard.history.History;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console owns a history store in its data directory (here a temp one, through drainboard.dataDir):
 * it records what it reads, and a store it cannot use leaves the console running without history.
 */
class ConsoleHistoryTest {
    private static final String PROFILE = "name: hist\nregion: us-east-1\nsimulator: {scenario: demo}\n";
    private final String before = System.getProperty("drainboard.dataDir");

    @AfterEach
    void restore() {
        if (before == null) System.clearProperty("drainboard.dataDir");
        else System.setProperty("drainboard.dataDir", before);
    }

    private static Console open(Path dataDir) throws Exception {
        System.setProperty("drainboard.dataDir", dataDir.toString());
        return Console.onSimulator(ProfileLoader.parse(Path.of("hist.yaml"), PROFILE), Simulator.start(Simulator.Options.virtual("demo")));
    }

    @Test
    void theConsoleRecordsEveryRefreshIntoItsHistory(@TempDir Path dir) throws Exception {
        try (Console c = open(dir)) {
            assertEquals(History.State.RECORDING, c.history().status().state(), c.history().status().message());
            c.refresher().readOnce();
            assertTrue(c.history().flush(Duration.ofSeconds(20)));
            assertTrue(c.history().service("voice-prod", "support-agent").isPresent(), "the refresh was recorded");
            assertTrue(Files.exists(dir.resolve(History.FILE_NAME)));
        }
    }

    /**
     * The history opens on a thread of its own while the rest of the console is built; when the console then cannot open
     * (no AWS credentials), that history is closed again: the next console of this process records into the file,
     * rather than finding it taken by a console that never was.
     */
    @Test
    void aConsoleThatCannotOpenLeavesItsHistoryFileFree(@TempDir Path dir) throws Exception {
        System.setProperty("drainboard.dataDir", dir.toString());
        var aws = ProfileLoader.parse(Path.of("aws-example.yaml"), Files.readString(Path.of("..", "profiles", "aws-example.yaml"))
                .replace("profile: voice-prod", "profile: drainboard-test-absent-" + Long.toHexString(System.nanoTime())));
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> Console.open(aws));
        assertTrue(refused.getMessage().contains("drainboard-test-absent-"), refused.getMessage());
        try (Console c = open(dir)) {
            assertEquals(History.State.RECORDING, c.history().status().state(), c.history().status().message());
        }
    }

    @Test
    void aDamagedHistoryFileLeavesTheConsoleRunningWithoutHistory(@TempDir Path dir) throws Exception {
        byte[] junk = "not a database\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve(History.FILE_NAME), junk);
        try (Console c = open(dir)) {
            assertEquals(History.State.OFF, c.history().status().state());
            assertTrue(c.history().status().message().contains("damaged or not a history database"), c.history().status().message());
            assertEquals(29, c.refresher().readOnce().tasks().count(), "the fleet is read as ever");
        }
    }
}
