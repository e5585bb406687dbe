package io.drainboard.sim.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.cloudwatch.MetricId;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.http.AwsJsonService;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Application Auto Scaling (2016-02-06) over awsJson1_1 ({@code X-Amz-Target: AnyScaleFrontendService.<Op>}):
 * RegisterScalableTarget, DescribeScalableTargets and DescribeScalingPolicies for ECS services
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/). Other namespaces have no targets
 * here; MaxResults is at most 50 (the API's default and limit).
 */
public final class AppAutoScalingApi implements AwsJsonService {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_RESULTS = 50;
    private static final Set<String> NAMESPACES = Set.of("ecs", "elasticmapreduce", "ec2", "appstream", "dynamodb",
            "rds", "sagemaker", "custom-resource", "comprehend", "lambda", "cassandra", "kafka", "elasticache",
            "neptune", "workspaces");
    private final ScalableTargets targets;

    public AppAutoScalingApi(ScalableTargets targets) {
        this.targets = targets;
    }

    @Override
    public String targetPrefix() { return "AnyScaleFrontendService"; }

    @Override
    public String name() { return "application-autoscaling"; }

    @Override
    public JsonNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "RegisterScalableTarget" -> register(request);
            case "DescribeScalableTargets" -> describeTargets(request);
            case "DescribeScalingPolicies" -> describePolicies(request);
            default -> throw new AwsException("UnknownOperationException", null);
        };
    }

    private JsonNode register(JsonNode r) {
        requireEcs(r, true);
        requireDimension(r);
        String resourceId = required(r, "ResourceId");
        JsonNode ss = r.path("SuspendedState");
        ScalableTarget t = targets.register(resourceId, new ScalableTargets.Registration(
                r.hasNonNull("MinCapacity") ? r.get("MinCapacity").asInt() : null,
                r.hasNonNull("MaxCapacity") ? r.get("MaxCapacity").asInt() : null,
                r.hasNonNull("RoleARN") ? r.get("RoleARN").asText() : null,
                bool(ss, "DynamicScalingInSuspended"), bool(ss, "DynamicScalingOutSuspended"),
                bool(ss, "ScheduledScalingSuspended")));
        return JSON.createObjectNode().put("ScalableTargetARN", t.arn());
    }

    private JsonNode describeTargets(JsonNode r) {
        boolean ecs = requireEcs(r, false);
        String dimension = r.hasNonNull("ScalableDimension") ? r.get("ScalableDimension").asText() : null;
        Set<String> ids = new HashSet<>();
        r.path("ResourceIds").forEach(n -> ids.add(n.asText()));
        List<ScalableTarget> matching = new ArrayList<>();
        if (ecs && (dimension == null || ScalableTarget.DIMENSION.equals(dimension))) {
            for (ScalableTarget t : targets.targets()) if (ids.isEmpty() || ids.contains(t.resourceId())) matching.add(t);
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("ScalableTargets");
        int from = offset(r, "DescribeScalableTargets");
        int to = Math.min(matching.size(), from + maxResults(r));
        for (ScalableTarget t : matching.subList(Math.min(from, matching.size()), to)) list.add(render(t));
        if (to < matching.size()) out.put("NextToken", token(to, "DescribeScalableTargets"));
        return out;
    }

    private JsonNode describePolicies(JsonNode r) {
        boolean ecs = requireEcs(r, false);
        String resourceId = r.hasNonNull("ResourceId") ? r.get("ResourceId").asText() : null;
        String dimension = r.hasNonNull("ScalableDimension") ? r.get("ScalableDimension").asText() : null;
        Set<String> names = new HashSet<>();
        r.path("PolicyNames").forEach(n -> names.add(n.asText()));
        List<ScalableTarget> matching = new ArrayList<>();
        if (ecs && (dimension == null || ScalableTarget.DIMENSION.equals(dimension))) {
            for (ScalableTarget t : targets.targets()) {
                if (t.policy() == null) continue;
                if (resourceId != null && !resourceId.equals(t.resourceId())) continue;
                if (!names.isEmpty() && !names.contains(t.policy().name())) continue;
                matching.add(t);
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("ScalingPolicies");
        int from = offset(r, "DescribeScalingPolicies");
        int to = Math.min(matching.size(), from + maxResults(r));
        for (ScalableTarget t : matching.subList(Math.min(from, matching.size()), to)) list.add(render(t, t.policy()));
        if (to < matching.size()) out.put("NextToken", token(to, "DescribeScalingPolicies"));
        return out;
    }

    private ObjectNode render(ScalableTarget t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ServiceNamespace", ScalableTarget.NAMESPACE);
        o.put("ResourceId", t.resourceId());
        o.put("ScalableDimension", ScalableTarget.DIMENSION);
        o.put("MinCapacity", t.min());
        o.put("MaxCapacity", t.max());
        o.put("RoleARN", t.roleArn());
        o.put("CreationTime", epoch(t.createdAt()));
        ObjectNode ss = o.putObject("SuspendedState");
        ss.put("DynamicScalingInSuspended", t.scaleInSuspended());
        ss.put("DynamicScalingOutSuspended", t.scaleOutSuspended());
        ss.put("ScheduledScalingSuspended", t.scheduledSuspended());
        o.put("ScalableTargetARN", t.arn());
        return o;
    }

    private ObjectNode render(ScalableTarget t, TargetTrackingPolicy p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("PolicyARN", p.arn());
        o.put("PolicyName", p.name());
        o.put("ServiceNamespace", ScalableTarget.NAMESPACE);
        o.put("ResourceId", t.resourceId());
        o.put("ScalableDimension", ScalableTarget.DIMENSION);
        o.put("PolicyType", "TargetTrackingScaling");
        ObjectNode c = o.putObject("TargetTrackingScalingPolicyConfiguration");
        c.put("TargetValue", p.targetValue());
        ObjectNode m = c.putObject("CustomizedMetricSpecification");
        m.put("MetricName", p.metric().name());
        m.put("Namespace", p.metric().namespace());
        ArrayNode dims = m.putArray("Dimensions");
        for (MetricId.Dimension d : p.metric().dimensions()) dims.addObject().put("Name", d.name()).put("Value", d.value());
        m.put("Statistic", p.statistic());
        c.put("ScaleOutCooldown", p.scaleOutCooldown().toSeconds());
        c.put("ScaleInCooldown", p.scaleInCooldown().toSeconds());
        c.put("DisableScaleIn", p.disableScaleIn());
        ArrayNode alarms = o.putArray("Alarms");
        String alarmArn = "arn:aws:cloudwatch:" + targets.region() + ":" + targets.account() + ":alarm:";
        alarms.addObject().put("AlarmName", p.alarmHighName()).put("AlarmARN", alarmArn + p.alarmHighName());
        alarms.addObject().put("AlarmName", p.alarmLowName()).put("AlarmARN", alarmArn + p.alarmLowName());
        o.put("CreationTime", epoch(p.createdAt()));
        return o;
    }

    /** True for the ECS namespace; false for another valid namespace (which has no targets here). */
    private static boolean requireEcs(JsonNode r, boolean onlyEcs) {
        String ns = required(r, "ServiceNamespace");
        if (!NAMESPACES.contains(ns)) {
            throw ScalableTargets.validation("1 validation error detected: Value '" + ns
                    + "' at 'serviceNamespace' failed to satisfy constraint: Member must satisfy enum value set");
        }
        if (onlyEcs && !"ecs".equals(ns)) {
            throw ScalableTargets.validation("Drainboard simulator: only the ecs namespace is modelled, not " + ns);
        }
        return "ecs".equals(ns);
    }

    private static void requireDimension(JsonNode r) {
        String d = required(r, "ScalableDimension");
        if (!ScalableTarget.DIMENSION.equals(d)) {
            throw ScalableTargets.validation("Unsupported scalable dimension '" + d + "' for an ECS service; use "
                    + ScalableTarget.DIMENSION);
        }
    }

    private static String required(JsonNode r, String field) {
        if (!r.hasNonNull(field)) {
            throw ScalableTargets.validation("1 validation error detected: Value null at '"
                    + Character.toLowerCase(field.charAt(0)) + field.substring(1) + "' failed to satisfy constraint: Member must not be null");
        }
        return r.get(field).asText();
    }

    private static Boolean bool(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asBoolean() : null;
    }

    private static int maxResults(JsonNode r) {
        int n = r.hasNonNull("MaxResults") ? r.get("MaxResults").asInt() : MAX_RESULTS;
        if (n < 1 || n > MAX_RESULTS) {
            throw ScalableTargets.validation("MaxResults must be between 1 and " + MAX_RESULTS);
        }
        return n;
    }

    private static double epoch(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static String token(int offset, String op) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((op + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(JsonNode r, String op) {
        if (!r.hasNonNull("NextToken")) return 0;
        String t = r.get("NextToken").asText();
        try {
            String s = new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8);
            if (!s.startsWith(op + ":")) throw new IllegalArgumentException();
            return Integer.parseInt(s.substring(op.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new AwsException("InvalidNextTokenException", "Invalid token: " + t);
        }
    }
}
