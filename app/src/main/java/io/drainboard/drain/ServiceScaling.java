package io.drainboard.drain;

import io.drainboard.audit.AuditLog;
import io.drainboard.aws.EcsMutations;
import io.drainboard.fleet.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.List;
import java.util.Map;

/** UpdateService desiredCount, audited before it is sent and refused in a read-only profile. */
public final class ServiceScaling {
    private final EcsMutations ecs;
    private final AuditLog audit;
    private final boolean readOnly;

    public ServiceScaling(EcsMutations ecs, AuditLog audit, boolean readOnly) {
        this.ecs = ecs;
        this.audit = audit;
        this.readOnly = readOnly;
    }

    /**
     * Sets the desired count, in the region and account of {@code serviceArn}; returns the error in the operator's
     * words, or null when ECS took it.
     */
    public String setDesired(String serviceArn, String cluster, String service, int from, int to, String reason) {
        if (readOnly) throw new ReadOnlyException("change the desired count");
        AuditLog.Intent intent = audit.begin("set-desired-count", List.of(cluster + "/" + service), reason,
                Map.of("cluster", cluster, "from", Integer.toString(from), "to", Integer.toString(to)));
        try {
            ecs.setDesiredCount(serviceArn, cluster, service, to);
            intent.complete("ok", List.of());
            return null;
        } catch (SdkException e) {
            String why = AwsErrors.explain(e);
            intent.complete("failed", List.of(why));
            return why;
        }
    }
}
