package io.drainboard.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Row ids of services and tasks by ARN, created on first sight and cached (writer thread only). Services are
 * keyed by ARN, not by profile, so an incident profile reads what the everyday profile recorded.
 */
final class Ids {
    private final Map<String, Long> services = new HashMap<>();
    private final Map<String, Long> tasks = new HashMap<>();

    long service(Tx tx, String arn, String region, String cluster, String name) throws SQLException {
        Long id = services.get(arn);
        if (id != null) return id;
        tx.exec("INSERT OR IGNORE INTO services(arn, region, cluster, name) VALUES (?, ?, ?, ?)", arn, region, cluster, name);
        id = lookup(tx, "SELECT id FROM services WHERE arn = ?", arn);
        services.put(arn, id);
        return id;
    }

    /** The task's row, created with what is known of it now. */
    long task(Tx tx, String arn, long service, String revision, String launchType, String az,
              Optional<String> startedBy, Optional<Instant> startedAt, Instant seen) throws SQLException {
        Long id = tasks.get(arn);
        if (id != null) return id;
        tx.exec("INSERT OR IGNORE INTO tasks(arn, service, revision, launch_type, az, started_by, started_at, first_seen,"
                        + " last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", arn, service, revision, launchType, az,
                startedBy.orElse(null), startedAt.map(Instant::toEpochMilli).orElse(null), seen.toEpochMilli(),
                seen.toEpochMilli());
        id = lookup(tx, "SELECT id FROM tasks WHERE arn = ?", arn);
        tasks.put(arn, id);
        return id;
    }

    void forgetTask(String arn) {
        tasks.remove(arn);
    }

    /** Retention deleted rows: cached ids may point at nothing now. */
    void clear() {
        services.clear();
        tasks.clear();
    }

    private static long lookup(Tx tx, String sql, String arn) throws SQLException {
        PreparedStatement ps = tx.sql(sql);
        ps.setString(1, arn);
        try (ResultSet r = ps.executeQuery()) {
            if (!r.next()) throw new SQLException("row for " + arn + " vanished");
            return r.getLong(1);
        }
    }
}
