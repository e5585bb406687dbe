package io.drainboard.sim.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.sim.http.AwsException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PutMetricData (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html): up to
 * 1,000 metrics a request, each with a name, up to 30 dimensions, and a Value or Values/Counts (up to 150) that is
 * a finite number; a namespace that does not start with "AWS/"; timestamps up to two weeks old and two hours
 * ahead. Published values land in the {@link MetricStore} like the simulator's own samples (whole minutes,
 * readable after the same publication delay), so GetMetricData and the autoscaler see them.
 */
final class PutMetricData {
    static final int MAX_METRICS = 1000;
    static final int MAX_DIMENSIONS = 30;
    static final int MAX_VALUES = 150;

    private PutMetricData() {
    }

    static Map<String, Object> answer(MetricStore store, JsonNode r, Instant now) {
        String namespace = CloudWatchApi.text(r, "Namespace");
        if (namespace == null || namespace.isEmpty()) throw missing("Namespace");
        if (namespace.startsWith("AWS/")) {
            throw CloudWatchApi.invalid("The value AWS/ for parameter Namespace is invalid: the AWS/ prefix is reserved.");
        }
        JsonNode data = r.path("MetricData");
        if (!data.isArray() || data.isEmpty()) throw missing("MetricData");
        if (data.size() > MAX_METRICS) {
            throw CloudWatchApi.invalid("The collection MetricData must not have a size greater than " + MAX_METRICS + ".");
        }
        record Put(MetricId id, Instant at, List<Double> values) {
        }
        List<Put> puts = new ArrayList<>();
        int i = 0;
        for (JsonNode d : data) {
            i++;
            String name = CloudWatchApi.text(d, "MetricName");
            if (name == null || name.isEmpty()) throw missing("MetricData.member." + i + ".MetricName");
            List<MetricId.Dimension> dims = new ArrayList<>();
            for (JsonNode dim : d.path("Dimensions")) {
                if (!dim.hasNonNull("Name") || !dim.hasNonNull("Value")) {
                    throw missing("MetricData.member." + i + ".Dimensions.Name/Value");
                }
                dims.add(new MetricId.Dimension(dim.get("Name").asText(), dim.get("Value").asText()));
            }
            if (dims.size() > MAX_DIMENSIONS) {
                throw CloudWatchApi.invalid("The collection MetricData.member." + i + ".Dimensions must not have a size greater than "
                        + MAX_DIMENSIONS + ".");
            }
            Instant at = d.hasNonNull("Timestamp") ? GetMetricData.instant(d.get("Timestamp")) : now;
            if (at.isBefore(now.minus(Duration.ofDays(14))) || at.isAfter(now.plus(Duration.ofHours(2)))) {
                throw CloudWatchApi.invalid("The parameter MetricData.member." + i + ".Timestamp must be within the last two weeks"
                        + " and no more than two hours in the future.");
            }
            List<Double> values = new ArrayList<>();
            if (d.hasNonNull("Value")) values.add(d.get("Value").asDouble());
            for (JsonNode v : d.path("Values")) values.add(v.asDouble());
            if (d.path("Values").size() > MAX_VALUES) {
                throw CloudWatchApi.invalid("The collection MetricData.member." + i + ".Values must not have a size greater than "
                        + MAX_VALUES + ".");
            }
            if (values.isEmpty() && !d.has("StatisticValues")) throw missing("MetricData.member." + i + ".Value");
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw CloudWatchApi.invalid("The value " + v + " for parameter MetricData.member." + i + ".Value is invalid.");
                }
            }
            puts.add(new Put(new MetricId(namespace, name, dims), at, values));
        }
        for (Put p : puts) for (double v : p.values()) store.put(p.id(), p.at(), v);
        return Map.of();
    }

    private static AwsException missing(String what) {
        return new AwsException("MissingRequiredParameterException", "MissingParameter", 400,
                "The parameter " + what + " is required.");
    }
}
