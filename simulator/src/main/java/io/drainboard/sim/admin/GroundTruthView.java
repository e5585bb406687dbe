package io.drainboard.sim.admin;

import io.drainboard.sim.RegionalFleet;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What really happened, as the admin endpoint shows it: totals over every account and region, the totals of
 * each, per service (with its account and region) and, asked for, per task.
 */
final class GroundTruthView {
    private GroundTruthView() {
    }

    static Map<String, Object> of(Simulator sim, boolean withTasks) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("now", sim.clock().instant().toString());
        out.put("totals", sim.groundTruth());
        List<Object> regions = new ArrayList<>();
        List<Object> services = new ArrayList<>();
        for (RegionalFleet f : sim.fleets()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("account", f.account());
            r.put("region", f.region());
            r.put("totals", f.groundTruth());
            regions.add(r);
            services.addAll(services(f, withTasks));
        }
        out.put("regions", regions);
        out.put("services", services);
        return out;
    }

    private static List<Object> services(RegionalFleet f, boolean withTasks) {
        return f.model().read(m -> {
            List<Object> services = new ArrayList<>();
            for (ClusterState c : m.clusters()) {
                for (ServiceState s : c.services().values()) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("account", f.account());
                    o.put("region", f.region());
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
        });
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
