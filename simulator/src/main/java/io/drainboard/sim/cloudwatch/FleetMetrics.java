package io.drainboard.sim.cloudwatch;

import java.time.Instant;

/**
 * Publishes the fleet's metrics once a minute of virtual time:
 * <ul>
 * <li>{@code <namespace>/agent_active_sessions} per task (ClusterName, ServiceName, TaskId): the live calls
 * on the worker, as the per-task metric (docs/architecture.md, calls) that a worker would publish;</li>
 * <li>{@code <namespace>/agent_worker_load} per service (ClusterName, ServiceName): one sample per task of
 * its calls / capacity, so Average is the service's mean worker load (what the simulated target
 * tracking policy follows) and Maximum its busiest task;</li>
 * <li>{@code AWS/ECS/CPUUtilization} per service (ClusterName, ServiceName): one sample per task, as ECS
 * publishes service CPU (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-metrics.html).
 * The task's CPU is modelled, not measured: {@value #IDLE_CPU} % idle plus {@value #CPU_PER_FULL_LOAD} %
 * at full worker load, linear in between (voice agents' CPU grows with calls).</li>
 * </ul>
 */
public final class FleetMetrics {
    public static final String DEFAULT_NAMESPACE = "Drainboard/Agents";
    public static final String ACTIVE_SESSIONS = "agent_active_sessions";
    public static final String WORKER_LOAD = "agent_worker_load";
    static final double IDLE_CPU = 3.0;
    static final double CPU_PER_FULL_LOAD = 85.0;

    private final MetricFleet fleet;
    private final MetricStore store;
    private final String namespace;

    public FleetMetrics(MetricFleet fleet, MetricStore store, String namespace) {
        this.fleet = fleet;
        this.store = store;
        this.namespace = namespace;
    }

    public String namespace() { return namespace; }

    /** Takes one sample of every live task at {@code at}. */
    public void sample(Instant at) {
        for (MetricFleet.ServiceSample s : fleet.sample()) {
            MetricId load = MetricId.of(namespace, WORKER_LOAD, "ClusterName", s.cluster(), "ServiceName", s.service());
            MetricId cpu = MetricId.of("AWS/ECS", "CPUUtilization", "ClusterName", s.cluster(), "ServiceName", s.service());
            for (MetricFleet.TaskSample t : s.tasks()) {
                store.put(MetricId.of(namespace, ACTIVE_SESSIONS, "ClusterName", s.cluster(), "ServiceName", s.service(),
                        "TaskId", t.taskId()), at, t.activeCalls());
                store.put(load, at, t.load());
                store.put(cpu, at, Math.min(100, IDLE_CPU + CPU_PER_FULL_LOAD * t.load()));
            }
        }
    }
}
