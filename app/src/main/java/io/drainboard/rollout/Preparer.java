package io.drainboard.rollout;

import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.aws.ServiceDeployGateway;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.Renewal;
import io.drainboard.fleet.DeploymentConfig;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything before the first drain, each step journaled and skipped once done: record what the service
 * looked like, suspend dynamic scale-in, (rollback: get down to desired count), protect every outgoing task,
 * let ECS start maxParallel tasks above desired count, deploy the target revision.
 */
final class Preparer {
    private final RolloutContext c;
    private final Shedder shedder;

    Preparer(RolloutContext c, Shedder shedder) {
        this.c = c;
        this.shedder = shedder;
    }

    /** Takes the next preparation step (at most one per pass); true once the target revision is deployed. */
    boolean prepare() {
        if (!c.has(Step.ORIGINALS)) {
            originals();
        } else if (!c.has(Step.SCALE_IN_SUSPENDED)) {
            suspendScaleIn();
        } else if (!c.has(Step.SHED)) {
            shedder.shed();
        } else if (!c.has(Step.PROTECTED)) {
            protectOutgoing();
        } else if (!c.has(Step.SURGE_SET)) {
            surge();
        } else if (!c.has(Step.DEPLOYED)) {
            deploy();
        }
        return c.has(Step.DEPLOYED);
    }

    private boolean originals() {
        c.waiting = "reading the service's deployment configuration and scaling state";
        Optional<ScalableTargetGateway.Scaling> scaling;
        try {
            scaling = c.fx.scaling(c.cluster(), c.service());
        } catch (RolloutEffects.StepFailed e) {
            c.failed("read the scaling state", e.getMessage());
            return false;
        }
        DeploymentConfig d = c.view.svc.deploymentConfig();
        c.m.originals = new Originals(new ServiceDeployGateway.DeploymentSettings(d.minimumHealthyPercent(),
                d.maximumPercent(), d.circuitBreaker(), d.rollbackOnFailure()), scaling.orElse(null));
        c.done(Step.ORIGINALS);
        c.journal("recorded: deployment configuration min " + d.minimumHealthyPercent() + " % / max " + d.maximumPercent()
                + " %; scaling " + scaling.map(s -> "target " + s.minCapacity() + "–" + s.maxCapacity()
                + (s.scaleInSuspended() ? ", scale-in already suspended" : "")).orElse("none"));
        return true;
    }

    private boolean suspendScaleIn() {
        ScalableTargetGateway.Scaling s = c.m.originals.scaling();
        if (s == null || s.scaleInSuspended()) {
            c.done(Step.SCALE_IN_SUSPENDED);
            c.journal(s == null ? "no scalable target: nothing scales the service in" : "scale-in already suspended: left as is");
            return true;
        }
        c.waiting = "suspending dynamic scale-in (Application Auto Scaling)";
        boolean ok = c.act("suspend dynamic scale-in", () -> c.fx.setScaling(c.cluster(), c.service(),
                s.withScaleInSuspended(true), "rollout " + c.m.id + ": scale-in would stop new tasks with calls"));
        if (ok) c.done(Step.SCALE_IN_SUSPENDED);
        return ok;
    }

    /** Every running outgoing task protected with the lease, so neither the deployment nor scale-in can stop it. */
    private boolean protectOutgoing() {
        List<TaskSnapshot> out = c.view.runningOutgoing();
        c.waiting = "protecting the " + out.size() + " tasks of " + outgoingLabel() + " before deploying";
        boolean ok = protect(out.stream().map(TaskSnapshot::arn).filter(a -> !fresh(a)).toList(), "keep it until it is drained");
        if (ok && out.stream().allMatch(t -> fresh(t.arn()))) {
            c.done(Step.PROTECTED);
            return true;
        }
        return false;
    }

    private boolean surge() {
        int desired = c.view.desired();
        int max = Surge.maximumPercent(desired, c.m.spec.settings().maxParallel(), c.m.spec.settings().spares());
        ServiceDeployGateway.DeploymentSettings o = c.m.originals.deployment();
        c.waiting = "letting ECS start " + Surge.extraTasks(desired, max) + " task(s) above desired count";
        boolean ok = c.act("set maximumPercent " + max + " (" + desired + " + " + Surge.extraTasks(desired, max) + " tasks)",
                () -> c.fx.configure(c.cluster(), c.service(), new ServiceDeployGateway.DeploymentSettings(
                        o.minimumHealthyPercent(), max, o.circuitBreaker(), o.rollback()),
                        "rollout " + c.m.id + ": room for " + c.m.spec.settings().maxParallel() + " replacement(s) and "
                                + c.m.spec.settings().spares() + " spare(s)"));
        if (ok) {
            c.done(Step.SURGE_SET);
            c.done(Step.CONFIG_CHANGED);
        }
        return ok;
    }

