package io.drainboard.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One line of the audit log. An action is written twice: {@code INTENT} before anything is sent to AWS,
 * {@code RESULT} after, with the same id — so a crash between the two leaves a visible, unfinished
 * intent rather than silence.
 *
 * @param parameters what the action was asked to do (expiry minutes, desired count, …); never secrets
 * @param outcome    null for an intent; "ok", "partial" or "failed" for a result
 * @param details    per-target results or the error, in the operator's words
 */
public record AuditEntry(String id, Phase phase, Instant at, String operator, String host, String profile,
                         String action, List<String> targets, String reason, Map<String, String> parameters,
                         String outcome, List<String> details) {
    public enum Phase { INTENT, RESULT }

    public AuditEntry {
        targets = List.copyOf(targets);
        parameters = Map.copyOf(parameters);
        details = List.copyOf(details);
    }
}
