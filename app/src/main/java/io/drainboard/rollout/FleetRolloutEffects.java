package io.drainboard.rollout;

import io.drainboard.audit.AuditLog;
import io.drainboard.aws.EcsMutations;
import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.aws.ServiceDeployGateway;
import io.drainboard.aws.ServiceTagGateway;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.CordonMethod;
import io.drainboard.drain.CordonOutcome;
import io.drainboard.drain.ExecCordon;
import io.drainboard.drain.HttpCordon;
import io.drainboard.drain.ProtectionActions;
import io.drainboard.drain.ReadOnlyException;
import io.drainboard.fleet.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rollout's effects on the real fleet, through the AWS gateways and the cordoners. Every mutation is
 * written to the audit log before it is sent (protection through {@link ProtectionActions}, which audits
 * itself) and refused in a read-only profile.
 */
public final class FleetRolloutEffects implements RolloutEffects {
    private final ProtectionActions protection;
    private final ServiceDeployGateway deploys;
    private final Optional<ScalableTargetGateway> scaling;
    private final ServiceTagGateway tags;
    private final EcsMutations ecs;
    private final Optional<ExecCordon> exec;
    private final Optional<HttpCordon> http;
    private final AuditLog audit;
    private final boolean readOnly;

    FleetRolloutEffects(ProtectionActions protection, ServiceDeployGateway deploys, Optional<ScalableTargetGateway> scaling,
                        ServiceTagGateway tags, EcsMutations ecs, Optional<ExecCordon> exec, Optional<HttpCordon> http,
                        AuditLog audit, boolean readOnly) {
        this.protection = protection;
        this.deploys = deploys;
        this.scaling = scaling;
        this.tags = tags;
        this.ecs = ecs;
        this.exec = exec;
        this.http = http;
        this.audit = audit;
        this.readOnly = readOnly;
    }

    @Override
    public Optional<ScalableTargetGateway.Scaling> scaling(String cluster, String service) {
        if (scaling.isEmpty()) return Optional.empty();
        return call(() -> scaling.get().describe(cluster, service), "reading the service's Application Auto Scaling target");
    }

    @Override
    public void setScaling(String cluster, String service, ScalableTargetGateway.Scaling flags, String reason) {
        ScalableTargetGateway g = scaling.orElseThrow(() -> new StepFailed("no Application Auto Scaling client"));
        audited("set-scaling-suspension", List.of(ScalableTargetGateway.resourceId(cluster, service)), reason,
                Map.of("dynamicScalingInSuspended", Boolean.toString(flags.scaleInSuspended()),
                        "dynamicScalingOutSuspended", Boolean.toString(flags.scaleOutSuspended()),
                        "scheduledScalingSuspended", Boolean.toString(flags.scheduledSuspended())),
                () -> g.setSuspended(cluster, service, flags));
    }

    @Override
    public List<TaskProtectionGateway.Outcome> protect(String cluster, List<String> tasks, int minutes, String reason) {
        try {
            return protection.protect(cluster, tasks, minutes, reason);
        } catch (ReadOnlyException | java.io.UncheckedIOException e) {
            throw new StepFailed(e.getMessage(), e);
        }
    }

    @Override
    public List<TaskProtectionGateway.Outcome> release(String cluster, List<String> tasks, String reason) {
        try {
            return protection.release(cluster, tasks, reason);
        } catch (ReadOnlyException | java.io.UncheckedIOException e) {
            throw new StepFailed(e.getMessage(), e);
        }
    }

    @Override
    public void configure(String cluster, String service, ServiceDeployGateway.DeploymentSettings s, String reason) {
        audited("update-service-deployment-configuration", List.of(cluster + "/" + service), reason,
                Map.of("minimumHealthyPercent", Integer.toString(s.minimumHealthyPercent()),
                        "maximumPercent", Integer.toString(s.maximumPercent())),
                () -> deploys.configure(cluster, service, s));
    }

    @Override
    public void deploy(String cluster, String service, String taskDefinition, String reason) {
        audited("update-service-task-definition", List.of(cluster + "/" + service), reason,
                Map.of("taskDefinition", taskDefinition), () -> deploys.deploy(cluster, service, taskDefinition));
    }

