package io.drainboard.scaling;

import io.drainboard.audit.AuditLog;
import io.drainboard.aws.AwsClients;
import io.drainboard.drain.ReadOnlyException;
import io.drainboard.profile.Profile;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a readiness finding's fix: the changes it carries ({@link Finding.Fix#changes}), in order, through the real
 * Application Auto Scaling client (RegisterScalableTarget, PutScalingPolicy, DeleteScalingPolicy,
 * PutScheduledAction) and EC2 Auto Scaling client
 * (UpdateAutoScalingGroup) of the service's region. Refused in a read-only profile before anything is written;
 * otherwise written to the audit log (and forced to disk) before the first request, and completed with what was
 * done. A failure part-way says which changes went through: each is a whole request, none is rolled back.
 */
public final class FixApplier {
    private final Profile profile;
    private final List<AwsClients> aws;
    private final AuditLog audit;

    public FixApplier(Profile profile, List<AwsClients> aws, AuditLog audit) {
        this.profile = profile;
        this.aws = List.copyOf(aws);
        this.audit = audit;
    }

    /** What was sent, one line a change, for the operator's note. */
    public record Applied(List<String> done) {
        public Applied {
            done = List.copyOf(done);
        }
    }

    /**
     * @param serviceArn the service's ARN (its region and account pick the clients)
     * @throws ReadOnlyException        in a read-only profile, before anything is audited or sent
     * @throws IllegalArgumentException when the fix is not one the console can apply (a new task definition revision)
     * @throws SdkException             from the first request AWS refused; the audit entry says what went through
     */
    public Applied apply(String serviceArn, ReadinessReport report, Finding finding, String reason) {
        String action = "scaling-fix " + finding.kind().name();
        if (profile.readOnly()) throw new ReadOnlyException(action);
        List<FixChange> changes = finding.fix().changes();
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("this fix is not an API call the console can make: " + finding.fix().summary());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("finding", finding.kind().name());
        parameters.put("measured", finding.measured());
        for (int i = 0; i < changes.size(); i++) parameters.put("change" + (i + 1), changes.get(i).describe());
        AuditLog.Intent intent = audit.begin(action, List.of(report.facts().key()), reason, parameters);
        List<String> done = new ArrayList<>();
        AwsClients clients = ReadinessCheck.clientsFor(aws, serviceArn);
        try (ScalingClients sc = new ScalingClients(clients.ecs())) {
            for (FixChange c : changes) {
                send(c, sc.applicationAutoScaling(), clients);
                done.add(c.describe());
            }
        } catch (SdkException e) {
            intent.complete("failed: " + Failures.line(e), done);
            throw e;
        }
        intent.complete("ok", done);
        return new Applied(done);
    }

    private static void send(FixChange change, ApplicationAutoScalingClient aas, AwsClients aws) {
        if (change instanceof FixChange.Bounds b) {
            aas.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .resourceId(Fixes.resourceId(b.cluster(), b.service())).minCapacity(b.min()).maxCapacity(b.max()));
        } else if (change instanceof FixChange.SessionsPolicy p) {
            aas.putScalingPolicy(r -> r.serviceNamespace(ServiceNamespace.ECS)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .resourceId(Fixes.resourceId(p.cluster(), p.service())).policyName(p.policyName())
                    .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c -> c
                            .targetValue(p.targetValue()).scaleOutCooldown((int) p.scaleOutCooldown().toSeconds())
                            .scaleInCooldown((int) p.scaleInCooldown().toSeconds()).disableScaleIn(p.disableScaleIn())
                            .customizedMetricSpecification(m -> m.namespace(p.namespace()).metricName(p.metricName())
                                    .statistic("Average").dimensions(d -> d.name("ClusterName").value(p.cluster()),
                                            d -> d.name("ServiceName").value(p.service())))));
        } else if (change instanceof FixChange.DeletePolicy d) {
            aas.deleteScalingPolicy(r -> r.serviceNamespace(ServiceNamespace.ECS)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .resourceId(Fixes.resourceId(d.cluster(), d.service())).policyName(d.policyName()));
        } else if (change instanceof FixChange.ScheduledBounds a) {
            aas.putScheduledAction(r -> r.serviceNamespace(ServiceNamespace.ECS)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .resourceId(Fixes.resourceId(a.cluster(), a.service())).scheduledActionName(a.name())
                    .schedule(a.schedule()).scalableTargetAction(t -> t.minCapacity(a.min()).maxCapacity(a.max())));
        } else if (change instanceof FixChange.GroupMax g) {
            aws.autoScaling().updateAutoScalingGroup(r -> r.autoScalingGroupName(g.group()).maxSize(g.maxSize()));
        }
    }
}
