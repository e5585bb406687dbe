package io.drainboard.drain;

import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.InstanceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One container instance's safe drain, advanced one fleet snapshot at a time (docs/ec2-capacity.md).
 * Setting an instance DRAINING makes ECS stop its RUNNING service tasks, task scale-in protection or not
 * (Developer Guide, "Draining Amazon ECS container instances"), and the stop runs on the container's
 * stopTimeout. So the instance is first kept out of the group's scale-in (SetInstanceProtection), every task
 * on it is drained with the task drain state machine ({@link TaskDrain}, finish RELEASE), and only when the
 * instance hosts no call is it set DRAINING; once ECS has moved its idle tasks off, its protection is
 * released so the Auto Scaling group may take it.
 */
public final class InstanceDrain {
    /** Starts or looks up the task drains of the instance's tasks. */
    public interface TaskDrainer {
        DrainStatus start(String cluster, String service, String taskArn);

        Optional<DrainStatus> status(String taskArn);
    }

    private final String cluster;
    private final String instanceArn;
    private final String ec2InstanceId;
    private final Instant startedAt;
    private final boolean releaseWhenEmpty;
    private final Set<String> tasks = new LinkedHashSet<>();
    private final List<String> alarms = new ArrayList<>();
    /** How each of its tasks stopped, as observed: the outcome (ECS moving tasks off the DRAINING instance is ours). */
    private final StopWitness witness = new StopWitness(true);
    private InstanceDrainStatus.Phase phase = InstanceDrainStatus.Phase.PROTECTING;
    private String reason = "starting";
    private boolean protectedHere;

    public InstanceDrain(String cluster, String instanceArn, String ec2InstanceId, boolean releaseWhenEmpty, Instant now) {
        this.cluster = cluster;
        this.instanceArn = instanceArn;
        this.ec2InstanceId = ec2InstanceId;
        this.releaseWhenEmpty = releaseWhenEmpty;
        this.startedAt = now;
    }

    public InstanceDrainStatus status(TaskDrainer drainer) {
        List<DrainStatus> st = tasks.stream().map(drainer::status).flatMap(Optional::stream).toList();
        return new InstanceDrainStatus(cluster, instanceArn, ec2InstanceId, phase, startedAt, reason, st, alarms,
                witness.summary());
    }

    public InstanceDrainStatus.Phase phase() {
        return phase;
    }

    public void cancel() {
        if (!phase.finished()) {
            phase = InstanceDrainStatus.Phase.CANCELLED;
            reason = "cancelled by the operator; the instance keeps its scale-in protection";
        }
    }

    public void step(FleetSnapshot s, InstanceActions fx, TaskDrainer drainer) {
        if (phase.finished()) return;
        witness.saw(s);
        Optional<InstanceSnapshot> found = s.clusters().stream().filter(c -> c.name().equals(cluster)).findFirst()
                .flatMap(c -> c.instance(instanceArn));
        if (found.isEmpty()) {
            reason = "the instance is not in this refresh (deregistered or terminated?)";
            if (phase == InstanceDrainStatus.Phase.EMPTYING && stopsSeen()) {
                phase = InstanceDrainStatus.Phase.DONE;
                reason = witness.summary().words("the instance left the cluster with its tasks drained");
            }
            return;
        }
        InstanceSnapshot i = found.get();
        switch (phase) {
            case PROTECTING -> {
                protect(i, fx);
                if (phase == InstanceDrainStatus.Phase.DRAINING_TASKS) drainTasks(s, i, fx, drainer);
            }
            case DRAINING_TASKS -> drainTasks(s, i, fx, drainer);
            case EMPTYING -> empty(i, fx);
            default -> { }
        }
    }

    private void protect(InstanceSnapshot i, InstanceActions fx) {
        if (i.autoScalingGroup().isPresent() && !i.protectedNow()) {
            Optional<String> err = fx.protect(cluster, instanceArn, i.autoScalingGroup().get(), List.of(ec2InstanceId), true,
                    "instance drain: keep the instance out of the group's scale-in while it hosts calls");
            if (err.isPresent()) {
                fail("could not protect the instance from scale in: " + err.get());
                return;
            }
            protectedHere = true;
        }
        phase = InstanceDrainStatus.Phase.DRAINING_TASKS;
        reason = i.autoScalingGroup().map(g -> "protected from " + g + "'s scale-in; draining its tasks")
                .orElse("in no Auto Scaling group; draining its tasks");
    }

