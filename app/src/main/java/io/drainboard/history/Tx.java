package io.drainboard.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * What a write job sees: the writer's connection inside the batch's transaction, its prepared statements
 * (kept for the writer's life: the same dozen statements run every refresh) and the live series buffers.
 */
final class Tx {
    final Connection connection;
    final SeriesBuffers series;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    Tx(Connection connection, SeriesBuffers series) {
        this.connection = connection;
        this.series = series;
    }

    PreparedStatement sql(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** Runs an insert/update with its parameters (null → SQL NULL). */
    int exec(String sql, Object... args) throws SQLException {
        PreparedStatement ps = sql(sql);
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
        return ps.executeUpdate();
    }

    void closeStatements() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                // closing on the way out
            }
        }
        statements.clear();
    }
}
