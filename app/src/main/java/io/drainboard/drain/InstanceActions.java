package io.drainboard.drain;

import io.drainboard.audit.AuditLog;
import io.drainboard.aws.InstanceMutations;
import io.drainboard.fleet.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instance scale-in protection and container instance draining, audited before they are sent and refused in
 * a read-only profile. Each returns the error in the operator's words, or empty on success.
 */
public final class InstanceActions {
    private final InstanceMutations gateway;
    private final AuditLog audit;
    private final boolean readOnly;

    /** The outcome of an instance drain, as observed, in the audit log. */
    public void outcome(String cluster, String instanceArn, String words) {
        audit.begin("instance-drain-outcome", List.of(instanceArn), words, Map.of("cluster", cluster)).complete("ok", List.of());
    }

    public InstanceActions(InstanceMutations gateway, AuditLog audit, boolean readOnly) {
        this.gateway = gateway;
        this.audit = audit;
        this.readOnly = readOnly;
    }

    /**
     * SetInstanceProtection for instances of one Auto Scaling group.
     *
     * @param inRegion an ARN in the group's account and region (its cluster's, or one of the container instances'):
     *                 the group's name and the instance ids name none
     */
    public Optional<String> protect(String cluster, String inRegion, String group, List<String> ec2InstanceIds, boolean on,
                                    String reason) {
        String action = on ? "instance-protect" : "instance-release";
        if (readOnly) throw new ReadOnlyException(action);
        if (ec2InstanceIds.isEmpty()) return Optional.empty();
        AuditLog.Intent intent = audit.begin(action, ec2InstanceIds, reason, Map.of("cluster", cluster,
                "autoScalingGroup", group));
        try {
            gateway.setInstanceProtection(inRegion, group, ec2InstanceIds, on);
            intent.complete("ok", List.of());
            return Optional.empty();
        } catch (SdkException e) {
            String why = AwsErrors.explain(e);
            intent.complete("failed", List.of(why));
            return Optional.of(why);
        }
    }

    /** UpdateContainerInstancesState DRAINING: ECS stops the instance's service tasks and places no new ones. */
    public Optional<String> setDraining(String cluster, String containerInstanceArn, String reason) {
        if (readOnly) throw new ReadOnlyException("instance-draining");
        AuditLog.Intent intent = audit.begin("instance-draining", List.of(containerInstanceArn), reason,
                Map.of("cluster", cluster));
        try {
            List<String> failures = gateway.setStatus(cluster, List.of(containerInstanceArn), true);
            intent.complete(failures.isEmpty() ? "ok" : "failed", failures);
            return failures.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failures));
        } catch (SdkException e) {
            String why = AwsErrors.explain(e);
            intent.complete("failed", List.of(why));
            return Optional.of(why);
        }
    }
}
