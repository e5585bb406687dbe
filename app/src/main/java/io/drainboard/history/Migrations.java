package io.drainboard.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as numbered steps. The file's {@code PRAGMA user_version} says how many have been applied;
 * opening applies the rest, each in its own transaction, and refuses (touching nothing) a file written by a
 * newer Drainboard. Times are epoch milliseconds. Series are hourly blobs ({@link SeriesCodec}), so a
 * week of a 1,000-task fleet stays small and a service-day reads 24 rows.
 */
final class Migrations {
    static final List<List<String>> STEPS = List.of(List.of(
            "CREATE TABLE services(id INTEGER PRIMARY KEY, arn TEXT NOT NULL UNIQUE, region TEXT NOT NULL,"
                    + " cluster TEXT NOT NULL, name TEXT NOT NULL)",
            "CREATE INDEX services_name ON services(cluster, name)",
            "CREATE TABLE tasks(id INTEGER PRIMARY KEY, arn TEXT NOT NULL UNIQUE, service INTEGER NOT NULL,"
                    + " revision TEXT NOT NULL, launch_type TEXT, az TEXT, started_by TEXT, started_at INTEGER,"
                    + " first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL)",
            "CREATE INDEX tasks_service ON tasks(service, last_seen)",
            "CREATE TABLE series(kind INTEGER NOT NULL, key INTEGER NOT NULL, hour INTEGER NOT NULL,"
                    + " data BLOB NOT NULL, PRIMARY KEY(kind, key, hour)) WITHOUT ROWID",
            "CREATE INDEX series_hour ON series(hour)",
            "CREATE TABLE task_status(task INTEGER NOT NULL, at INTEGER NOT NULL, last_status TEXT,"
                    + " desired_status TEXT, health TEXT, PRIMARY KEY(task, at)) WITHOUT ROWID",
            "CREATE TABLE protection_changes(task INTEGER NOT NULL, at INTEGER NOT NULL, state TEXT NOT NULL,"
                    + " expires_at INTEGER, PRIMARY KEY(task, at)) WITHOUT ROWID",
            "CREATE TABLE service_counts(service INTEGER NOT NULL, at INTEGER NOT NULL, desired INTEGER,"
                    + " running INTEGER, pending INTEGER, PRIMARY KEY(service, at)) WITHOUT ROWID",
            // Rowid order is arrival order: new calls append, and a call ends while its row is still in the
            // hot tail pages, so a busy refresh touches few pages.
            "CREATE TABLE calls(id INTEGER PRIMARY KEY, task INTEGER NOT NULL, room TEXT NOT NULL, started_at INTEGER,"
                    + " first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, ended_at INTEGER,"
                    + " cut INTEGER NOT NULL DEFAULT 0)",
            "CREATE INDEX calls_task ON calls(task)",
            "CREATE TABLE events(service INTEGER NOT NULL, event_id TEXT NOT NULL, at INTEGER NOT NULL,"
                    + " message TEXT NOT NULL, backfilled INTEGER NOT NULL DEFAULT 0,"
                    + " PRIMARY KEY(service, event_id)) WITHOUT ROWID",
            "CREATE INDEX events_time ON events(service, at)",
            "CREATE TABLE deployments(service INTEGER NOT NULL, deployment_id TEXT NOT NULL, task_definition TEXT,"
                    + " status TEXT, rollout_state TEXT, reason TEXT, desired INTEGER, created_at INTEGER,"
                    + " updated_at INTEGER, last_seen INTEGER, backfilled INTEGER NOT NULL DEFAULT 0,"
                    + " PRIMARY KEY(service, deployment_id)) WITHOUT ROWID",
            "CREATE TABLE stops(task INTEGER PRIMARY KEY, service INTEGER NOT NULL, stopping_at INTEGER,"
                    + " kill_at INTEGER, stopped_at INTEGER NOT NULL, stop_code TEXT, stopped_reason TEXT,"
                    + " exit_code INTEGER, cause TEXT NOT NULL, calls_seen INTEGER, calls_seen_at INTEGER,"
                    + " calls_lower INTEGER, calls_source TEXT, calls_vanished TEXT,"
                    + " backfilled INTEGER NOT NULL DEFAULT 0)",
            "CREATE INDEX stops_time ON stops(stopped_at)",
            "CREATE INDEX stops_service ON stops(service, stopped_at)",
            "CREATE TABLE audit(entry_id TEXT NOT NULL, phase TEXT NOT NULL, at INTEGER NOT NULL, operator TEXT,"
                    + " host TEXT, profile TEXT, action TEXT, targets TEXT, reason TEXT, outcome TEXT, details TEXT,"
                    + " PRIMARY KEY(entry_id, phase)) WITHOUT ROWID",
            "CREATE INDEX audit_time ON audit(at)",
            "CREATE TABLE coverage(id INTEGER PRIMARY KEY, source TEXT NOT NULL, scope TEXT NOT NULL,"
                    + " from_at INTEGER NOT NULL, to_at INTEGER NOT NULL)",
            "CREATE INDEX coverage_scope ON coverage(scope, to_at)"));

    private Migrations() {
    }

    static int latest() {
        return STEPS.size();
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** Brings the file up to {@code steps.size()}; refuses a newer file before writing anything. */
    static void apply(Connection c, List<List<String>> steps, String file) throws SQLException, HistoryUnavailable {
        int have = version(c);
        if (have > steps.size()) {
            throw new HistoryUnavailable("History is off: " + file + " was written by a newer Drainboard (schema v"
                    + have + "; this version knows up to v" + steps.size() + "). Drainboard left it untouched;"
                    + " update Drainboard, or move the file aside to start a new history.");
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (int v = have; v < steps.size(); v++) {
                for (String sql : steps.get(v)) s.execute(sql);
                s.execute("PRAGMA user_version = " + (v + 1)); // inside the step's transaction: all or nothing
                c.commit();
            }
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException r) {
                // SQLite may have rolled back itself (a full disk): the first error is the one that says why
                e.addSuppressed(r);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(auto);
            } catch (SQLException ignored) {
                // a failed step's connection is closed next; keep the error above
            }
        }
    }
}
