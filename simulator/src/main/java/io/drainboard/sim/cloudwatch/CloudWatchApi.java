package io.drainboard.sim.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.http.CborService;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon CloudWatch (2010-08-01) over Smithy RPC v2 CBOR: GetMetricData and ListMetrics, answered from
 * the {@link MetricStore}; PutMetricData into it; PutMetricAlarm, DescribeAlarms and DeleteAlarms on the region's {@link Alarms}. Shapes, limits and error codes follow the API reference
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html,
 * .../API_ListMetrics.html) and the service model the SDKs are generated from. CloudWatch is
 * "query compatible": each error also carries its awsQuery code.
 */
public final class CloudWatchApi implements CborService {
    private final MetricStore store;
    private final Clock clock;
    private final Alarms alarms;

    public CloudWatchApi(MetricStore store, Clock clock) {
        this(store, clock, new Alarms(store, "us-east-1", "000000000000"));
    }

    public CloudWatchApi(MetricStore store, Clock clock, Alarms alarms) {
        this.store = store;
        this.clock = clock;
        this.alarms = alarms;
    }

    @Override
    public String serviceName() { return "GraniteServiceVersion20100801"; }

    @Override
    public String errorNamespace() { return "com.amazonaws.cloudwatch"; }

    @Override
    public String name() { return "cloudwatch"; }

    @Override
    public Object handle(String operation, JsonNode request) {
        return switch (operation) {
            case "GetMetricData" -> GetMetricData.answer(store, request, clock.instant());
            case "ListMetrics" -> listMetrics(request);
            case "PutMetricData" -> PutMetricData.answer(store, request, clock.instant());
            case "PutMetricAlarm" -> putMetricAlarm(request);
            case "DescribeAlarms" -> describeAlarms(request);
            case "DeleteAlarms" -> {
                List<String> names = new ArrayList<>();
                request.path("AlarmNames").forEach(n -> names.add(n.asText()));
                alarms.delete(names);
                yield new LinkedHashMap<String, Object>();
            }
            default -> throw new AwsException("UnknownOperationException", "InvalidAction", 400,
                    "Drainboard simulator: CloudWatch " + operation + " is not modelled");
        };
    }

    static final int ALARM_PAGE = 100; // DescribeAlarms MaxRecords: 1-100, default 50 (API reference)

    /** PutMetricAlarm for a single metric (metric math alarms are refused by name). */
    private Map<String, Object> putMetricAlarm(JsonNode r) {
        String name = text(r, "AlarmName");
        if (name == null || name.isEmpty()) throw invalid("The parameter AlarmName is required.");
        if (r.has("Metrics")) throw invalid("Drainboard simulator: metric math alarms are not modelled");
        String namespace = text(r, "Namespace"), metricName = text(r, "MetricName");
        if (namespace == null || metricName == null) throw invalid("The parameters Namespace and MetricName are required.");
        Statistic stat = Statistic.parse(text(r, "Statistic"));
        if (stat == null) throw invalid("The parameter Statistic must be one of SampleCount, Average, Sum, Minimum, Maximum.");
        int period = r.path("Period").asInt(0);
        if (period < 10 || (period >= 60 && period % 60 != 0)) throw invalid("The parameter Period must be 10, 30 or a multiple of 60.");
        int evaluation = r.path("EvaluationPeriods").asInt(0);
        if (evaluation < 1) throw invalid("The parameter EvaluationPeriods must be at least 1.");
        int toAlarm = r.hasNonNull("DatapointsToAlarm") ? r.get("DatapointsToAlarm").asInt() : evaluation;
        if (toAlarm < 1 || toAlarm > evaluation) throw invalid("DatapointsToAlarm must be between 1 and EvaluationPeriods.");
        String comparison = text(r, "ComparisonOperator");
        if (!Alarms.COMPARISONS.contains(comparison)) throw invalid("The parameter ComparisonOperator is not valid.");
        if (!r.hasNonNull("Threshold")) throw invalid("The parameter Threshold is required.");
        List<String> dims = new ArrayList<>();
        r.path("Dimensions").forEach(d -> {
            dims.add(d.path("Name").asText());
            dims.add(d.path("Value").asText());
        });
        List<String> actions = new ArrayList<>();
        r.path("AlarmActions").forEach(a -> actions.add(a.asText()));
        alarms.put(new Alarms.Alarm(name, alarms.arn(name), text(r, "AlarmDescription"),
                MetricId.of(namespace, metricName, dims.toArray(String[]::new)), stat, period, evaluation, toAlarm,
                r.get("Threshold").asDouble(), comparison, actions), clock.instant());
        return new LinkedHashMap<>();
    }

