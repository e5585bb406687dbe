package io.drainboard.sim.ec2autoscaling;

import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ContainerInstanceState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.TaskState;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link InstanceFleet} over the fleet model: container instances, their scale-in protection
 * ({@link FleetModel#setInstanceProtection}) and {@link FleetModel#terminateContainerInstance}.
 */
public final class ModelInstanceFleet implements InstanceFleet {
    private final FleetModel model;

    public ModelInstanceFleet(FleetModel model) {
        this.model = model;
    }

    @Override
    public Object lock() {
        return model;
    }

    @Override
    public List<ClusterHosts> clusters() {
        return model.read(m -> {
            List<ClusterHosts> out = new ArrayList<>();
            for (ClusterState c : m.clusters()) {
                if (c.instances().isEmpty()) continue;
                List<Host> hosts = new ArrayList<>();
                for (ContainerInstanceState ci : c.instances().values()) {
                    if ("INACTIVE".equals(ci.status())) continue; // deregistered or terminated
                    List<TaskState> tasks = m.tasksOn(ci);
                    int calls = 0;
                    for (TaskState t : tasks) calls += t.calls().size();
                    hosts.add(new Host(ci.ec2InstanceId(), ci.availabilityZone(), ci.instanceType(), ci.registeredAt(),
                            tasks.size(), calls, ci.protectedFromScaleIn()));
                }
                out.add(new ClusterHosts(c.name(), hosts));
            }
            return out;
        });
    }

    @Override
    public void setProtection(String instanceId, boolean protectedFromScaleIn) {
        model.read(m -> {
            m.containerInstanceByEc2Id(instanceId).ifPresent(ci -> m.setInstanceProtection(ci, protectedFromScaleIn));
            return null;
        });
    }

    @Override
    public int terminate(String cluster, String instanceId) {
        return model.read(m -> m.containerInstanceByEc2Id(instanceId).map(ci -> {
            int calls = 0;
            for (TaskState t : m.tasksOn(ci)) calls += t.calls().size();
            m.terminateContainerInstance(ci);
            return calls;
        }).orElse(0));
    }

    @Override
    public void drain(String instanceId) {
        model.read(m -> {
            m.containerInstanceByEc2Id(instanceId).filter(ci -> "ACTIVE".equals(ci.status()))
                    .ifPresent(ci -> m.setContainerInstanceStatus(ci, "DRAINING"));
            return null;
        });
    }
}
