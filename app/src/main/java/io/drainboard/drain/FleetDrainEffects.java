package io.drainboard.drain;

import io.drainboard.audit.AuditLog;
import io.drainboard.aws.EcsMutations;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.fleet.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Drain effects on the real fleet: protection through {@link ProtectionActions} (audited there), and
 * StopTask and cordons audited here before they are sent. Nothing is possible in a read-only profile.
 */
public final class FleetDrainEffects implements DrainEffects {
    private final ProtectionActions protection;
    private final EcsMutations ecs;
    private final AuditLog audit;
    private final Map<CordonMethod, Cordoner> cordoners;
    private final boolean readOnly;

    public FleetDrainEffects(ProtectionActions protection, EcsMutations ecs, AuditLog audit,
                             Map<CordonMethod, Cordoner> cordoners, boolean readOnly) {
        this.protection = protection;
        this.ecs = ecs;
        this.audit = audit;
        this.cordoners = Map.copyOf(cordoners);
        this.readOnly = readOnly;
    }

    @Override
    public Result<Instant> protect(String cluster, String taskArn, int minutes, String reason) {
        try {
            List<TaskProtectionGateway.Outcome> o = protection.protect(cluster, List.of(taskArn), minutes, reason);
            if (o.isEmpty()) return Result.failed("no answer from UpdateTaskProtection");
            return o.get(0).ok() ? Result.ok(o.get(0).expiresAt().orElse(null)) : Result.failed(o.get(0).message());
        } catch (RuntimeException e) {
            return Result.failed(e.getMessage());
        }
    }

    @Override
    public Result<Void> release(String cluster, String taskArn, String reason) {
        try {
            List<TaskProtectionGateway.Outcome> o = protection.release(cluster, List.of(taskArn), reason);
            return o.isEmpty() || o.get(0).ok() ? Result.ok(null) : Result.failed(o.get(0).message());
        } catch (RuntimeException e) {
            return Result.failed(e.getMessage());
        }
    }

    @Override
    public Result<Void> cordon(String cluster, String service, String taskArn, CordonMethod method, String reason) {
        if (readOnly) return Result.failed(new ReadOnlyException("cordon").getMessage());
        Cordoner c = cordoners.get(method);
        if (c == null) return Result.failed("cordon method " + method.key() + " is not configured for this profile");
        AuditLog.Intent intent = audit.begin("cordon", List.of(taskArn), reason, Map.of("cluster", cluster,
                "method", method.key()));
        CordonOutcome o = c.attempt(cluster, service, taskArn);
        intent.complete(switch (o.kind()) {
            case SENT -> "ok";
            case NOT_SENT, UNCERTAIN -> "failed";
            case WAITING -> "waiting";
        }, o.message().isEmpty() ? List.of() : List.of(o.message()));
        return switch (o.kind()) {
            case SENT -> Result.ok(null);
            case NOT_SENT, UNCERTAIN -> Result.failed(o.message());
            // Nothing sent yet: the drain asks again on its next step, as for an answer still on its way.
            case WAITING -> Result.inFlight("the cordon (" + method.key() + "): " + o.message());
        };
    }

    @Override
    public void record(String action, String cluster, String taskArn, String detail) {
        audit.begin(action, List.of(taskArn), detail, Map.of("cluster", cluster)).complete("ok", List.of(detail));
    }

    @Override
    public Result<Void> stopTask(String cluster, String taskArn, String reason) {
        if (readOnly) return Result.failed(new ReadOnlyException("stop task").getMessage());
        AuditLog.Intent intent = audit.begin("stop-task", List.of(taskArn), reason, Map.of("cluster", cluster));
        try {
            ecs.stopTask(cluster, taskArn, "Drainboard: " + reason);
            intent.complete("ok", List.of());
            return Result.ok(null);
        } catch (SdkException e) {
            String why = AwsErrors.explain(e);
            intent.complete("failed", List.of(why));
            return Result.failed(why);
        }
    }
}
