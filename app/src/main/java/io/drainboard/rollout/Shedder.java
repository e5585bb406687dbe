package io.drainboard.rollout;

import io.drainboard.aws.ServiceDeployGateway;
import io.drainboard.fleet.TaskSnapshot;

import java.util.List;

/**
 * Gets the service down to its desired count before the outgoing tasks are protected: ECS refuses to
 * protect more tasks than desired (DEPLOYMENT_BLOCKED), and an unprotected outgoing task is stopped by the
 * deployment with its calls. Needed for a rollback, when the replacements started above desired count are
 * still there. maximumPercent goes to 100 first, so a task stopped here is not replaced; the surplus is
 * drained like any other task, one at a time, never below desired count.
 */
final class Shedder {
    private final RolloutContext c;
    private final DrainRunner drains;

    Shedder(RolloutContext c, DrainRunner drains) {
        this.c = c;
        this.drains = drains;
    }

    void shed() {
        List<TaskSnapshot> out = c.view.runningOutgoing();
        // Tasks still starting count too: a replacement ECS launched just before maximumPercent went to 100 (a
        // rollback in the pass that stopped a drained task) runs a minute later and needs protection as well.
        int live = c.view.outgoing().size();
        int desired = c.view.desired();
        if (drains.active().isEmpty() && live <= desired) {
            c.done(Step.SHED);
            c.journal("at most desired count running or starting (" + live + " of " + desired + "): all can be protected");
            return;
        }
        if (!c.has(Step.SHED_CONFIG_SET)) {
            ServiceDeployGateway.DeploymentSettings o = c.m.originals.deployment();
            c.waiting = out.size() + " tasks run for a desired count of " + desired + ": holding ECS at desired count";
            if (c.act("set maximumPercent 100 (no replacements while getting back to desired count)",
                    () -> c.fx.configure(c.cluster(), c.service(), new ServiceDeployGateway.DeploymentSettings(
                            o.minimumHealthyPercent(), 100, o.circuitBreaker(), o.rollback()),
                            "rollout " + c.m.id + ": back to desired count before protecting every task"))) {
                c.done(Step.SHED_CONFIG_SET);
                c.done(Step.CONFIG_CHANGED);
            }
            return;
        }
        long serving = out.stream().filter(t -> !drains.everDrained(t.arn())).count();
        if (c.m.pausedBecause == null && !c.m.abortRequested
                && drains.active().size() < c.m.spec.settings().maxParallel() && serving - 1 >= desired) {
            List<TaskSnapshot> candidates = out.stream().filter(t -> !drains.everDrained(t.arn())).toList();
            Picker.next(candidates, c.now, c.risk).ifPresent(p -> drains.start(p.task(), "back to desired count: " + p.why()));
        }
        c.waiting = "getting back to desired count before protecting every task: " + out.size() + " running"
                + (live > out.size() ? " and " + (live - out.size()) + " starting" : "") + " for " + desired + ", "
                + drains.active().size() + " draining";
    }
}
