package io.drainboard.sim.agent;

import io.drainboard.sim.http.RequestGate;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.ProtectionResult;
import io.drainboard.sim.model.TaskState;

import java.util.List;
import java.util.Optional;

/** One task's agent over the fleet model: its calls are UpdateTaskProtection / GetTaskProtection for that task. */
public record ModelAgent(FleetModel model, TaskState task, RequestGate gate) implements TaskProtectionEndpoint.Agent {
    /** The task of this id in the model (any task the agent runs, standalone ones too), if the model has it. */
    public static Optional<TaskState> find(FleetModel model, String taskId) {
        return model.read(m -> {
            for (ClusterState c : m.clusters()) {
                TaskState t = c.tasks().get(m.arns().task(c.name(), taskId));
                if (t != null) return Optional.of(t);
            }
            return Optional.<TaskState>empty();
        });
    }

    @Override
    public String taskArn() {
        return task.arn();
    }

    @Override
    public ProtectionResult update(boolean enabled, Integer expiresInMinutes) {
        return model.read(m -> m.updateTaskProtection(List.of(task), enabled, expiresInMinutes).get(0));
    }

    @Override
    public ProtectionResult get() {
        return model.read(m -> m.taskProtection(task));
    }
}
