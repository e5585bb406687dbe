package io.drainboard.history;

import io.drainboard.rollout.HeadlessRollout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * History fails safe: a full disk is called a full disk and leaves no half-made file, odd settings are refused
 * by name (never silently replaced by the default), "History is off" is one log line without a stack trace,
 * and a dry run writes no history file.
 */
class HistoryFailSafeTest {
    static final Clock CLOCK = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
    static final HistorySettings SETTINGS = HistorySettings.DEFAULT.withBusyTimeout(Duration.ZERO);

    @TempDir
    Path dir;
    private final List<LogRecord> logged = new ArrayList<>();
    private Handler handler;

    @BeforeEach
    void captureLogs() {
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (logged) {
                    logged.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("io.drainboard").addHandler(handler);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("io.drainboard").removeHandler(handler);
    }

    /**
     * SQLite says "database or disk is full" halfway through creating the schema (here through its page limit,
     * the error a full disk gives): the message says the disk is full and no file of the attempt is left behind.
     */
    @Test
    void aDiskFullWhileCreatingTheFileSaysSoAndLeavesNoHalfMadeFile() throws Exception {
        List<String> tables = new ArrayList<>(List.of("PRAGMA max_page_count = 2"));
        for (int i = 0; i < 20; i++) tables.add("CREATE TABLE t" + i + "(a INTEGER PRIMARY KEY, b TEXT)");
        Path file = dir.resolve(History.FILE_NAME);
        HistoryUnavailable e = assertThrows(HistoryUnavailable.class,
                () -> HistoryDatabase.open(file, SETTINGS, List.of(tables)));
        assertTrue(e.getMessage().startsWith("History is off: the disk holding " + file + " is full"), e.getMessage());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList(), "nothing half-made is left");
        }
    }

    /** A file that was there before is never removed, even when opening it fails for lack of space. */
    @Test
    void aFileThatWasThereBeforeIsKeptWhenTheDiskIsFull() throws Exception {
        Path file = dir.resolve(History.FILE_NAME);
        try (History h = History.open(dir, CLOCK, SETTINGS)) {
            assertEquals(History.State.RECORDING, h.status().state());
        }
        List<List<String>> more = new ArrayList<>(Migrations.STEPS);
        List<String> big = new ArrayList<>(List.of("PRAGMA max_page_count = 1"));
        big.add("CREATE TABLE big(a INTEGER PRIMARY KEY, b TEXT)");
        more.add(big);
        byte[] before = Files.readAllBytes(file);
        HistoryUnavailable e = assertThrows(HistoryUnavailable.class, () -> HistoryDatabase.open(file, SETTINGS, more));
        assertTrue(e.getMessage().contains("is full"), e.getMessage());
        assertTrue(Files.exists(file), "the existing history is kept");
        assertEquals(before.length, Files.readAllBytes(file).length);
    }

    /**
     * On a real full disk SQLite's error is often not SQLITE_FULL (measured on a tmpfs with 8–40 KiB left: an
     * I/O error resizing the shared-memory file, or "cannot commit - no transaction is active" after SQLite rolled
     * the transaction back itself); with almost no space left, any write error is a full disk.
     */
    @Test
    void whateverSqliteSaysAFullDiskIsCalledAFullDisk() {
        Path file = dir.resolve(History.FILE_NAME);
        for (SQLiteException e : List.of(new SQLiteException("cannot commit - no transaction is active", SQLiteErrorCode.SQLITE_ERROR),
                new SQLiteException("I/O error within xShmMap", SQLiteErrorCode.SQLITE_IOERR_SHMSIZE),
                new SQLiteException("disk I/O error", SQLiteErrorCode.SQLITE_IOERR_WRITE))) {
            String m = HistoryDatabase.explain(file, e, 12 * 1024).getMessage();
            assertTrue(m.startsWith("History is off: the disk holding " + file + " is full (12 KiB free)"), m);
            assertTrue(!m.contains("no transaction is active"), m);
        }
        String plenty = HistoryDatabase.explain(file, new SQLiteException("disk I/O error",
                SQLiteErrorCode.SQLITE_IOERR_WRITE), 50L << 30).getMessage();
        assertTrue(plenty.contains("cannot use"), "with room left an I/O error is not called a full disk: " + plenty);
    }

    @Test
    void oddSettingsAreRefusedByName() {
        Map<String, String> odd = Map.of("drainboard.history.maxMegabytes", "0", "drainboard.history.busyTimeoutMillis", "-5",
                "drainboard.history.retentionDays", "thirty", "drainboard.history.enabled", "maybe",
                "drainboard.history.backfillHours", "99999999999999999999");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HistorySettings.from(odd::get));
        for (String key : odd.keySet()) assertTrue(e.getMessage().contains(key + "="), key + ": " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        for (var one : odd.entrySet()) {
            IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                    () -> HistorySettings.from(Map.of(one.getKey(), one.getValue())::get), one.toString());
            assertTrue(single.getMessage().contains(one.getKey() + "=" + one.getValue()), single.getMessage());
        }
        assertEquals(HistorySettings.DEFAULT, HistorySettings.from(k -> null), "unset: the defaults");
        assertEquals(HistorySettings.DEFAULT, HistorySettings.from(Map.of("drainboard.history.maxMegabytes", " 2048 ")::get));
    }

    /** Odd settings leave history off, saying which setting and what to write, in one log line; no file is made. */
    @Test
    void oddSettingsLeaveHistoryOffInOneLogLine() {
        try (History h = History.open(dir, CLOCK, Map.of("drainboard.history.maxMegabytes", "0")::get)) {
            assertEquals(History.State.OFF, h.status().state());
            assertTrue(h.status().message().startsWith("History is off: -Ddrainboard.history.maxMegabytes=0"),
                    h.status().message());
        }
        assertTrue(Files.notExists(dir.resolve(History.FILE_NAME)));
        assertOneLineSaying("History is off: -Ddrainboard.history.maxMegabytes=0");
    }

    @Test
    void historyIsOffIsLoggedAsOneLineWithoutAStackTrace() throws Exception {
        byte[] damaged = new byte[8192]; // SQLite's header, then garbage: SQLite itself fails on it, with a cause
        System.arraycopy("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 0, damaged, 0, 16);
        for (int i = 16; i < damaged.length; i++) damaged[i] = (byte) (i * 31);
        Files.write(dir.resolve(History.FILE_NAME), damaged);
        try (History h = History.open(dir, CLOCK, SETTINGS)) {
            assertEquals(History.State.OFF, h.status().state());
        }
        assertOneLineSaying("History is off: ");
    }

    /** {@code --rollout --dry-run} says nothing was changed: it writes no history file either. */
    @Test
    void aDryRunWritesNoHistoryFile() {
        String before = System.getProperty("drainboard.dataDir");
        System.setProperty("drainboard.dataDir", dir.toString());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            HeadlessRollout.main(List.of("--rollout", "--profile", "../profiles/demo.yaml", "--service",
                    "voice-prod/support-agent", "--task-definition", "support-agent:41", "--dry-run"),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("nothing was changed"), printed);
            assertTrue(Files.notExists(dir.resolve(History.FILE_NAME)), "a dry run wrote " + History.FILE_NAME);
            assertTrue(Files.notExists(dir.resolve(History.FILE_NAME + ".lock")), "a dry run wrote the history lock");
        } finally {
            if (before == null) System.clearProperty("drainboard.dataDir");
            else System.setProperty("drainboard.dataDir", before);
        }
    }

    private void assertOneLineSaying(String text) {
        List<LogRecord> off;
        synchronized (logged) {
            off = logged.stream().filter(r -> String.valueOf(r.getMessage()).contains(text)).toList();
        }
        assertEquals(1, off.size(), "logged once: " + off.stream().map(LogRecord::getMessage).toList());
        LogRecord r = off.get(0);
        assertEquals(null, r.getThrown(), "no stack trace");
        assertTrue(!r.getMessage().contains("\n"), r.getMessage());
    }
}
