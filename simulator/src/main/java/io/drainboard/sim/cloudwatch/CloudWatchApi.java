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
 * the {@link MetricStore}, and PutMetricData into it. Shapes, limits and error codes follow the API reference
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html,
 * .../API_ListMetrics.html) and the service model the SDKs are generated from. CloudWatch is
 * "query compatible": each error also carries its awsQuery code.
 */
public final class CloudWatchApi implements CborService {
    private final MetricStore store;
    private final Clock clock;

    public CloudWatchApi(MetricStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
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
            default -> throw new AwsException("UnknownOperationException", "InvalidAction", 400,
                    "Drainboard simulator: CloudWatch " + operation + " is not modelled");
        };
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
