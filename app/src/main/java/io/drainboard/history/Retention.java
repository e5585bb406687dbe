package io.drainboard.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the file within its age and size limits: rows older than the retention go; if the pages in use still
 * exceed the size limit, whole days are dropped from the oldest on (never the last few hours, which the
 * recorder still refers to). Freed pages are handed back with incremental vacuum (the file is created with
 * auto_vacuum = INCREMENTAL, https://www.sqlite.org/pragma.html#pragma_incremental_vacuum).
 */
final class Retention {
    /** Tasks seen this recently may still be in the recorder's memory: their rows stay. */
    private static final Duration KEEP_RECENT = Duration.ofHours(6);

    private Retention() {
    }

    /** Returns how many rows went. */
    static long run(Tx tx, Instant now, HistorySettings settings) throws SQLException {
        long deleted = deleteBefore(tx, now.minus(settings.retention()), now);
        for (int guard = 0; guard < 400 && usedBytes(tx) > settings.maxBytes(); guard++) {
            Instant oldest = oldest(tx);
            if (oldest == null) break;
            Instant cut = oldest.plus(Duration.ofDays(1));
            if (cut.isAfter(now.minus(KEEP_RECENT))) cut = now.minus(KEEP_RECENT);
            if (!cut.isAfter(oldest)) break;
            long n = deleteBefore(tx, cut, now);
            deleted += n;
            if (n == 0) break;
        }
        if (deleted > 0) {
            try (Statement s = tx.connection.createStatement()) {
                s.execute("PRAGMA incremental_vacuum");
            }
        }
        return deleted;
    }

    static long deleteBefore(Tx tx, Instant cutoff, Instant now) throws SQLException {
        long t = cutoff.toEpochMilli();
        long keepTasks = Math.min(t, now.minus(KEEP_RECENT).toEpochMilli());
        long n = 0;
        n += tx.exec("DELETE FROM series WHERE hour < ?", SeriesCodec.hourOf(cutoff));
        n += tx.exec("DELETE FROM task_status WHERE at < ?", t);
        n += tx.exec("DELETE FROM protection_changes WHERE at < ?", t);
        n += tx.exec("DELETE FROM service_counts WHERE at < ?", t);
        n += tx.exec("DELETE FROM events WHERE at < ?", t);
        n += tx.exec("DELETE FROM deployments WHERE coalesce(last_seen, created_at) < ?", t);
        n += tx.exec("DELETE FROM stops WHERE stopped_at < ?", t);
        n += tx.exec("DELETE FROM audit WHERE at < ?", t);
        n += tx.exec("DELETE FROM coverage WHERE to_at < ?", t);
        n += tx.exec("DELETE FROM calls WHERE last_seen < ?", t);
        n += tx.exec("DELETE FROM tasks WHERE last_seen < ? AND id NOT IN (SELECT task FROM stops)", keepTasks);
        return n;
    }

    static long usedBytes(Tx tx) throws SQLException {
        try (Statement s = tx.connection.createStatement()) {
            long pages = single(s, "PRAGMA page_count");
            long free = single(s, "PRAGMA freelist_count");
            long size = single(s, "PRAGMA page_size");
            return (pages - free) * size;
        }
    }

    private static Instant oldest(Tx tx) throws SQLException {
        try (Statement s = tx.connection.createStatement();
             ResultSet r = s.executeQuery("SELECT min(hour) FROM series")) {
            if (!r.next()) return null;
            long h = r.getLong(1);
            return r.wasNull() ? null : SeriesCodec.hourStart(h);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }
}
