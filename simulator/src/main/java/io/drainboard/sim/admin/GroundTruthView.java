package io.drainboard.sim.admin;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What really happened, as the admin endpoint shows it: fleet totals, per service and (asked for) per task. */
final class GroundTruthView {
    private GroundTruthView() {
    }

    static Map<String, Object> of(Simulator sim, boolean withTasks) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("now", sim.clock().instant().toString());
        out.put("totals", sim.groundTruth());
        out.put("services", sim.model().read(m -> {
            List<Object> services = new ArrayList<>();
            for (ClusterState c : m.clusters()) {
                for (ServiceState s : c.services().values()) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("cluster", c.name());
                    o.put("service", s.name());
                    o.put("desiredCount", s.desiredCount());
                    o.put("runningCount", s.runningCount());
                    o.put("pendingCount", s.pendingCount());
                    o.put("activeCalls", m.activeCalls(s).values().stream().mapToInt(Integer::intValue).sum());
                    o.put("calls", m.callCounts(s));
                    if (withTasks) o.put("tasks", tasks(m, s));
                    services.add(o);
                }
            }
            return services;
        }));
        return out;
    }

    private static List<Object> tasks(io.drainboard.sim.model.FleetModel m, ServiceState s) {
        List<Object> out = new ArrayList<>();
        for (TaskState t : s.tasks()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("taskId", t.id());
            o.put("lastStatus", t.lastStatus());
            o.put("worker", t.worker().name());
            o.put("activeCalls", t.calls().size());
            o.put("protected", t.isProtected());
            o.put("calls", m.callCounts(t));
            out.add(o);
        }
        return out;
    }
}