    private void drainTasks(FleetSnapshot s, InstanceSnapshot i, InstanceActions fx, TaskDrainer drainer) {
        for (String arn : i.taskArns()) {
            Optional<TaskSnapshot> t = s.task(arn);
            if (t.isEmpty() || t.get().stopping()) continue;
            Optional<DrainStatus> st = drainer.status(arn);
            boolean again = st.isPresent() && st.get().phase() == DrainPhase.DONE && t.get().calls().count() > 0;
            if (st.isEmpty() || again) {
                drainer.start(cluster, t.get().serviceName(), arn);
                tasks.add(arn);
                witness.watch(arn);
            } else {
                tasks.add(arn);
                witness.watch(arn);
                st.get().cordonedAt().filter(x -> st.get().method() == CordonMethod.EXEC_SIGNAL)
                        .ifPresent(x -> witness.signalled(arn, x));
                if (st.get().phase() == DrainPhase.FAILED && !alarms.contains(st.get().reason())) alarms.add(st.get().reason());
            }
        }
        if (!i.callsKnown()) {
            reason = "calls on the instance unknown: waiting, not acting blind";
            return;
        }
        if (i.calls() > 0) {
            String busiest = i.taskArns().stream().map(drainer::status).flatMap(Optional::stream)
                    .filter(d -> !d.phase().finished()).map(DrainStatus::reason).findFirst().orElse("");
            reason = i.calls() + (i.calls() == 1 ? " call" : " calls") + " on " + i.taskArns().size() + " tasks"
                    + (busiest.isEmpty() ? "" : "; " + busiest);
            return;
        }
        Optional<String> err = fx.setDraining(cluster, instanceArn, "instance drain: no call left on the instance");
        if (err.isPresent()) {
            fail("UpdateContainerInstancesState DRAINING failed: " + err.get());
            return;
        }
        phase = InstanceDrainStatus.Phase.EMPTYING;
        reason = "no calls left: set DRAINING; ECS moves its " + i.taskArns().size() + " idle tasks off";
    }

    private void empty(InstanceSnapshot i, InstanceActions fx) {
        if (i.calls() > 0) {
            String alarm = "a call started on the instance after it was set DRAINING; ECS is stopping its task";
            if (!alarms.contains(alarm)) alarms.add(alarm);
        }
        if (!i.taskArns().isEmpty() || i.runningTasks() > 0) {
            reason = "DRAINING; " + Math.max(i.taskArns().size(), i.runningTasks()) + " tasks still on it";
            return;
        }
        if (!stopsSeen()) {
            reason = "DRAINING with no tasks; waiting to see how its tasks stopped (their exit codes)";
            return;
        }
        if (releaseWhenEmpty && i.autoScalingGroup().isPresent() && (protectedHere || i.protectedNow())) {
            Optional<String> err = fx.protect(cluster, instanceArn, i.autoScalingGroup().get(), List.of(ec2InstanceId), false,
                    "instance drain: DRAINING with no tasks; released to the Auto Scaling group");
            if (err.isPresent()) {
                reason = "DRAINING with no tasks; releasing its protection failed: " + err.get();
                return;
            }
        }
        phase = InstanceDrainStatus.Phase.DONE;
        reason = witness.summary().words(witness.summary().stops().size() + " task(s) moved off") + "; DRAINING with no"
                + " tasks" + (releaseWhenEmpty ? i.autoScalingGroup().map(g -> "; released to " + g).orElse("")
                : "; still protected from scale in");
        fx.outcome(cluster, instanceArn, reason);
    }

    /** Every task it drained that has stopped has been seen stopped (its exit code read). */
    private boolean stopsSeen() {
        return witness.watched().stream().allMatch(witness::settled);
    }

    private void fail(String why) {
        phase = InstanceDrainStatus.Phase.FAILED;
        reason = why;
        alarms.add(why);
    }

    public String cluster() {
        return cluster;
    }

    public String instanceArn() {
        return instanceArn;
    }
}
