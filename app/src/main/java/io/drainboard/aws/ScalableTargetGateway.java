package io.drainboard.aws;

import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;

import java.util.List;
import java.util.Optional;

/**
 * An ECS service's Application Auto Scaling target and its suspended state (Application Auto Scaling API
 * Reference "RegisterScalableTarget", "SuspendedState": setting an attribute to true suspends that
 * activity, false resumes it). Every update sends all three flags, so none is changed by omission.
 */
public final class ScalableTargetGateway {
    /** The target's capacity bounds and which scaling activities are suspended. */
    public record Scaling(int minCapacity, int maxCapacity, boolean scaleInSuspended, boolean scaleOutSuspended,
                          boolean scheduledSuspended) {
        public Scaling withScaleInSuspended(boolean on) {
            return new Scaling(minCapacity, maxCapacity, on, scaleOutSuspended, scheduledSuspended);
        }
    }

    private final Regional<ApplicationAutoScalingClient> clients;

    public ScalableTargetGateway(ApplicationAutoScalingClient client) {
        this(Regional.ofClient(client));
    }

    /** A resource id names no region: the calls go to the only region of {@code clients} (the service's own). */
    public ScalableTargetGateway(Regional<ApplicationAutoScalingClient> clients) {
        this.clients = clients;
    }

    /** "service/<cluster>/<service>", the resource id Application Auto Scaling gives an ECS service. */
    public static String resourceId(String cluster, String service) {
        return "service/" + cluster + "/" + service;
    }

    /** The service's scalable target, empty when it has none (then nothing scales it). */
    public Optional<Scaling> describe(String cluster, String service) {
        List<ScalableTarget> targets = clients.only("scalable target " + resourceId(cluster, service)).describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .resourceIds(resourceId(cluster, service))).scalableTargets();
        if (targets.isEmpty()) return Optional.empty();
        ScalableTarget t = targets.get(0);
        SuspendedState s = t.suspendedState();
        return Optional.of(new Scaling(t.minCapacity(), t.maxCapacity(),
                s != null && Boolean.TRUE.equals(s.dynamicScalingInSuspended()),
                s != null && Boolean.TRUE.equals(s.dynamicScalingOutSuspended()),
                s != null && Boolean.TRUE.equals(s.scheduledScalingSuspended())));
    }

    /** Sets the three suspension flags of an existing target; capacity bounds are left as they are. */
    public void setSuspended(String cluster, String service, Scaling flags) {
        clients.only("scalable target " + resourceId(cluster, service)).registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .resourceId(resourceId(cluster, service))
                .suspendedState(SuspendedState.builder().dynamicScalingInSuspended(flags.scaleInSuspended())
                        .dynamicScalingOutSuspended(flags.scaleOutSuspended())
                        .scheduledScalingSuspended(flags.scheduledSuspended()).build()));
    }
}
