package io.drainboard.rollout;

import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.aws.TaskProtectionGateway;

import java.util.List;

/**
 * Puts back what the rollout changed, each step journaled, in order: the deployment configuration, the
 * scale-in suspension (only if the rollout suspended it), our protections (unless they are what keeps old
 * tasks of an unfinished deployment alive), the lock. Steps that succeed follow one another in the same pass
 * (one pass each cost 15–20 s at the end of every rollout); one that fails is tried again next pass.
 */
final class Restorer {
    private final RolloutContext c;
    private final LockKeeper lock;

    Restorer(RolloutContext c, LockKeeper lock) {
        this.c = c;
        this.lock = lock;
    }

    /** Returns true when everything is restored. */
    boolean restore(boolean keepProtection) {
        if (c.has(Step.CONFIG_CHANGED) && !c.has(Step.RESTORED_CONFIG)) {
            c.waiting = "restoring the deployment configuration";
            var o = c.m.originals.deployment();
            if (!c.act("restore minimumHealthyPercent " + o.minimumHealthyPercent() + " / maximumPercent " + o.maximumPercent(),
                    () -> c.fx.configure(c.cluster(), c.service(), o, "rollout " + c.m.id + " ended: as before"))) {
                return false;
            }
            c.done(Step.RESTORED_CONFIG);
        }
        ScalableTargetGateway.Scaling before = c.m.originals == null ? null : c.m.originals.scaling();
        boolean weSuspended = c.has(Step.SCALE_IN_SUSPENDED) && before != null && !before.scaleInSuspended();
        if (weSuspended && !c.has(Step.RESTORED_SCALING)) {
            c.waiting = "resuming dynamic scale-in";
            if (!c.act("resume dynamic scale-in", () -> c.fx.setScaling(c.cluster(), c.service(), before,
                    "rollout " + c.m.id + " ended: as before"))) {
                return false;
            }
            c.done(Step.RESTORED_SCALING);
        }
        if (!keepProtection && !c.has(Step.RELEASED)) {
            List<String> ours = c.view.runningOutgoing().stream().map(t -> t.arn())
                    .filter(c.m.protectedUntil::containsKey).toList();
            if (!ours.isEmpty()) {
                c.waiting = "releasing the protection this rollout set";
                try {
                    List<TaskProtectionGateway.Outcome> r = c.fx.release(c.cluster(), ours, "rollout " + c.m.id
                            + " ended before deploying: protection no longer needed");
                    if (r.stream().anyMatch(o -> !o.ok())) {
                        c.failed("release protection", r.stream().filter(o -> !o.ok()).findFirst().get().message());
                        return false;
                    }
                } catch (RolloutEffects.StepFailed e) {
                    c.failed("release protection", e.getMessage());
                    return false;
                }
                c.m.protectedUntil.clear();
            }
            c.done(Step.RELEASED);
            c.journal("done: released this rollout's protection");
        }
        if (!c.has(Step.UNLOCKED)) {
            c.waiting = "removing the rollout lock";
            if (!lock.release()) return false;
            c.done(Step.UNLOCKED);
        }
        return true;
    }
}
