package io.drainboard.guard;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What changed in each task's ground truth since the last look: one line a task that changed, for chaos traces. */
final class GroundTruthTrace {
    private GroundTruthTrace() {
    }

    static List<String> changes(Simulator sim, Map<String, String> seen) {
        return sim.model().read(m -> {
            List<String> out = new ArrayList<>();
            for (ClusterState c : m.clusters()) {
                for (ServiceState s : c.services().values()) {
                    for (TaskState t : s.tasks()) {
                        String state = t.taskDefinitionArn().substring(t.taskDefinitionArn().lastIndexOf(':') + 1) + " "
                                + t.lastStatus() + "/" + t.desiredStatus() + " worker " + t.worker()
                                + " protected " + (t.isProtected() ? "until " + t.protectionExpiresAt() : "no")
                                + (t.calls().isEmpty() ? " idle" : " busy") + " cut " + m.callCounts(t).cut()
                                + (t.stoppedReason() == null ? "" : " reason " + t.stoppedReason())
                                + (t.sigtermAt() == null ? "" : " sigterm " + t.sigtermAt());
                        String before = seen.put(t.id(), state);
                        if (!state.equals(before)) out.add(m.now() + " task " + t.id().substring(0, 8) + " " + state);
                    }
                }
            }
            return out;
        });
    }
}
