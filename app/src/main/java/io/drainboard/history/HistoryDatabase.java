package io.drainboard.history;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SQLite file and its connections: one for the writer thread, one for queries (WAL lets them run
 * side by side, https://www.sqlite.org/wal.html). Only one Drainboard records into a file at a time (a lock
 * file); a second one opens it read-only. Opening never creates over, repairs or rewrites a file it
 * cannot read: a damaged, locked or newer file gives {@link HistoryUnavailable} with what to do.
 */
final class HistoryDatabase implements AutoCloseable {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** Less room than this and a write error is a full disk: a WAL checkpoint alone needs more. */
    static final long LOW_SPACE = 1L << 20;
    private static final String DISK_FULL = "History is off: the disk holding ";

    private final Path file;
    private final Connection writer;   // null when read-only
    private final Connection reader;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private HistoryDatabase(Path file, Connection writer, Connection reader, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating if absent) for recording; read-only when another Drainboard records into it. */
    static HistoryDatabase open(Path file, HistorySettings settings) throws HistoryUnavailable {
        return open(file, settings, Migrations.STEPS);
    }

    static HistoryDatabase open(Path file, HistorySettings settings, List<List<String>> steps) throws HistoryUnavailable {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new HistoryUnavailable("History is off: cannot create " + file.getParent() + " (" + e.getMessage()
                    + "). Fix the permissions of the data directory and restart.", e);
        }
        checkHeader(file);
        // What this attempt creates it removes again when it fails (a full disk left a 4 KiB history.db behind);
        // a file that was there before is never touched.
        List<Path> made = new ArrayList<>();
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal", ".lock"}) {
            Path p = file.resolveSibling(file.getFileName() + suffix);
            if (!Files.exists(p)) made.add(p);
        }
        FileChannel channel = null;
        FileLock lock = null;
        try {
            channel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM records into it already
        } catch (IOException e) {
            lock = null; // cannot lock (read-only directory): read, do not record
        }
        boolean recording = lock != null;
        if (!recording && !Files.exists(file)) {
            close(channel);
            deleteQuietly(made);
            throw new HistoryUnavailable("History is off: cannot record into " + file + " (its lock file cannot be"
                    + " taken). Check the permissions of " + file.getParent() + ".");
        }
        Connection w = null, r = null;
        try {
            if (recording) {
                w = connect(file, settings, false);
                // Read before writing anything: a damaged or newer file is refused as it is.
                int version = Migrations.version(w);
                if (version > steps.size()) Migrations.apply(w, steps, file.toString()); // throws "newer", writes nothing
                try (Statement s = w.createStatement()) {
                    if (version == 0) s.execute("PRAGMA auto_vacuum = INCREMENTAL"); // only before the first table
                    s.execute("PRAGMA journal_mode = WAL");
                    s.execute("PRAGMA synchronous = NORMAL");   // WAL + NORMAL: durable up to the last checkpoint
                }
                Migrations.apply(w, steps, file.toString());
            }
            r = connect(file, settings, true);
            probe(r, recording ? steps.size() : -1, file);
            return new HistoryDatabase(file, w, r, channel, lock);
        } catch (SQLException e) {
            closeQuietly(w);
            closeQuietly(r);
            HistoryUnavailable why = explain(file, e); // before the clean-up frees the space it measures
            release(lock, channel);
            deleteQuietly(made);
            throw why;
        } catch (HistoryUnavailable e) {
            closeQuietly(w);
            closeQuietly(r);
            release(lock, channel);
            deleteQuietly(made);
            throw e;
        }
    }

    Path file() {
        return file;
    }

    boolean recording() {
        return writer != null;
    }

    Connection writer() {
        if (writer == null) throw new IllegalStateException("history is open read-only");
        return writer;
    }

    /** The query connection; callers hold its monitor while they use it. */
    Connection reader() {
        return reader;
    }

    long sizeBytes() {
        long n = 0;
        for (String suffix : new String[]{"", "-wal"}) {
            try {
                n += Files.size(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                // no WAL yet: nothing to add
            }
        }
        return n;
    }

    /** Turns a SQLite failure into the operator's words: what happened, that nothing was overwritten, what to do. */
    static HistoryUnavailable explain(Path file, SQLException e) {
        return explain(file, e, usableBytes(file));
    }

    /**
     * With {@code usable} bytes left on the file's disk (-1: unknown). Below {@link #LOW_SPACE} any write error is
     * a full disk: SQLite seldom says SQLITE_FULL there (on a tmpfs with 8–40 KiB left it said SQLITE_IOERR_SHMSIZE,
     * or "cannot commit - no transaction is active" after rolling the transaction back itself).
     */
    static HistoryUnavailable explain(Path file, SQLException e, long usable) {
        SQLiteErrorCode code = e instanceof SQLiteException s ? s.getResultCode() : SQLiteErrorCode.UNKNOWN_ERROR;
        String base = code.name(); // extended codes (SQLITE_BUSY_RECOVERY, …) start with their primary one
        String sqlite = "SQLite: " + firstLine(e.getMessage());
        if (base.startsWith("SQLITE_BUSY") || base.startsWith("SQLITE_LOCKED")) {
            return new HistoryUnavailable("History is off: " + file + " is locked by another program (" + sqlite
                    + "). Close whatever holds it (an sqlite3 shell or a backup in a transaction) and restart"
                    + " Drainboard. Nothing was overwritten; the console runs without history meanwhile.", e);
        }
        if (base.startsWith("SQLITE_NOTADB") || base.startsWith("SQLITE_CORRUPT")) {
            return corrupted(file, sqlite, e);
        }
        if (base.startsWith("SQLITE_FULL") || (usable >= 0 && usable < LOW_SPACE)) {
            return new HistoryUnavailable(DISK_FULL + file + " is full (" + (usable >= 0 ? usable / 1024 + " KiB free"
                    : sqlite) + "). Free space and restart; the console runs without history meanwhile.", e);
        }
        return new HistoryUnavailable("History is off: cannot use " + file + " (" + sqlite + "). Check that the file"
                + " and its directory are readable and writable, then restart; nothing was overwritten.", e);
    }

    /** Whether history went off because its disk is full (a lasting cause: the writer stops). */
    static boolean isDiskFull(HistoryUnavailable why) {
        return why.getMessage().startsWith(DISK_FULL);
    }

    private static long usableBytes(Path file) {
        try {
            Path p = file.toAbsolutePath();
            while (p != null && !Files.exists(p)) p = p.getParent();
            return p == null ? -1 : Files.getFileStore(p).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void deleteQuietly(List<Path> files) {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // left behind: at most an empty file; the message already says what to do
            }
        }
    }

    private static HistoryUnavailable corrupted(Path file, String detail, Exception e) {
        return new HistoryUnavailable("History is off: " + file + " is damaged or not a history database (" + detail
                + "). Drainboard left it untouched. Move it aside (mv " + file.getFileName() + " "
                + file.getFileName() + ".broken) and restart to begin a new history; the console runs without"
                + " history meanwhile.", e);
    }

    /** A file that is not SQLite at all is refused before SQLite sees it (SQLite would treat a 0-byte file as new). */
    private static void checkHeader(Path file) throws HistoryUnavailable {
        if (!Files.exists(file)) return;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SQLITE_HEADER.length);
            if (head.length == 0) return;
            if (!Arrays.equals(head, SQLITE_HEADER)) {
                throw corrupted(file, "it does not start with the SQLite header", null);
            }
        } catch (IOException e) {
            throw new HistoryUnavailable("History is off: cannot read " + file + " (" + e.getMessage()
                    + "). Check its permissions and restart.", e);
        }
    }

    /** Reads the schema, so a damaged file fails here rather than in the middle of a refresh. */
    private static void probe(Connection c, int expectVersion, Path file) throws SQLException, HistoryUnavailable {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT count(*) FROM sqlite_master").close();
        }
        int v = Migrations.version(c);
        if (expectVersion < 0 && v > Migrations.latest()) {
            throw new HistoryUnavailable("History is off: " + file + " was written by a newer Drainboard (schema v" + v
                    + "). Update Drainboard to read it.");
        }
    }

    private static Connection connect(Path file, HistorySettings settings, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) settings.busyTimeout().toMillis());
        if (readOnly) {
            config.setReadOnly(true);
            config.setOpenMode(SQLiteOpenMode.READONLY);
        }
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    private static String firstLine(String s) {
        if (s == null) return "no detail";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException e) {
            // closing after a failure: the first error is the one to report
        }
    }

    private static void release(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) lock.release();
        } catch (IOException e) {
            // the process is letting go anyway
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            if (channel != null) channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        synchronized (reader) {
            closeQuietly(reader);
        }
        closeQuietly(writer); // last: the last connection checkpoints the WAL into the file (a reader cannot)
        release(lock, lockChannel);
    }
}