    @Override
    public CordonOutcome cordon(String cluster, String service, String task, CordonMethod method, String reason) {
        if (readOnly) return CordonOutcome.notSent(new ReadOnlyException("cordon").getMessage());
        AuditLog.Intent intent = audit.begin("cordon", List.of(task), reason, Map.of("cluster", cluster, "method", method.key()));
        CordonOutcome o = switch (method) {
            case EXEC_SIGNAL -> exec.map(e -> e.send(cluster, service, task))
                    .orElse(CordonOutcome.notSent("ECS Exec is not set up for this profile"));
            case HTTP -> http.map(h -> {
                String error = h.cordon(cluster, service, task);
                // A drain route is one-way and idempotent, so a failed call may simply be sent again.
                return error == null ? CordonOutcome.sent() : CordonOutcome.notSent(error);
            }).orElse(CordonOutcome.notSent("no drain route URL in the profile"));
            case NONE -> CordonOutcome.sent();
        };
        intent.complete(switch (o.kind()) {
            case SENT -> "ok";
            case NOT_SENT -> "failed";
            case UNCERTAIN -> "unknown";
            case WAITING -> "waiting";
        }, o.message().isEmpty() ? List.of() : List.of(o.message()));
        return o;
    }

    @Override
    public HttpCordon.Lean lean(String cluster, String task, java.time.Duration ttl, String reason) {
        if (readOnly) return new HttpCordon.Lean(HttpCordon.LeanAnswer.FAILED, new ReadOnlyException("lean").getMessage());
        if (http.isEmpty()) return new HttpCordon.Lean(HttpCordon.LeanAnswer.NO_ROUTE, "no drain route URL in the profile");
        AuditLog.Intent intent;
        try {
            intent = audit.begin(ttl.isZero() ? "unlean" : "lean", List.of(task), reason,
                    Map.of("cluster", cluster, "seconds", Long.toString(ttl.toSeconds())));
        } catch (java.io.UncheckedIOException e) {
            return new HttpCordon.Lean(HttpCordon.LeanAnswer.FAILED, e.getMessage());
        }
        HttpCordon.Lean l = http.get().lean(task, ttl);
        intent.complete(l.answer() == HttpCordon.LeanAnswer.OK ? "ok" : "failed",
                l.message().isEmpty() ? List.of() : List.of(l.message()));
        return l;
    }

    @Override
    public void stopTask(String cluster, String task, String reason) {
        audited("stop-task", List.of(task), reason, Map.of("cluster", cluster),
                () -> ecs.stopTask(cluster, task, "Drainboard " + reason));
    }

    @Override
    public void record(String action, String target, String detail) {
        try {
            audit.begin(action, List.of(target), detail, Map.of()).complete("ok", List.of());
        } catch (java.io.UncheckedIOException e) {
            // the journal has it; an audit log that cannot be written must not undo a finished rollout
        }
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public Map<String, String> tags(String resourceArn) {
        return call(() -> tags.tags(resourceArn), "reading the service's tags");
    }

    @Override
    public void tag(String resourceArn, String key, String value, String reason) {
        audited("tag-resource", List.of(resourceArn), reason, Map.of("key", key, "value", value),
                () -> tags.tag(resourceArn, key, value));
    }

    @Override
    public void untag(String resourceArn, String key, String reason) {
        audited("untag-resource", List.of(resourceArn), reason, Map.of("key", key), () -> tags.untag(resourceArn, key));
    }

    private void audited(String action, List<String> targets, String reason, Map<String, String> params, Runnable send) {
        if (readOnly) throw new StepFailed(new ReadOnlyException(action).getMessage());
        AuditLog.Intent intent;
        try {
            intent = audit.begin(action, targets, reason, params);
        } catch (java.io.UncheckedIOException e) {
            throw new StepFailed(e.getMessage(), e);
        }
        try {
            send.run();
            intent.complete("ok", List.of());
        } catch (SdkException e) {
            String why = AwsErrors.explain(e);
            intent.complete("failed", List.of(why));
            throw new StepFailed(why, e);
        }
    }

    private static <T> T call(Supplier<T> read, String what) {
        try {
            return read.get();
        } catch (SdkException e) {
            throw new StepFailed(what + ": " + AwsErrors.explain(e), e);
        }
    }
}
