package io.drainboard.fleet;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fewest requests the APIs allow for a complete first read of a simulated fleet, computed from the
 * simulator's ground truth (docs/benchmarks.md states the formula):
 * <pre>
 *   ceil(clusters/100)                       ListClusters (or DescribeClusters when the profile names them)
 * + per cluster:
 *     max(1, ceil(running/100))              ListTasks desiredStatus=RUNNING
 *     ceil(running/100)                      DescribeTasks
 *     max(1, ceil(stopping/100))             ListTasks desiredStatus=STOPPED (stopping or recently stopped)
 *     ceil(stopping/100)                     DescribeTasks of those
 *     ceil(running/100)                      GetTaskProtection of the tasks desired RUNNING
 *     max(1, ceil(services/100))             ListServices
 *     ceil(services/10)                      DescribeServices
 * + distinct task definitions                DescribeTaskDefinition (services' and tasks')
 * + 1 + rooms with an agent                  LiveKit ListRooms + ListParticipants (no batch API)
 * </pre>
 * Summed over every account and region the simulator serves (each lists its own clusters and describes its own task
 * definitions); LiveKit is one server for all of them.
 */
public final class MinimumReads {
    private MinimumReads() {
    }

    public static Map<String, Long> of(Simulator sim) {
        Map<String, Long> out = new LinkedHashMap<>();
        long calls = 0;
        for (io.drainboard.sim.RegionalFleet f : sim.fleets()) {
            calls += f.model().read(m -> {
                ecs(m, out);
                return (long) m.calls().size();
            });
        }
        add(out, "livekit:ListRooms", 1);
        add(out, "livekit:ListParticipants", calls);
        return out;
    }

    private static void ecs(io.drainboard.sim.model.FleetModel m, Map<String, Long> out) {
        {
            Set<String> tds = new HashSet<>();
            int clusters = m.clusters().size();
            add(out, "ecs:ListClusters", Math.max(1, ceil(clusters, 100)));
            for (ClusterState c : m.clusters()) {
                long running = 0, stopping = 0;
                for (TaskState t : c.tasks().values()) {
                    if ("RUNNING".equals(t.desiredStatus())) {
                        running++;
                    } else {
                        stopping++;
                    }
                    tds.add(t.taskDefinitionArn());
                }
                for (ServiceState s : c.services().values()) tds.add(s.taskDefinitionArn());
                add(out, "ecs:ListTasks", Math.max(1, ceil(running, 100)) + Math.max(1, ceil(stopping, 100)));
                add(out, "ecs:DescribeTasks", ceil(running, 100) + ceil(stopping, 100));
                add(out, "ecs:GetTaskProtection", ceil(running, 100));
                int services = c.services().size();
                add(out, "ecs:ListServices", Math.max(1, ceil(services, 100)));
                add(out, "ecs:DescribeServices", ceil(services, 10));
            }
            add(out, "ecs:DescribeTaskDefinition", tds.size());
        }
    }

    public static long total(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long ceil(long n, int per) {
        return (n + per - 1) / per;
    }

    private static void add(Map<String, Long> m, String k, long v) {
        m.merge(k, v, Long::sum);
    }
}
