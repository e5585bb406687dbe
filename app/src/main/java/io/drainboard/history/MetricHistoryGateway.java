package io.drainboard.history;

import io.drainboard.aws.AwsRetry;
import io.drainboard.aws.RequestScheduler;
import io.drainboard.calls.CloudWatchCalls;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The per-task calls metric over a past stretch (docs/architecture.md, calls: {@code agent_active_sessions} by TaskId),
 * by GetMetricData through the real CloudWatchClient: one-minute Maximum, up to 500 tasks a request
 * (CloudWatch API Reference "GetMetricData": 500 queries and 100,800 datapoints a call, NextToken for more).
 * The Maximum of a minute bounds from above what the task had at any moment of it.
 */
public final class MetricHistoryGateway {
    /** A task whose series is wanted, over its own stretch of time. */
    public record TaskRange(String taskId, String cluster, String service, Instant from, Instant to) {
    }

    static final int QUERIES_PER_REQUEST = 500;
    static final int MAX_DATAPOINTS = 100_800;

    private final CloudWatchClient cloudWatch;
    private final CloudWatchCalls metric;
    private final RequestScheduler requests;

    public MetricHistoryGateway(CloudWatchClient cloudWatch, CloudWatchCalls metric, RequestScheduler requests) {
        this.cloudWatch = cloudWatch;
        this.metric = metric;
        this.requests = requests;
    }

    public String describe() {
        return "CloudWatch " + metric.namespace() + "/" + metric.metricName() + " (1-min Maximum)";
    }

    /** Datapoints per task id, oldest first; a task without any is absent. */
    public Map<String, List<SeriesPoint>> series(List<TaskRange> tasks) {
        Map<String, List<SeriesPoint>> out = new HashMap<>();
        List<TaskRange> batch = new ArrayList<>();
        long points = 0;
        Instant from = null, to = null;
        for (TaskRange t : tasks) {
            Instant f = from == null || t.from().isBefore(from) ? t.from() : from;
            Instant e = to == null || t.to().isAfter(to) ? t.to() : to;
            long minutes = Math.max(1, java.time.Duration.between(f, e).toMinutes() + 1);
            if (!batch.isEmpty() && (batch.size() == QUERIES_PER_REQUEST || (batch.size() + 1) * minutes > MAX_DATAPOINTS)) {
                out.putAll(query(batch, from, to));
                batch.clear();
                f = t.from();
                e = t.to();
            }
            batch.add(t);
            from = f;
            to = e;
        }
        if (!batch.isEmpty()) out.putAll(query(batch, from, to));
        return out;
    }

    private Map<String, List<SeriesPoint>> query(List<TaskRange> batch, Instant from, Instant to) {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            TaskRange t = batch.get(i);
            queries.add(metric.query(i, t.cluster(), t.service(), t.taskId(), 60));
        }
        Map<String, List<SeriesPoint>> out = new HashMap<>();
        String token = null;
        Instant start = from.minusSeconds(from.getEpochSecond() % 60);
        do {
            String tk = token;
            GetMetricDataResponse r = call(() -> cloudWatch.getMetricData(GetMetricDataRequest.builder()
                    .metricDataQueries(queries).startTime(start).endTime(to.plusSeconds(1))
                    .scanBy(ScanBy.TIMESTAMP_ASCENDING).nextToken(tk).build()));
            for (MetricDataResult res : r.metricDataResults()) {
                TaskRange t = batch.get(Integer.parseInt(res.id().substring(1)));
                List<SeriesPoint> points = out.computeIfAbsent(t.taskId(), k -> new ArrayList<>());
                for (int k = 0; k < res.timestamps().size(); k++) {
                    Instant ts = res.timestamps().get(k);
                    if (ts.isBefore(t.from().minusSeconds(60)) || ts.isAfter(t.to())) continue;
                    points.add(new SeriesPoint(ts, (int) Math.round(res.values().get(k))));
                }
            }
            token = r.nextToken();
        } while (token != null);
        out.values().forEach(l -> l.sort(java.util.Comparator.comparing(SeriesPoint::at)));
        out.values().removeIf(List::isEmpty);
        return out;
    }

    private GetMetricDataResponse call(java.util.concurrent.Callable<GetMetricDataResponse> c) {
        try {
            return requests.submit("cloudwatch:GetMetricData", RequestScheduler.BACKGROUND, c, AwsRetry::classify).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
