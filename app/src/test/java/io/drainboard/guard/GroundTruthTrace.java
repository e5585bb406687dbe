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

    /**
     * The guards' asks that ECS refused at its protected-task limit for a task that was idle and unprotected: from a
     * chaos trace ({@link GuardChaosRun}), against that step's "failed: ARN DEPLOYMENT_BLOCKED": unprotected as the steps
     * before leave it (renewals are not asks), idle as this step's ground-truth lines leave it (calls change only while
     * time advances, so that is what the guards read).
     */
    static List<String> refusedIdleAsks(List<String> trace) {
        Map<String, String> state = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < trace.size()) {
            String at = stepTime(trace.get(i));
            int end = i;
            while (end < trace.size() && at.equals(stepTime(trace.get(end)))) end++;
            Map<String, String> before = new java.util.HashMap<>(state); // protection as the guards read it
            for (int k = i; k < end; k++) {
                String[] w = trace.get(k).split(" ");
                if (w.length > 2 && "task".equals(w[1])) state.put(w[2], trace.get(k));
            }
            for (int k = i; k < end; k++) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9a-f]{32}) DEPLOYMENT_BLOCKED")
                        .matcher(trace.get(k));
                while (m.find()) {
                    String id = m.group(1).substring(0, 8);
                    if (before.getOrDefault(id, "").contains(" protected no ") && state.getOrDefault(id, "").contains(" idle ")) {
                        out.add(at + " " + id + " idle, refused");
                    }
                }
            }
            i = end;
        }
        return out;
    }

    /** The instant a trace line belongs to: the first word of a ground-truth line, the second of a guard's. */
    private static String stepTime(String line) {
        String[] w = line.split(" ", 3);
        return w[0].contains("T") && w[0].endsWith("Z") ? w[0] : w.length > 1 ? w[1] : "";
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
