package io.drainboard.calls;

import io.drainboard.aws.AwsRetry;
import io.drainboard.aws.RequestScheduler;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Calls per task from a CloudWatch metric: GetMetricData with up to 500 queries a request (CloudWatch
 * API Reference "GetMetricData": "You can include up to 500 MetricDataQuery structures"), one query per
 * task, newest datapoint first. CloudWatch data is delayed by design; each count carries its datapoint's
 * time, a task with no datapoint is unknown (never 0), and one older than {@code staleAfter} is stale.
 */
public final class CloudWatchCallSource implements PerTaskCallSource {
    static final String SOURCE = "cloudwatch";
    public static final int QUERIES_PER_REQUEST = 500;

    private final CloudWatchClient cloudWatch;
    private final CloudWatchCalls metric;
    private final Clock clock;
    private final RequestScheduler requests;

    public CloudWatchCallSource(CloudWatchClient cloudWatch, CloudWatchCalls metric, Clock clock,
                                RequestScheduler requests) {
        this.cloudWatch = cloudWatch;
        this.metric = metric;
        this.clock = clock;
        this.requests = requests;
    }

    @Override
    public CallsReading read(List<TaskAddress> tasks) {
        Instant now = clock.instant();
        List<CompletableFuture<Map<String, TaskCount>>> batches = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i += QUERIES_PER_REQUEST) {
            List<TaskAddress> batch = tasks.subList(i, Math.min(tasks.size(), i + QUERIES_PER_REQUEST));
            batches.add(requests.submit("cloudwatch:GetMetricData", RequestScheduler.DESCRIBE_BULK,
                    () -> query(batch, now), AwsRetry::classify));
        }
        Map<String, TaskCount> counts = new HashMap<>();
        String failure = null;
        for (int b = 0; b < batches.size(); b++) {
            try {
                counts.putAll(batches.get(b).join());
            } catch (CompletionException e) {
                String why = e.getCause() instanceof SdkException s ? CloudWatchCallSource.explain(s) : String.valueOf(e.getCause());
                failure = why;
                for (TaskAddress t : tasks.subList(b * QUERIES_PER_REQUEST,
                        Math.min(tasks.size(), (b + 1) * QUERIES_PER_REQUEST))) {
                    counts.put(t.arn(), TaskCount.failed(now, why));
                }
            }
        }
        if (failure != null && counts.values().stream().noneMatch(c -> c.count().isPresent())) {
            return new CallsReading(SOURCE, now, Map.of(), 0, Optional.of("CloudWatch GetMetricData failed: " + failure),
                    counts, false);
        }
        return CallsReading.counts(SOURCE, now, counts);
    }

    /** One GetMetricData (and its next pages, if CloudWatch splits the answer) for up to 500 tasks. */
    private Map<String, TaskCount> query(List<TaskAddress> batch, Instant now) {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            TaskAddress t = batch.get(i);
            queries.add(metric.query(i, t.cluster(), t.service(), t.id(), (int) metric.period().toSeconds()));
        }
        Map<String, Instant> newestAt = new HashMap<>();
        Map<String, Double> newestValue = new HashMap<>();
        String token = null;
        do {
            GetMetricDataResponse r = cloudWatch.getMetricData(GetMetricDataRequest.builder()
                    .metricDataQueries(queries).startTime(now.minus(metric.lookback())).endTime(now)
                    .scanBy(ScanBy.TIMESTAMP_DESCENDING).nextToken(token).build());
            for (MetricDataResult res : r.metricDataResults()) {
                for (int k = 0; k < res.timestamps().size(); k++) {
                    Instant ts = res.timestamps().get(k);
                    Instant seen = newestAt.get(res.id());
                    if (seen == null || ts.isAfter(seen)) {
                        newestAt.put(res.id(), ts);
                        newestValue.put(res.id(), res.values().get(k));
                    }
                }
            }
            token = r.nextToken();
        } while (token != null);
        Map<String, TaskCount> out = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            String id = "t" + i;
            Instant ts = newestAt.get(id);
            String arn = batch.get(i).arn();
            if (ts == null) {
                out.put(arn, TaskCount.failed(now, "no " + metric.metricName() + " datapoint in the last "
                        + metric.lookback().toMinutes() + " min; is the task publishing the metric?"));
            } else {
                out.put(arn, new TaskCount(java.util.OptionalInt.of((int) Math.round(newestValue.get(id))), ts,
                        OptionalDouble.empty(), ts.isBefore(now.minus(metric.staleAfter()))
                        ? Optional.of("newest datapoint is " + java.time.Duration.between(ts, now).toMinutes()
                        + " min old") : Optional.empty()));
            }
        }
        return out;
    }

    private static String explain(SdkException e) {
        return e.getMessage();
    }
}
