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
 * The task's CPU is modelled, not measured, and follows the calls only loosely: {@value #IDLE_CPU} % idle
 * plus up to {@value #CPU_PER_FULL_LOAD} % at full worker load, scaled by the share of that minute the agents
 * spent computing (speech, audio) rather than waiting on a remote LLM or on the caller, which uses no CPU while
 * the call still occupies the worker. That share lies in [{@value #MIN_BUSY_SHARE}, {@value #MAX_BUSY_SHARE}]:
 * mostly a service-wide part that changes every 10 minutes (how slow the LLM answers then), partly per task and
 * minute. So the service's CPU moves fivefold at the same number of calls, a fully loaded task shows 11–46 %
 * CPU, and a CPU target of 50 % or more never fires.</li>
 * <li>{@code AWS/ECS/MemoryUtilization} per service: one sample per task, {@value #BASE_MEMORY} % (models
 * and runtime loaded) plus {@value #MEMORY_PER_FULL_LOAD} % at full load: nearly flat.</li>
 * </ul>
 */
public final class FleetMetrics {
    public static final String DEFAULT_NAMESPACE = "Drainboard/Agents";
    public static final String ACTIVE_SESSIONS = "agent_active_sessions";
    public static final String WORKER_LOAD = "agent_worker_load";
    static final double IDLE_CPU = 3.0;
    static final double CPU_PER_FULL_LOAD = 85.0;
    static final double MIN_BUSY_SHARE = 0.1;
    static final double MAX_BUSY_SHARE = 0.5;
    static final double BASE_MEMORY = 38.0;
    static final double MEMORY_PER_FULL_LOAD = 6.0;

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
            MetricId memory = MetricId.of("AWS/ECS", "MemoryUtilization", "ClusterName", s.cluster(), "ServiceName", s.service());
            for (MetricFleet.TaskSample t : s.tasks()) {
                store.put(MetricId.of(namespace, ACTIVE_SESSIONS, "ClusterName", s.cluster(), "ServiceName", s.service(),
                        "TaskId", t.taskId()), at, t.activeCalls());
                store.put(load, at, t.load());
                store.put(cpu, at, cpu(s.cluster() + "/" + s.service(), t, at));
                store.put(memory, at, BASE_MEMORY + MEMORY_PER_FULL_LOAD * t.load());
            }
        }
    }

    /** The modelled CPU of one task in one minute (see the class comment): the same for the same task and minute. */
    static double cpu(String service, MetricFleet.TaskSample t, Instant minute) {
        long m = minute.getEpochSecond() / 60;
        double u = 0.75 * unit(service.hashCode(), m / 10) + 0.25 * unit(t.taskId().hashCode(), m);
        double busyShare = MIN_BUSY_SHARE + (MAX_BUSY_SHARE - MIN_BUSY_SHARE) * u;
        return Math.min(100, IDLE_CPU + CPU_PER_FULL_LOAD * t.load() * busyShare);
    }

    /** A uniform number in [0, 1) fixed by its two keys (SplitMix64's finaliser). */
    private static double unit(long key, long index) {
        long h = key * 0x9E3779B97F4A7C15L + index;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 32;
        return (h >>> 11) / (double) (1L << 53);
    }
}
