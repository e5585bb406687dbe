package io.drainboard.calls;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Which CloudWatch metric counts a task's live calls (DESIGN.md §4: e.g. {@code agent_active_sessions}
 * with the task id as a dimension). CloudWatch matches a metric only on its full set of dimensions, so
 * {@code dimensions} names them all, each filled from the task: ClusterName, ServiceName, TaskId.
 *
 * @param staleAfter a task whose newest datapoint is older than this is shown stale, not current
 */
public record CloudWatchCalls(String namespace, String metricName, List<String> dimensions, Duration period,
                              Duration lookback, Duration staleAfter) {
    public static final Set<String> KNOWN_DIMENSIONS = Set.of("ClusterName", "ServiceName", "TaskId");

    public CloudWatchCalls {
        dimensions = List.copyOf(dimensions);
        for (String d : dimensions) {
            if (!KNOWN_DIMENSIONS.contains(d)) {
                throw new IllegalArgumentException("CloudWatch dimension " + d + " is not one of " + KNOWN_DIMENSIONS);
            }
        }
        if (period.toSeconds() < 1 || period.toSeconds() % 60 != 0 && period.toSeconds() > 60) {
            throw new IllegalArgumentException("CloudWatch period must be 1, 5, 10, 30 s or a multiple of 60 s");
        }
    }

    /** One-minute maximum of {@code agent_active_sessions} per task, as the simulator publishes it. */
    public static CloudWatchCalls defaults(String namespace) {
        return new CloudWatchCalls(namespace, "agent_active_sessions", List.of("ClusterName", "ServiceName", "TaskId"),
                Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(5));
    }
}
