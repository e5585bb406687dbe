package io.drainboard.history;

import io.drainboard.audit.AuditEntry;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies the audit log (JSON lines, the record of every operator action) into history once a minute, so the
 * timeline and the report show operator actions next to what ECS did. Each entry once, by id and phase.
 */
final class AuditImport {
    private static final Logger LOG = Logger.getLogger(AuditImport.class.getName());

    private AuditImport() {
    }

    static void write(Tx tx, Supplier<List<AuditEntry>> source) throws SQLException {
        List<AuditEntry> entries;
        try {
            entries = source.get();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "audit log not read into history this minute", e); // next minute tries again
            return;
        }
        for (AuditEntry e : entries) {
            tx.exec("INSERT OR IGNORE INTO audit(entry_id, phase, at, operator, host, profile, action, targets, reason,"
                            + " outcome, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e.id(), e.phase().name(),
                    e.at().toEpochMilli(), e.operator(), e.host(), e.profile(), e.action(), String.join("\n", e.targets()),
                    e.reason(), e.outcome(), String.join("\n", e.details()));
        }
    }
}
