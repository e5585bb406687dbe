package io.drainboard.guard;

import io.drainboard.aws.Regional;
import io.drainboard.drain.SessionHeadroom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes {@link SessionFigures} to CloudWatch with PutMetricData, namespace {@value #NAMESPACE}, dimensions
 * ClusterName and ServiceName, so a target-tracking policy can scale on sessions: {@code ActiveSessions},
 * {@code SessionsPerTask}, {@code SessionUtilization} (0–1), and what the recommended policy tracks:
 * {@code HeadroomLoad} (sessions plus a ramp-sized idle room over desired tasks × capacity, {@link SessionHeadroom})
 * with {@code TasksNeeded}, the count it aims at. Batched per account and region (each service's
 * region, by its ARN) in requests of at most {@value #MAX_PER_REQUEST} metrics, the PutMetricData limit (API
 * Reference "PutMetricData": 1,000 metrics and 1 MB a request; these are ~200 bytes each), once a minute (the
 * standard resolution).
 */
public final class SessionMetrics {
    public static final String NAMESPACE = SessionHeadroom.NAMESPACE;
    static final int MAX_PER_REQUEST = 1000;

    /** What one publication sent. */
    public record Published(int requests, int metrics, List<String> failures) {
    }

    private final Regional<CloudWatchClient> cloudWatch;

    public SessionMetrics(Regional<CloudWatchClient> cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /** @param byServiceArn the figures of each service, keyed by the service's ARN (which picks the region) */
    public Published publish(Map<String, SessionFigures> byServiceArn, Instant at) {
        Map<CloudWatchClient, List<MetricDatum>> byClient = new LinkedHashMap<>();
        for (Map.Entry<String, SessionFigures> e : byServiceArn.entrySet()) {
            byClient.computeIfAbsent(cloudWatch.forArn(e.getKey()), c -> new ArrayList<>()).addAll(data(e.getValue(), at));
        }
        int requests = 0, metrics = 0;
        List<String> failures = new ArrayList<>();
        for (Map.Entry<CloudWatchClient, List<MetricDatum>> e : byClient.entrySet()) {
            List<MetricDatum> all = e.getValue();
            for (int from = 0; from < all.size(); from += MAX_PER_REQUEST) {
                List<MetricDatum> batch = all.subList(from, Math.min(all.size(), from + MAX_PER_REQUEST));
                try {
                    e.getKey().putMetricData(b -> b.namespace(NAMESPACE).metricData(batch));
                    requests++;
                    metrics += batch.size();
                } catch (SdkException ex) {
                    failures.add(String.valueOf(ex.getMessage()));
                }
            }
        }
        return new Published(requests, metrics, failures);
    }

    static List<MetricDatum> data(SessionFigures f, Instant at) {
        List<Dimension> dims = List.of(Dimension.builder().name("ClusterName").value(f.cluster()).build(),
                Dimension.builder().name("ServiceName").value(f.service()).build());
        List<MetricDatum> out = new ArrayList<>();
        out.add(datum("ActiveSessions", f.activeSessions(), StandardUnit.COUNT, dims, at));
        f.sessionsPerTask().ifPresent(v -> out.add(datum("SessionsPerTask", v, StandardUnit.COUNT, dims, at)));
        f.utilization().ifPresent(v -> out.add(datum("SessionUtilization", v, StandardUnit.NONE, dims, at)));
        f.headroomLoad().ifPresent(v -> out.add(datum(SessionHeadroom.METRIC, v, StandardUnit.NONE, dims, at)));
        f.tasksNeeded().ifPresent(v -> out.add(datum("TasksNeeded", v, StandardUnit.COUNT, dims, at)));
        return out;
    }

    private static MetricDatum datum(String name, double value, StandardUnit unit, List<Dimension> dims, Instant at) {
        return MetricDatum.builder().metricName(name).value(value).unit(unit).dimensions(dims).timestamp(at).build();
    }
}
