package io.drainboard.sim.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.sim.http.AwsException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * GetMetricData (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html):
 * up to 500 MetricStat queries; each Id starts with a lower-case letter; Period a multiple of 60 for
 * standard-resolution data; results newest first unless ScanBy is TimestampAscending; at most
 * MaxDatapoints (default and ceiling 100,800) datapoints a call, the rest behind NextToken with the
 * cut query marked PartialData. Metric math (Expression) is not modelled and is refused by name.
 */
final class GetMetricData {
    static final int MAX_QUERIES = 500;
    static final int MAX_DATAPOINTS = 100_800;
    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");

    private record Query(String id, String label, MetricId metric, int period, Statistic stat, boolean returnData) {
    }

    private GetMetricData() {
    }

    static Map<String, Object> answer(MetricStore store, JsonNode r, Instant now) {
        JsonNode qs = r.path("MetricDataQueries");
        if (!qs.isArray() || qs.isEmpty()) throw missing("MetricDataQueries");
        if (qs.size() > MAX_QUERIES) {
            throw new AwsException("ValidationError", 400, "The collection MetricDataQueries must not have a size greater than " + MAX_QUERIES + ".");
        }
        if (!r.hasNonNull("StartTime")) throw missing("StartTime");
        if (!r.hasNonNull("EndTime")) throw missing("EndTime");
        Instant start = instant(r.get("StartTime"));
        Instant end = instant(r.get("EndTime"));
        if (!start.isBefore(end)) throw CloudWatchApi.invalid("The parameter StartTime must be less than the parameter EndTime.");
        boolean ascending = "TimestampAscending".equals(CloudWatchApi.text(r, "ScanBy"));
        int maxPoints = r.hasNonNull("MaxDatapoints") ? r.get("MaxDatapoints").asInt() : MAX_DATAPOINTS;
        if (maxPoints < 1 || maxPoints > MAX_DATAPOINTS) {
            throw CloudWatchApi.invalid("The parameter MaxDatapoints must be between 1 and " + MAX_DATAPOINTS + ".");
        }
        List<Query> queries = parse(qs);
        int skip = Pages.offset(CloudWatchApi.text(r, "NextToken"), "GetMetricData");

        List<Object> results = new ArrayList<>();
        int seen = 0; // datapoints before this query in the flattened order of all pages
        int sent = 0;
        boolean more = false;
        for (Query q : queries) {
            if (!q.returnData()) continue;
            List<MetricStore.Datapoint> points = store.query(q.metric(), start, end, q.period(), q.stat(), now);
            if (!ascending) Collections.reverse(points);
            int from = Math.max(0, Math.min(points.size(), skip - seen));
            int room = maxPoints - sent;
            int to = Math.min(points.size(), from + Math.max(0, room));
            seen += points.size();
            sent += to - from;
            boolean partial = to < points.size();
            more |= partial;
            List<Object> ts = new ArrayList<>();
            List<Object> vs = new ArrayList<>();
            for (MetricStore.Datapoint p : points.subList(from, to)) {
                ts.add(p.timestamp());
                vs.add(p.value());
            }
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("Id", q.id());
            res.put("Label", q.label());
            res.put("Timestamps", ts);
            res.put("Values", vs);
            res.put("StatusCode", partial ? "PartialData" : "Complete");
            results.add(res);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("MetricDataResults", results);
        if (more) out.put("NextToken", Pages.token(skip + sent, "GetMetricData"));
        out.put("Messages", List.of());
        return out;
    }

    private static List<Query> parse(JsonNode qs) {
        List<Query> out = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode q : qs) {
            String id = CloudWatchApi.text(q, "Id");
            if (id == null) throw missing("MetricDataQueries.member.Id");
            if (!ID.matcher(id).matches()) {
                throw new AwsException("ValidationError", 400, "The value " + id + " for parameter MetricDataQueries.member.Id is invalid: it must start with a lowercase letter and contain only letters, numbers and underscores.");
            }
            if (!ids.add(id)) throw CloudWatchApi.invalid("The value " + id + " for field Id is duplicated.");
            if (q.hasNonNull("Expression")) {
                throw CloudWatchApi.invalid("Drainboard simulator: metric math (Expression in query " + id
                        + ") is not modelled; query the metric with MetricStat.");
            }
            JsonNode ms = q.path("MetricStat");
            if (ms.isMissingNode()) throw missing("MetricDataQueries.member.MetricStat");
            JsonNode m = ms.path("Metric");
            String namespace = CloudWatchApi.text(m, "Namespace");
            String name = CloudWatchApi.text(m, "MetricName");
            if (namespace == null || name == null) throw missing("MetricStat.Metric.Namespace and MetricName");
            List<MetricId.Dimension> dims = new ArrayList<>();
            for (JsonNode d : m.path("Dimensions")) dims.add(new MetricId.Dimension(d.path("Name").asText(), d.path("Value").asText()));
            int period = ms.path("Period").asInt(0);
            if (period <= 0 || period % 60 != 0) {
                throw CloudWatchApi.invalid("The parameter MetricStat.Period must be a multiple of 60 for standard-resolution metrics; was " + period + ".");
            }
            String statText = CloudWatchApi.text(ms, "Stat");
            Statistic stat = Statistic.parse(statText);
            if (stat == null) {
                throw CloudWatchApi.invalid("Drainboard simulator: statistic " + statText
                        + " is not modelled; use Average, Sum, Minimum, Maximum or SampleCount.");
            }
            String label = q.hasNonNull("Label") ? q.get("Label").asText() : name;
            boolean returnData = !q.hasNonNull("ReturnData") || q.get("ReturnData").asBoolean();
            out.add(new Query(id, label, new MetricId(namespace, name, dims), period, stat, returnData));
        }
        return out;
    }

    static Instant instant(JsonNode n) {
        double seconds = n.asDouble();
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
    }

    private static AwsException missing(String what) {
        return new AwsException("MissingRequiredParameterException", "MissingParameter", 400,
                "The parameter " + what + " is required.");
    }
}
