package io.drainboard.rollout;

import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.aws.ServiceDeployGateway;
import io.drainboard.fleet.AwsErrors;
import io.drainboard.fleet.ServiceSnapshot;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads what the preflight checks look at: the target revision, the scaling state, the lock tag. */
public final class PreflightReader {
    /** Everything the wizard and the headless runner show before a rollout. */
    public record Report(ServiceDeployGateway.Revision target, List<PreflightCheck> checks, Optional<LockHolder> lock,
                         Optional<ScalableTargetGateway.Scaling> scaling, RolloutPlan plan) {
        public boolean canStart() {
            return Preflight.canStart(checks);
        }
    }

    private final RolloutWiring w;

    PreflightReader(RolloutWiring w) {
        this.w = w;
    }

    /**
     * @throws RolloutEffects.StepFailed when the target revision cannot be read (the one thing no check can do without)
     */
    public Report check(ServiceSnapshot svc, String targetReference, RolloutSettings settings, Instant now) {
        ServiceDeployGateway.Revision target;
        try {
            target = w.deploys(svc.arn()).describe(targetReference);
        } catch (SdkException e) {
            throw new RolloutEffects.StepFailed("cannot read task definition " + targetReference + ": " + AwsErrors.explain(e)
                    + "; give an ARN or family:revision that exists in " + svc.clusterName() + "'s region", e);
        }
        Optional<ScalableTargetGateway.Scaling> scaling = Optional.empty();
        Optional<String> scalingError = Optional.empty();
        try {
            scaling = w.scaling(svc.arn()).describe(svc.clusterName(), svc.name());
        } catch (SdkException e) {
            scalingError = Optional.of(AwsErrors.explain(e));
        }
        Optional<LockHolder> lock = Optional.empty();
        try {
            lock = LockHolder.of(w.tags().tags(svc.arn()));
        } catch (SdkException e) {
            // Unreadable tags: the engine reads them again before it writes its own.
        }
        List<PreflightCheck> checks = Preflight.run(new Preflight.Inputs(svc, target, scaling, scalingError, lock, settings,
                w.profile().readOnly(), now));
        RolloutPlan plan = Planner.plan(svc, spec(svc, target, settings), scaling, now);
        return new Report(target, checks, lock, scaling, plan);
    }

    /** The rollout this report is about, from the service's current revision to the target. */
    public static RolloutSpec spec(ServiceSnapshot svc, ServiceDeployGateway.Revision target, RolloutSettings settings) {
        String from = svc.taskDefinitionArn();
        return new RolloutSpec(svc.clusterName(), svc.name(), svc.arn(), from, from.substring(from.lastIndexOf('/') + 1),
                target.arn(), target.label(), settings);
    }
}
