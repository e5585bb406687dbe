package io.drainboard.drain;

import io.drainboard.audit.AuditLog;
import io.drainboard.aws.TaskProtectionGateway;

import java.util.List;
import java.util.Map;

/**
 * Protect, extend and release tasks: checked against the profile's rights, audited before it is sent,
 * batched by 10, with a result per task. Extending is protecting again: ECS resets the expiry.
 */
public final class ProtectionActions {
    public static final int MIN_MINUTES = 1;
    public static final int MAX_MINUTES = 2880;

    private final TaskProtectionGateway gateway;
    private final AuditLog audit;
    private final boolean readOnly;
    private final ProtectionGrants grants = new ProtectionGrants();

    public ProtectionActions(TaskProtectionGateway gateway, AuditLog audit, boolean readOnly) {
        this.gateway = gateway;
        this.audit = audit;
        this.readOnly = readOnly;
    }

    /** What this process protected, with the expiries ECS answered: "protected by this console". */
    public ProtectionGrants grants() {
        return grants;
    }

    public List<TaskProtectionGateway.Outcome> protect(String cluster, List<String> tasks, int minutes, String reason) {
        if (minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("protection lasts 1 to 2880 minutes (48 h); asked for " + minutes);
        }
        return run("protect", cluster, tasks, true, minutes, reason);
    }

    public List<TaskProtectionGateway.Outcome> release(String cluster, List<String> tasks, String reason) {
        return run("release", cluster, tasks, false, 0, reason);
    }

    private List<TaskProtectionGateway.Outcome> run(String action, String cluster, List<String> tasks, boolean enable,
                                                    int minutes, String reason) {
        if (readOnly) throw new ReadOnlyException(action);
        if (tasks.isEmpty()) return List.of();
        AuditLog.Intent intent = audit.begin(action, tasks, reason, enable
                ? Map.of("cluster", cluster, "expiresInMinutes", Integer.toString(minutes))
                : Map.of("cluster", cluster));
        List<TaskProtectionGateway.Outcome> outcomes = gateway.update(cluster, tasks, enable, minutes);
        for (TaskProtectionGateway.Outcome o : outcomes) {
            if (!o.ok()) continue;
            if (enable && o.expiresAt().isPresent()) grants.granted(o.taskArn(), o.expiresAt().get());
            else grants.released(o.taskArn());
        }
        long failed = outcomes.stream().filter(o -> !o.ok()).count();
        intent.complete(failed == 0 ? "ok" : failed == outcomes.size() ? "failed" : "partial",
                outcomes.stream().map(o -> shortId(o.taskArn()) + ": " + o.message()
                        + o.expiresAt().map(e -> " until " + e).orElse("")).toList());
        return outcomes;
    }

    private static String shortId(String arn) {
        return arn == null ? "?" : arn.substring(arn.lastIndexOf('/') + 1);
    }
}
