package io.drainboard.drain;

import io.drainboard.SimClients;
import io.drainboard.aws.InstanceMutations;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.InstanceSnapshot;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@link DrainRig} plus the EC2 capacity engines over real wires: audited instance actions through the real
 * ECS and Auto Scaling clients, the instance guard and instance drains stepped on every snapshot.
 */
final class CapacityRig implements AutoCloseable {
    static final String GROUP = "voice-asg";
    final DrainRig rig;
    final AutoScalingClient autoScaling;
    final InstanceActions actions;
    final InstanceDrains instanceDrains;
    final InstanceGuard instanceGuard;

    CapacityRig(String scenarioFile, Path dir) throws Exception {
        rig = DrainRig.of(scenarioFile, dir);
        autoScaling = SimClients.autoScaling(rig.sim);
        actions = new InstanceActions(new InstanceMutations(rig.ecs, autoScaling), rig.audit, false);
        instanceDrains = new InstanceDrains(actions, CapacityActions.drainer(rig.drains,
                (cluster, service) -> DrainPlan.defaults(CordonMethod.HTTP), rig.sim.clock(), new TaskActivities()),
                rig.sim.clock()::instant);
        instanceGuard = new InstanceGuard(actions, instanceDrains::draining, Duration.ofMinutes(2));
    }

    FleetSnapshot step(Duration d) {
        FleetSnapshot s = rig.step(d);
        instanceGuard.snapshot(s);
        instanceDrains.snapshot(s);
        return s;
    }

    List<InstanceSnapshot> instances() {
        return rig.last.clusters().get(0).instances();
    }

    long cut() {
        return rig.sim.groundTruth().callsCut();
    }

    @Override
    public void close() {
        autoScaling.close();
        rig.close();
    }
}
