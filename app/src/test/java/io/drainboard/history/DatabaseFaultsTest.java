package io.drainboard.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file history cannot use: a clear message, the console goes on without history, the file is left as it was. */
class DatabaseFaultsTest {
    static final Clock CLOCK = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
    static final HistorySettings SETTINGS = HistorySettings.DEFAULT.withBusyTimeout(Duration.ZERO);

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotADatabaseIsLeftUntouched() throws Exception {
        Path file = dir.resolve(History.FILE_NAME);
        byte[] junk = "these are someone's notes, not a database\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, junk);
        try (History h = History.open(dir, CLOCK, SETTINGS)) {
            assertOffSaying(h, "damaged or not a history database", "Move it aside");
            h.recorder().snapshot(Fixtures.snapshot(1, Fixtures.T0, List.of(Fixtures.running("a", Fixtures.T0, "r1")),
                    List.of(), List.of())); // the refresh goes on: recording is a no-op
            HistoryUnavailable e = assertThrows(HistoryUnavailable.class, h::services);
            assertTrue(e.getMessage().contains("History is off"));
        }
        assertArrayEquals(junk, Files.readAllBytes(file), "nothing was overwritten");
    }

    @Test
    void aDamagedSqliteFileIsLeftUntouched() throws Exception {
        Path file = dir.resolve(History.FILE_NAME);
        byte[] bytes = new byte[8192];
        System.arraycopy("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 16);
        for (int i = 16; i < bytes.length; i++) bytes[i] = (byte) (i * 31);
        Files.write(file, bytes);
        try (History h = History.open(dir, CLOCK, SETTINGS)) {
            assertOffSaying(h, "damaged or not a history database", "SQLite");
        }
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void aFileLockedByAnotherProgramSaysSo() throws Exception {
        Path file = dir.resolve(History.FILE_NAME);
        try (History first = History.open(dir, CLOCK, SETTINGS)) {
            assertEquals(History.State.RECORDING, first.status().state());
        }
        byte[] before = Files.readAllBytes(file);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = other.createStatement()) {
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE"); // e.g. an sqlite3 shell in the middle of a transaction
            try (History h = History.open(dir, CLOCK, SETTINGS)) {
                assertOffSaying(h, "locked by another program", "restart");
            }
            s.execute("ROLLBACK");
        }
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aSecondConsoleReadsWhatTheFirstRecords() throws Exception {
        try (History first = History.open(dir, CLOCK, SETTINGS); History second = History.open(dir, CLOCK, SETTINGS)) {
            assertEquals(History.State.RECORDING, first.status().state());
            assertEquals(History.State.READ_ONLY, second.status().state());
            assertTrue(second.status().message().contains("Another Drainboard"));
            first.recorder().snapshot(Fixtures.snapshot(1, Fixtures.T0, List.of(Fixtures.running("a", Fixtures.T0)),
                    List.of(), List.of()));
            assertTrue(first.flush(Duration.ofSeconds(10)));
            assertEquals(1, second.services().size(), "the reader sees the writer's rows (WAL)");
        }
    }

    @Test
    void aFileFromANewerDrainboardIsRefusedUntouched() throws Exception {
        Path file = dir.resolve(History.FILE_NAME);
        try (History h = History.open(dir, CLOCK, SETTINGS)) {
            assertEquals(History.State.RECORDING, h.status().state());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Migrations.latest() + 1));
        }
        byte[] before = Files.readAllBytes(file);
        try (History h = History.open(dir, CLOCK, SETTINGS)) {
            assertOffSaying(h, "newer Drainboard", "update Drainboard");
        }
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void historyCanBeSwitchedOff() {
        HistorySettings off = HistorySettings.from(k -> k.endsWith("enabled") ? "false" : null);
        try (History h = History.open(dir, CLOCK, off)) {
            assertOffSaying(h, "drainboard.history.enabled=false");
        }
        assertTrue(Files.notExists(dir.resolve(History.FILE_NAME)));
    }

    private static void assertOffSaying(History h, String... parts) {
        assertEquals(History.State.OFF, h.status().state(), h.status().message());
        for (String p : parts) assertTrue(h.status().message().contains(p), h.status().message());
        assertEquals(Instant.class, CLOCK.instant().getClass());
    }
}
