package io.drainboard.drain;

import io.drainboard.audit.AuditLog;
import io.drainboard.aws.InstanceMutations;
import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.InstanceSnapshot;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an operator can do to EC2 capacity, next to {@link FleetActions} (whose drain coordinator and task
 * drain state machine it reuses): toggle an instance's scale-in protection, drain an instance safely, guard a
 * cluster's instances. Audited, refused in a read-only profile; stepped on every snapshot.
 */
public final class CapacityActions implements FleetListener {
    private final FleetActions fleet;
    private final InstanceActions actions;
    private final InstanceDrains drains;
    private final InstanceGuard guard;
    private final boolean readOnly;
    private final AuditLog audit;

    public CapacityActions(FleetActions fleet, InstanceMutations gateway, AuditLog audit, boolean readOnly,
                           java.time.Duration idleHysteresis, Clock clock) {
        this.fleet = fleet;
        this.readOnly = readOnly;
        this.audit = audit;
        this.actions = new InstanceActions(gateway, audit, readOnly);
        this.drains = new InstanceDrains(actions, drainer(fleet.coordinator(), fleet::planFor, clock, fleet.activities()),
                clock::instant);
        this.guard = new InstanceGuard(actions, drains::draining, idleHysteresis);
    }

    /**
     * Task drains for an instance drain: each service's own plan, finishing by release (the instance's DRAINING
     * stops them). A task a rollout or a scale-in is draining already is left to it: its drain is the one to wait for.
     */
    public static InstanceDrain.TaskDrainer drainer(DrainCoordinator coordinator,
                                                    java.util.function.BiFunction<String, String, DrainPlan> planFor,
                                                    Clock clock, TaskActivities activities) {
        return new InstanceDrain.TaskDrainer() {
            @Override
            public DrainStatus start(String cluster, String service, String taskArn) {
                Optional<DrainStatus> other = elsewhere(taskArn);
                if (other.isPresent()) return other.get();
                DrainPlan p = planFor.apply(cluster, service);
                return coordinator.drain(cluster, service, taskArn, new DrainPlan(p.method(), DrainPlan.Finish.RELEASE,
                        p.deadline(), p.onDeadline(), p.lease(), p.renewBefore(), p.riskBar()), clock.instant(),
                        TaskActivity.Source.INSTANCE_DRAIN);
            }

            @Override
            public Optional<DrainStatus> status(String taskArn) {
                return coordinator.drainOf(taskArn).map(TaskDrain::status).or(() -> elsewhere(taskArn));
            }

            private Optional<DrainStatus> elsewhere(String taskArn) {
                return activities.of(taskArn).filter(a -> !a.commandable() && a.draining()).flatMap(TaskActivity::drain);
            }
        };
    }

    @Override
    public String name() {
        return "Instance drains and the instance guard";
    }

    /** On the engine thread ({@link EngineThreads}): instance protection and draining are AWS calls. */
    @Override
    public void snapshot(FleetSnapshot s) {
        if (s.partial()) return; // its engines wait for a whole fleet
        fleet.threads().step("the EC2 engines", s, x -> {
            guard.snapshot(x);
            drains.snapshot(x);
        });
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** The operator's toggle: protect or release one instance, with the operator's reason. Returns the error, if any. */
    public Optional<String> setProtection(InstanceSnapshot i, boolean on, String reason) {
        if (readOnly) throw new ReadOnlyException(on ? "instance protection" : "instance release");
        if (i.autoScalingGroup().isEmpty()) return Optional.of(i.ec2InstanceId() + " is in no Auto Scaling group");
        return actions.protect(i.clusterName(), i.arn(), i.autoScalingGroup().get(), List.of(i.ec2InstanceId()), on,
                operator(reason, on ? "keep the instance out of scale-in" : "release the instance to scale-in"));
    }

    /** Starts a safe instance drain; the operator's request is audited with its reason, each step as it is sent. */
    public InstanceDrainStatus drain(InstanceSnapshot i, String reason) {
        if (readOnly) throw new ReadOnlyException("instance drain");
        audit.begin("instance-drain", List.of(i.ec2InstanceId()), operator(reason, "safe instance drain"),
                Map.of("cluster", i.clusterName(), "containerInstance", i.arn())).complete("started", List.of());
        return drains.drain(i.clusterName(), i.arn(), i.ec2InstanceId(), true);
    }

    public Optional<InstanceDrainStatus> drainStatus(String instanceArn) {
        return drains.status(instanceArn);
    }

    public void guard(String cluster, boolean on, String reason) {
        if (readOnly) throw new ReadOnlyException("instance guard");
        audit.begin(on ? "instance-guard-on" : "instance-guard-off", List.of(cluster), operator(reason, ""), Map.of())
                .complete("ok", List.of());
        if (on) guard.enable(cluster);
        else guard.disable(cluster);
    }

    private static String operator(String reason, String otherwise) {
        return reason == null || reason.isBlank() ? "operator: " + otherwise : reason;
    }

    public Optional<InstanceGuard.Status> guardStatus(String cluster) {
        return guard.status(cluster);
    }

    public FleetActions fleet() {
        return fleet;
    }
}
