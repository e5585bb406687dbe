package io.drainboard.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live series being written: one {@link SeriesCodec.Appender} per series for its current hour, kept in
 * memory and written (whole blob, upsert) at the end of each batch for the series that changed. Used by the
 * writer thread only.
 */
final class SeriesBuffers {
    private record Key(SeriesKind kind, long key) {
    }

    private final Map<Key, SeriesCodec.Appender> open = new HashMap<>();
    private final Set<Key> dirty = new LinkedHashSet<>();
    private final Map<Key, SeriesCodec.Appender> closing = new HashMap<>();
    private static final java.time.Duration WRITE_EVERY = java.time.Duration.ofMinutes(1);
    private Instant lastWrite;

    /** Records the value at {@code at}; a new hour (or the first point after opening) starts a new blob. */
    void add(Connection c, SeriesKind kind, long key, Instant at, int value) throws SQLException {
        Key k = new Key(kind, key);
        long hour = SeriesCodec.hourOf(at);
        SeriesCodec.Appender a = open.get(k);
        if (a == null || a.hour != hour) {
            if (a != null && a.hour > hour) return; // a late point for an hour already closed: dropped
            if (a != null && dirty.contains(k)) closing.put(k, a);
            a = new SeriesCodec.Appender(hour, load(c, kind, key, hour));
            open.put(k, a);
        }
        if (a.append(at, value, false)) dirty.add(k);
    }

    /**
     * Writes the changed blobs at most once a minute (or when {@code force}d: a flush, closing): rewriting
     * a task's blob every 5 s would write a page per busy task per refresh. A crash loses at most the last
     * minute of series; stops and calls are written with their refresh. Blobs of an hour that ended are
     * written at once. Forgets series that had no point for over an hour (gone tasks).
     */
    void flush(Connection c, Instant now, boolean force) throws SQLException {
        boolean due = force || lastWrite == null || !now.isBefore(lastWrite.plus(WRITE_EVERY));
        if (closing.isEmpty() && (dirty.isEmpty() || !due)) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO series(kind, key, hour, data) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT(kind, key, hour) DO UPDATE SET data = excluded.data")) {
            for (Map.Entry<Key, SeriesCodec.Appender> e : closing.entrySet()) bind(ps, e.getKey(), e.getValue());
            if (due) for (Key k : dirty) bind(ps, k, open.get(k));
            ps.executeBatch();
        }
        closing.clear();
        if (!due) return;
        dirty.clear();
        lastWrite = now;
        long current = SeriesCodec.hourOf(now);
        for (Iterator<SeriesCodec.Appender> it = open.values().iterator(); it.hasNext(); ) {
            if (it.next().hour < current - 1) it.remove();
        }
    }

    private static void bind(PreparedStatement ps, Key k, SeriesCodec.Appender a) throws SQLException {
        ps.setInt(1, k.kind.code);
        ps.setLong(2, k.key);
        ps.setLong(3, a.hour);
        ps.setBytes(4, a.bytes());
        ps.addBatch();
    }

    static byte[] load(Connection c, SeriesKind kind, long key, long hour) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT data FROM series WHERE kind = ? AND key = ? AND hour = ?")) {
            ps.setInt(1, kind.code);
            ps.setLong(2, key);
            ps.setLong(3, hour);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? r.getBytes(1) : new byte[0];
            }
        }
    }

    /** Merges points into stored blobs (backfill): a point at the same instant replaces the stored one. */
    static void merge(Connection c, SeriesKind kind, long key, List<SeriesPoint> points) throws SQLException {
        Map<Long, java.util.TreeMap<Instant, Integer>> byHour = new java.util.TreeMap<>();
        for (SeriesPoint p : points) {
            byHour.computeIfAbsent(SeriesCodec.hourOf(p.at()), h -> new java.util.TreeMap<>()).put(p.at(), p.calls());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO series(kind, key, hour, data) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT(kind, key, hour) DO UPDATE SET data = excluded.data")) {
            for (Map.Entry<Long, java.util.TreeMap<Instant, Integer>> e : byHour.entrySet()) {
                long hour = e.getKey();
                java.util.TreeMap<Instant, Integer> merged = new java.util.TreeMap<>();
                for (SeriesPoint p : SeriesCodec.decode(hour, load(c, kind, key, hour))) merged.put(p.at(), p.calls());
                merged.putAll(e.getValue());
                List<SeriesPoint> all = merged.entrySet().stream().map(x -> new SeriesPoint(x.getKey(), x.getValue())).toList();
                ps.setInt(1, kind.code);
                ps.setLong(2, key);
                ps.setLong(3, hour);
                ps.setBytes(4, SeriesCodec.encode(hour, all));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
