package io.drainboard.sim.worker;

import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.TaskState;
import io.drainboard.sim.model.WorkerState;

import java.util.Optional;

/** {@link WorkerFleet} over the fleet model ({@link FleetModel#cordonWorker}). */
public final class ModelWorkerFleet implements WorkerFleet {
    private final FleetModel model;

    public ModelWorkerFleet(FleetModel model) {
        this.model = model;
    }

    @Override
    public Optional<Worker> worker(String taskId) {
        return model.read(m -> find(m, taskId).map(t -> {
            int jobs = t.calls().size();
            boolean up = t.worker() != WorkerState.STARTING && t.worker() != WorkerState.EXITED;
            return new Worker(t.id(), t.service().worker().agentName(), jobs, t.reportedLoad(m.now()), up,
                    t.service().worker().drainRoute(), t.service().worker().leanRoute());
        }));
    }

    @Override
    public boolean cordon(String taskId) {
        return model.read(m -> find(m, taskId).map(m::cordonWorker).orElse(false));
    }

    @Override
    public boolean lean(String taskId, long seconds) {
        return model.read(m -> find(m, taskId).map(t -> m.leanWorker(t, java.time.Duration.ofSeconds(seconds))).orElse(false));
    }

    /** By task id, or by private IP (profiles template worker URLs with {taskIp}); a live task wins an IP tie. */
    private static Optional<TaskState> find(FleetModel m, String taskIdOrIp) {
        if (IPV4.matcher(taskIdOrIp).matches()) {
            TaskState found = null;
            for (ClusterState c : m.clusters()) {
                for (TaskState t : c.tasks().values()) {
                    if (t.service() == null || !taskIdOrIp.equals(t.privateIp())) continue;
                    if (found == null || !"STOPPED".equals(t.lastStatus())) found = t;
                }
            }
            return Optional.ofNullable(found);
        }
        for (ClusterState c : m.clusters()) {
            TaskState t = c.tasks().get(m.arns().task(c.name(), taskIdOrIp));
            if (t != null && t.service() != null) return Optional.of(t);
        }
        return Optional.empty();
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
}
