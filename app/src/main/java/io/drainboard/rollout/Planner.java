package io.drainboard.rollout;

import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.drain.CordonMethod;
import io.drainboard.drain.CutRisk;
import io.drainboard.drain.IdleSoonest;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the dry run's {@link RolloutPlan}. The duration range: one start-up and gate before the first
 * drain (the replacements and the spare start together); then rounds of maxParallel drains, each as long as
 * its slowest drain (a replacement starts while the next task drains). The first round's tasks are known
 * (their calls now); later rounds are assumed to
 * take what a typical task takes now (the median over the tasks of their 10th and 90th percentiles), since
 * their calls will have changed by the time their turn comes.
 */
public final class Planner {
    private Planner() {
    }

    public static RolloutPlan plan(ServiceSnapshot svc, RolloutSpec spec, Optional<ScalableTargetGateway.Scaling> scaling,
                                   Instant now) {
        return plan(svc, spec, scaling, Optional.empty(), now);
    }

    /**
     * @param scalingError why the scalable target could not be read: the plan then says scale-in will be suspended
     *                     if there is a target (the rollout reads it again before it changes anything)
     */
    public static RolloutPlan plan(ServiceSnapshot svc, RolloutSpec spec, Optional<ScalableTargetGateway.Scaling> scaling,
                                   Optional<String> scalingError, Instant now) {
        RolloutSettings s = spec.settings();
        CutRisk risk = s.risk();
        List<TaskSnapshot> old = svc.tasks().stream().filter(ServiceView::running)
                .filter(t -> !spec.to().equals(t.taskDefinitionArn())).toList();
        // A task whose calls are unknown is never ranked as if it were idle: it is listed last, as unknown.
        List<IdleSoonest.Pick> tasks = IdleSoonest.rank(old.stream().filter(t -> t.calls().known()).toList(), now, risk);
        List<TaskSnapshot> unknown = old.stream().filter(t -> !t.calls().known()).toList();
        List<RolloutPlan.Drain> order = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            TaskSnapshot t = tasks.get(i).task();
            double oldest = t.calls().oldestStart().map(o -> (double) Duration.between(o, now).toSeconds()).orElse(0.0);
            order.add(new RolloutPlan.Drain(i + 1, t.id(), t.calls().count(), oldest, tasks.get(i).forecast().p10(),
                    tasks.get(i).forecast().p90()));
        }
        for (TaskSnapshot t : unknown) order.add(new RolloutPlan.Drain(order.size() + 1, t.id(), 0, 0, 0, 0, false));
        int k = s.maxParallel();
        // The spare replacement (see Surge) starts while a task drains: past the first, a drain costs only itself.
        double first0 = Progress.START_UP.toSeconds() + s.gate().toSeconds();
        double step = Progress.PASS_LAG.toSeconds();
        double typicalLow = Progress.median(tasks.stream().map(x -> x.forecast().p10()).toList());
        double typicalHigh = Progress.median(tasks.stream().map(x -> x.forecast().p90()).toList());
        double low = first0, high = first0;
        for (int r = 0; r * k < tasks.size(); r++) {
            if (r == 0) {
                List<IdleSoonest.Pick> first = tasks.subList(0, Math.min(k, tasks.size()));
                low += first.stream().mapToDouble(x -> x.forecast().p10()).max().orElse(0) + step;
                high += first.stream().mapToDouble(x -> x.forecast().p90()).max().orElse(0) + step;
            } else {
                low += typicalLow + step;
                high += typicalHigh + step;
            }
        }
        int desired = svc.desiredCount();
        int max = Surge.maximumPercent(desired, k, s.spares());
        List<String> changes = new ArrayList<>();
        changes.add("tag " + LockHolder.TAG + " on the service (removed at the end)");
        scaling.filter(sc -> !sc.scaleInSuspended()).ifPresent(sc ->
                changes.add("suspend dynamic scale-in (Application Auto Scaling; resumed at the end)"));
        scalingError.ifPresent(e -> changes.add("suspend dynamic scale-in if the service has an Application Auto Scaling"
                + " target (resumed at the end; its state could not be read now: " + e + ", and is read again before"
                + " anything changes)"));
        changes.add("protect the " + order.size() + " running task(s) for " + s.lease().toMinutes()
                + " min, renewed until each one's turn");
        changes.add("maximumPercent " + svc.deploymentConfig().maximumPercent() + " % → " + max + " % (restored at the end)");
        changes.add("UpdateService taskDefinition " + spec.fromLabel() + " → " + spec.toLabel());
        changes.add("drain each old task (cordon by " + s.cordon() + ", wait for its calls to end, then StopTask)");
        List<String> notes = new ArrayList<>();
        if (s.method() == CordonMethod.NONE) {
            notes.add("no cordon: a task is stopped when idle, or when every call on it is predicted to end within"
                    + " stopTimeout with p ≥ " + s.riskBar() + " (expected cut ≤ " + String.format("%.3f", tasks.size()
                    * (1 - s.riskBar())) + " call in all)");
        }
        if (!unknown.isEmpty()) {
            notes.add("calls unknown on " + unknown.size() + " task(s) (" + String.join(", ", unknown.stream()
                    .map(TaskSnapshot::id).toList()) + "): not in the predicted duration; the rollout never drains a task"
                    + " whose calls it cannot see");
        }
        notes.add("calls affected: 0 — every old task is stopped only once it has no calls");
        return new RolloutPlan(spec.serviceKey(), spec.fromLabel(), spec.toLabel(), k, max, Surge.extraTasks(desired, max),
                order, Duration.ofSeconds((long) low), Duration.ofSeconds((long) high), 0, changes, notes);
    }
}
