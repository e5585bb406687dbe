package io.drainboard.sim.cloudwatch;

import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import io.drainboard.sim.model.WorkerState;

import java.util.ArrayList;
import java.util.List;

/** {@link MetricFleet} over the fleet model: tasks whose worker still runs publish metrics. */
public final class ModelMetricFleet implements MetricFleet {
    private final FleetModel model;

    public ModelMetricFleet(FleetModel model) {
        this.model = model;
    }

    @Override
    public List<ServiceSample> sample() {
        synchronized (model) {
            List<ServiceSample> out = new ArrayList<>();
            for (ClusterState c : model.clusters()) {
                for (ServiceState s : c.services().values()) {
                    List<TaskSample> tasks = new ArrayList<>();
                    for (TaskState t : s.tasks()) {
                        // The worker publishes from the moment its process starts until it exits.
                        if (t.worker() != WorkerState.STARTING && t.worker() != WorkerState.EXITED) {
                            tasks.add(new TaskSample(t.id(), t.calls().size(), s.worker().capacity()));
                        }
                    }
                    out.add(new ServiceSample(c.name(), s.name(), tasks));
                }
            }
            return out;
        }
    }
}
