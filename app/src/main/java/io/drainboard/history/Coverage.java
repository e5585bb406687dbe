package io.drainboard.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Which stretches of time history watched live, per cluster: one row per cluster and session, its end moved
 * forward each refresh. The timeline draws live series only inside them (a closed console is a gap, not a
 * flat line), and backfill fills what lies outside.
 */
final class Coverage {
    static final String LIVE = "live";
    static final String BACKFILL = "backfill";
    private final Map<String, Long> rows = new HashMap<>();

    void live(Tx tx, String scope, Instant at) throws SQLException {
        Long id = rows.get(scope);
        if (id == null) {
            tx.exec("INSERT INTO coverage(source, scope, from_at, to_at) VALUES (?, ?, ?, ?)", LIVE, scope,
                    at.toEpochMilli(), at.toEpochMilli());
            try (ResultSet r = tx.sql("SELECT last_insert_rowid()").executeQuery()) {
                r.next();
                rows.put(scope, r.getLong(1));
            }
            return;
        }
        tx.exec("UPDATE coverage SET to_at = ? WHERE id = ? AND to_at < ?", at.toEpochMilli(), id, at.toEpochMilli());
    }

    static void backfilled(Tx tx, String scope, Instant from, Instant to) throws SQLException {
        tx.exec("INSERT INTO coverage(source, scope, from_at, to_at) VALUES (?, ?, ?, ?)", BACKFILL, scope,
                from.toEpochMilli(), to.toEpochMilli());
    }

    /** The end of the newest live stretch for a cluster that began before {@code before}: where the gap starts. */
    static java.util.Optional<Instant> lastLive(java.sql.Connection c, String scope, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT max(to_at) FROM coverage WHERE scope = ? AND source = ?"
                + " AND from_at < ?")) {
            ps.setString(1, scope);
            ps.setString(2, LIVE);
            ps.setLong(3, before.toEpochMilli());
            try (ResultSet r = ps.executeQuery()) {
                long v = r.next() ? r.getLong(1) : 0;
                return r.wasNull() || v == 0 ? java.util.Optional.empty() : java.util.Optional.of(Instant.ofEpochMilli(v));
            }
        }
    }

    void clear() {
        rows.clear();
    }
}
