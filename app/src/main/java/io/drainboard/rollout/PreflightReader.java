package io.drainboard.rollout;

import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.aws.ServiceDeployGateway;
import io.drainboard.fleet.AwsErrors;
import io.drainboard.fleet.ServiceSnapshot;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Instant;
import java.util.ArrayList;
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

        /** The target is a copy of the current revision, planned but not registered yet (see {@link #checkCopy}). */
        public boolean copy() {
            return target.arn().startsWith(PLANNED_COPY);
        }
    }

    /** What a planned copy's ARN starts with until the rollout registers it: no ECS ARN does. */
    static final String PLANNED_COPY = "planned-copy-of:";

    private final RolloutWiring w;

    PreflightReader(RolloutWiring w) {
        this.w = w;
    }

    /**
     * @throws RolloutEffects.StepFailed when the target revision cannot be read (the one thing no check can do without)
     */
    public Report check(ServiceSnapshot svc, String targetReference, RolloutSettings settings, Instant now) {
        return check(svc, targetReference, settings, now, RolloutRunner.Pacer.wallClock());
    }

    /** As {@link #check(ServiceSnapshot, String, RolloutSettings, Instant)}, transient errors retried through {@code pacer}. */
    public Report check(ServiceSnapshot svc, String targetReference, RolloutSettings settings, Instant now,
                        RolloutRunner.Pacer pacer) {
        return check(svc, describe(svc, targetReference, pacer), settings, now, pacer);
    }

    /**
     * "Register a copy of the current revision" (to replace every task with a fresh one), checked and planned
     * without registering anything: a check changes nothing. The rollout registers the copy when it is started
     * ({@link RolloutWiring#registerCopy}), after the operator's confirmation, in the audit log.
     */
    public Report checkCopy(ServiceSnapshot svc, RolloutSettings settings, Instant now) {
        RolloutRunner.Pacer pacer = RolloutRunner.Pacer.wallClock();
        ServiceDeployGateway.Revision current = describe(svc, svc.taskDefinitionArn(), pacer);
        int latest = current.revision();
        try {
            for (String arn : TransientRetry.read(() -> w.deploys(svc.arn()).revisions(current.family(), 1), pacer)) {
                latest = Math.max(latest, Integer.parseInt(arn.substring(arn.lastIndexOf(':') + 1)));
            }
        } catch (SdkException | NumberFormatException e) {
            // the label's number is a forecast only: the copy gets whatever ECS gives it
        }
        ServiceDeployGateway.Revision planned = new ServiceDeployGateway.Revision(PLANNED_COPY + current.arn(),
                current.family(), latest + 1, current.containers(), current.requiresCompatibilities());
        Report r = check(svc, planned, settings, now, pacer);
        List<String> changes = new ArrayList<>();
        changes.add("register " + planned.label() + " as a copy of " + current.label() + " (same image and settings) when"
                + " the rollout starts, in the audit log; nothing is registered by this check");
        changes.addAll(r.plan().changes());
        RolloutPlan p = r.plan();
        return new Report(r.target(), r.checks(), r.lock(), r.scaling(), new RolloutPlan(p.serviceKey(), p.fromLabel(),
                p.toLabel(), p.maxParallel(), p.maximumPercent(), p.extraTasks(), p.order(), p.low(), p.high(),
                p.callsAffected(), changes, p.notes()));
    }

    /** The checks and plan for a target already described (or planned: a copy registered only when the rollout starts). */
    Report check(ServiceSnapshot svc, ServiceDeployGateway.Revision target, RolloutSettings settings, Instant now,
                 RolloutRunner.Pacer pacer) {
        Optional<ScalableTargetGateway.Scaling> scaling = Optional.empty();
        Optional<String> scalingError = Optional.empty();
        try {
            scaling = TransientRetry.read(() -> w.scaling(svc.arn()).describe(svc.clusterName(), svc.name()), pacer);
        } catch (SdkException e) {
            scalingError = Optional.of(AwsErrors.explain(e));
        }
        Optional<LockHolder> lock = Optional.empty();
        try {
            lock = LockHolder.of(TransientRetry.read(() -> w.tags().tags(svc.arn()), pacer));
        } catch (SdkException e) {
            // Unreadable tags: the engine reads them again before it writes its own.
        }
        List<PreflightCheck> checks = new ArrayList<>(Preflight.run(new Preflight.Inputs(svc, target, scaling, scalingError,
                lock, settings, w.profile().readOnly(), now)));
        checks.add(journal());
        RolloutPlan plan = Planner.plan(svc, spec(svc, target, settings), scaling, scalingError, now);
        return new Report(target, checks, lock, scaling, plan);
    }

    /** The rollout journal and the audit log must be writable: every step is written before it is taken. */
    private PreflightCheck journal() {
        Optional<String> problem = w.journal().writable().or(() -> RolloutJournal.writable(w.auditDirectory()));
        return problem.map(p -> PreflightCheck.fail("Journal", p, "free disk space or fix permissions there, or set"
                        + " -Ddrainboard.dataDir to a writable directory"))
                .orElseGet(() -> PreflightCheck.pass("Journal", "steps are journaled in " + w.journal().directory()));
    }

    private ServiceDeployGateway.Revision describe(ServiceSnapshot svc, String targetReference, RolloutRunner.Pacer pacer) {
        try {
            return TransientRetry.read(() -> w.deploys(svc.arn()).describe(targetReference), pacer);
        } catch (SdkException e) {
            throw new RolloutEffects.StepFailed("cannot read task definition " + targetReference + ": " + AwsErrors.explain(e)
                    + "; give an ARN or family:revision that exists in " + svc.clusterName() + "'s region", e);
        }
    }

    /** The rollout this report is about, from the service's current revision to the target. */
    public static RolloutSpec spec(ServiceSnapshot svc, ServiceDeployGateway.Revision target, RolloutSettings settings) {
        String from = svc.taskDefinitionArn();
        return new RolloutSpec(svc.clusterName(), svc.name(), svc.arn(), from, from.substring(from.lastIndexOf('/') + 1),
                target.arn(), target.label(), settings);
    }
}
