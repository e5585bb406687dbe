package io.drainboard.calls;

import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which CloudWatch metric counts a task's live calls (docs/architecture.md, calls: e.g. {@code agent_active_sessions}
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

    /**
     * The GetMetricData query for one task's series: every dimension filled from the task, the maximum per
     * {@code periodSeconds}. {@code index} makes the query id ("t" + index: ids start with a lower-case letter).
     */
    public MetricDataQuery query(int index, String cluster, String service, String taskId, int periodSeconds) {
        List<Dimension> dims = new ArrayList<>();
        for (String d : dimensions) {
            String value = switch (d) {
                case "ClusterName" -> cluster;
                case "ServiceName" -> service;
                default -> taskId;
            };
            dims.add(Dimension.builder().name(d).value(value).build());
        }
        return MetricDataQuery.builder().id("t" + index).returnData(true)
                .metricStat(s -> s.metric(m -> m.namespace(namespace).metricName(metricName).dimensions(dims))
                        .period(periodSeconds).stat("Maximum"))
                .build();
    }
}