    private Map<String, Object> describeAlarms(JsonNode r) {
        java.util.Set<String> names = new java.util.HashSet<>();
        r.path("AlarmNames").forEach(n -> names.add(n.asText()));
        String prefix = text(r, "AlarmNamePrefix"), state = text(r, "StateValue"), actionPrefix = text(r, "ActionPrefix");
        int max = r.hasNonNull("MaxRecords") ? r.get("MaxRecords").asInt() : 50;
        if (max < 1 || max > ALARM_PAGE) throw invalid("The parameter MaxRecords must be between 1 and 100.");
        List<Alarms.View> all = alarms.views().stream()
                .filter(v -> names.isEmpty() || names.contains(v.alarm().name()))
                .filter(v -> prefix == null || v.alarm().name().startsWith(prefix))
                .filter(v -> state == null || state.equals(v.state().value()))
                .filter(v -> actionPrefix == null || v.alarm().actions().stream().anyMatch(a -> a.startsWith(actionPrefix)))
                .toList();
        int from = Pages.offset(text(r, "NextToken"), "DescribeAlarms");
        int to = Math.min(all.size(), from + max);
        List<Object> out = new ArrayList<>();
        for (Alarms.View v : all.subList(Math.min(from, all.size()), to)) {
            Alarms.Alarm a = v.alarm();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("AlarmName", a.name());
            o.put("AlarmArn", a.arn());
            if (a.description() != null) o.put("AlarmDescription", a.description());
            o.put("ActionsEnabled", true);
            o.put("AlarmActions", a.actions());
            o.put("StateValue", v.state().value());
            o.put("StateReason", v.state().reason());
            o.put("StateUpdatedTimestamp", v.state().updatedAt());
            o.put("MetricName", a.metric().name());
            o.put("Namespace", a.metric().namespace());
            o.put("Statistic", a.statistic().name());
            List<Object> dims = new ArrayList<>();
            for (MetricId.Dimension d : a.metric().dimensions()) dims.add(Map.of("Name", d.name(), "Value", d.value()));
            o.put("Dimensions", dims);
            o.put("Period", a.periodSeconds());
            o.put("EvaluationPeriods", a.evaluationPeriods());
            o.put("DatapointsToAlarm", a.datapointsToAlarm());
            o.put("Threshold", a.threshold());
            o.put("ComparisonOperator", a.comparison());
            o.put("TreatMissingData", "missing");
            out.add(o);
        }
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("MetricAlarms", out);
        res.put("CompositeAlarms", List.of());
        if (to < all.size()) res.put("NextToken", Pages.token(to, "DescribeAlarms"));
        return res;
    }

    static final int LIST_PAGE = 500; // ListMetrics returns up to 500 results a call (API reference)

    private Map<String, Object> listMetrics(JsonNode r) {
        String namespace = text(r, "Namespace");
        String metricName = text(r, "MetricName");
        List<String[]> dimFilters = new ArrayList<>();
        for (JsonNode d : r.path("Dimensions")) {
            if (!d.hasNonNull("Name")) throw invalid("The parameter Dimensions.Name is required.");
            dimFilters.add(new String[]{d.get("Name").asText(), d.hasNonNull("Value") ? d.get("Value").asText() : null});
        }
        if (dimFilters.size() > 10) throw invalid("The collection Dimensions must not have a size greater than 10.");
        Instant now = clock.instant();
        Instant since = null;
        if (r.hasNonNull("RecentlyActive")) {
            if (!"PT3H".equals(r.get("RecentlyActive").asText())) {
                throw invalid("The value " + r.get("RecentlyActive").asText() + " for parameter RecentlyActive is not valid; PT3H is the only valid value.");
            }
            since = now.minusSeconds(3 * 3600);
        }
        List<MetricId> all = store.list(m -> (namespace == null || m.namespace().equals(namespace))
                && (metricName == null || m.name().equals(metricName))
                && dimFilters.stream().allMatch(f -> {
                    String v = m.dimension(f[0]);
                    return v != null && (f[1] == null || f[1].equals(v));
                }), now, since);
        int from = Pages.offset(text(r, "NextToken"), "ListMetrics");
        int to = Math.min(all.size(), from + LIST_PAGE);
        List<Object> metrics = new ArrayList<>();
        for (MetricId m : all.subList(Math.min(from, all.size()), to)) metrics.add(metric(m));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Metrics", metrics);
        if (to < all.size()) out.put("NextToken", Pages.token(to, "ListMetrics"));
        return out;
    }

    static Map<String, Object> metric(MetricId m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Namespace", m.namespace());
        o.put("MetricName", m.name());
        List<Object> dims = new ArrayList<>();
        for (MetricId.Dimension d : m.dimensions()) dims.add(Map.of("Name", d.name(), "Value", d.value()));
        o.put("Dimensions", dims);
        return o;
    }

    static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    static AwsException invalid(String message) {
        return new AwsException("InvalidParameterValueException", "InvalidParameterValue", 400, message);
    }
}