    private boolean deploy() {
        if (c.view.deployed()) {
            c.done(Step.DEPLOYED);
            c.journal("the service already deploys " + c.m.targetLabel);
            return true;
        }
        // Protection may have run low while earlier steps were retried: never deploy over an unprotected task.
        List<String> thin = c.view.runningOutgoing().stream().map(TaskSnapshot::arn).filter(a -> !fresh(a)).toList();
        if (!thin.isEmpty()) {
            protect(thin, "keep it until it is drained");
            return false;
        }
        c.waiting = "deploying " + c.m.targetLabel;
        boolean ok = c.act("deploy " + c.m.targetLabel, () -> c.fx.deploy(c.cluster(), c.service(), c.m.target,
                "rollout " + c.m.id + (c.m.direction == Direction.ROLLBACK ? " (rollback)" : "")));
        if (ok) {
            c.done(Step.DEPLOYED);
            c.deployedAt = c.now;
        }
        return ok;
    }

    /** Protects tasks with the lease; true when every one of them is protected. */
    boolean protect(List<String> tasks, String why) {
        if (tasks.isEmpty()) return true;
        int minutes = (int) c.m.spec.settings().lease().toMinutes();
        c.journal("intent: protect " + tasks.size() + " task(s) for " + minutes + " min");
        List<TaskProtectionGateway.Outcome> out;
        try {
            out = c.fx.protect(c.cluster(), tasks, minutes, "rollout " + c.m.id + ": " + why);
        } catch (RolloutEffects.StepFailed e) {
            c.failed("protect " + tasks.size() + " task(s)", e.getMessage());
            return false;
        }
        out = regrantRefused(out, minutes, why);
        long failed = 0;
        String why1 = null;
        Instant soonestHeld = null;
        for (TaskProtectionGateway.Outcome o : out) {
            if (o.ok() && o.expiresAt().isPresent()) {
                c.m.protectedUntil.put(o.taskArn(), o.expiresAt().get());
            } else if (!o.ok()) {
                Instant held = c.m.protectedUntil.get(o.taskArn());
                if (Renewal.blocked(o.message()) && held != null && held.isAfter(c.now)) {
                    // Still protected by our lease: ECS refuses renewals at its protected-task limit until a drain
                    // frees a place (docs/simulator.md "Rules and switches"). Not a failure while the lease holds.
                    if (soonestHeld == null || held.isBefore(soonestHeld)) soonestHeld = held;
                    continue;
                }
                failed++;
                why1 = RolloutContext.shortId(o.taskArn()) + ": " + o.message();
            }
        }
        if (soonestHeld != null) {
            c.journal("renewal refused at ECS's protected-task limit (DEPLOYMENT_BLOCKED); protected until " + soonestHeld
                    + " at least, asking again");
            if (soonestHeld.isBefore(c.now.plus(c.m.spec.settings().renewBefore().dividedBy(2)))) {
                c.alarm("ECS refuses to renew the old tasks' protection at its protected-task limit (DEPLOYMENT_BLOCKED); "
                        + "the first runs out at " + soonestHeld + " unless a drain frees a place first");
            }
        }
        if (failed > 0) {
            c.failed("protect " + tasks.size() + " task(s)", failed + " not protected (" + why1 + ")");
            return false;
        }
        if (soonestHeld != null) return false;
        c.succeeded();
        c.journal("done: protected " + tasks.size() + " task(s)");
        return true;
    }

    /**
     * Renewals refused with DEPLOYMENT_BLOCKED on tasks ECS is not waiting to stop (before the deploy: one
     * deployment, no task above desired) are released and protected again at once ({@link Renewal#regrant}); the
     * rest come back as they were. A task released and not protected again is no longer ours to count on: its lease
     * is forgotten, and its failed grant fails the step, so the next pass protects it.
     */
    private List<TaskProtectionGateway.Outcome> regrantRefused(List<TaskProtectionGateway.Outcome> out, int minutes,
                                                                 String why) {
        Renewal.Regrant r = Renewal.regrant(c.view.svc, out, new Renewal.Calls() {
            @Override
            public List<TaskProtectionGateway.Outcome> release(List<String> tasks) {
                c.journal("intent: release and protect again " + tasks.size() + " task(s) ECS would not renew");
                return orFailed(tasks, () -> c.fx.release(c.cluster(), tasks,
                        "rollout " + c.m.id + ": released to be protected again at once"));
            }

            @Override
            public List<TaskProtectionGateway.Outcome> protect(List<String> tasks) {
                return orFailed(tasks, () -> c.fx.protect(c.cluster(), tasks, minutes,
                        "rollout " + c.m.id + ": " + why + " (after release)"));
            }
        });
        r.exposed().forEach(c.m.protectedUntil::remove);
        return r.outcomes();
    }

    /** The call's outcomes, or a failed outcome for each task when the call itself failed. */
    private static List<TaskProtectionGateway.Outcome> orFailed(List<String> tasks,
                                                               Supplier<List<TaskProtectionGateway.Outcome>> call) {
        try {
            return call.get();
        } catch (RolloutEffects.StepFailed e) {
            return tasks.stream().map(t -> new TaskProtectionGateway.Outcome(t, false, Optional.empty(),
                    e.getMessage())).toList();
        }
    }

    /** Protected by us with more than renewBefore left. */
    boolean fresh(String task) {
        Instant until = c.m.protectedUntil.get(task);
        return until != null && until.isAfter(c.now.plus(c.m.spec.settings().renewBefore()));
    }

    private String outgoingLabel() {
        return c.m.direction == Direction.FORWARD ? c.m.spec.fromLabel() : "the service";
    }
}
