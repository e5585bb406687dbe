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
 * RegisterScalableTarget, DescribeScalableTargets, Put/Describe/DeleteScalingPolicy (target tracking on a
 * customized or predefined metric, step scaling) and Put/Describe/DeleteScheduledAction for ECS services
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
            case "PutScalingPolicy" -> putPolicy(request);
            case "DeleteScalingPolicy" -> deletePolicy(request);
            case "PutScheduledAction" -> putScheduled(request);
            case "DescribeScheduledActions" -> describeScheduled(request);
            case "DeleteScheduledAction" -> deleteScheduled(request);
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
        List<ObjectNode> matching = new ArrayList<>();
        if (ecs && (dimension == null || ScalableTarget.DIMENSION.equals(dimension))) {
            for (ScalableTarget t : targets.targets()) {
                if (resourceId != null && !resourceId.equals(t.resourceId())) continue;
                for (ScalingPolicy p : t.policies()) {
                    if (!names.isEmpty() && !names.contains(p.name())) continue;
                    matching.add(render(t, p));
                }
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("ScalingPolicies");
        int from = offset(r, "DescribeScalingPolicies");
        int to = Math.min(matching.size(), from + maxResults(r));
        for (ObjectNode o : matching.subList(Math.min(from, matching.size()), to)) list.add(o);
        if (to < matching.size()) out.put("NextToken", token(to, "DescribeScalingPolicies"));
        return out;
    }

    /** PutScalingPolicy: target tracking (customized or predefined ECS metric) or step scaling. */
    private JsonNode putPolicy(JsonNode r) {
        requireEcs(r, true);
        requireDimension(r);
        String resourceId = required(r, "ResourceId");
        String name = required(r, "PolicyName");
        String type = r.hasNonNull("PolicyType") ? r.get("PolicyType").asText() : "StepScaling";
        ObjectNode out = JSON.createObjectNode();
        if ("TargetTrackingScaling".equals(type)) {
            JsonNode c = r.path("TargetTrackingScalingPolicyConfiguration");
            if (!c.hasNonNull("TargetValue")) throw ScalableTargets.validation("TargetValue is required for a target tracking policy");
            ScalingFleet.ServiceRef ref = ScalableTargets.parse(resourceId);
            MetricId metric;
            String statistic = "Average", predefined = null;
            if (c.has("PredefinedMetricSpecification")) {
                predefined = required(c.get("PredefinedMetricSpecification"), "PredefinedMetricType");
                String metricName = switch (predefined) {
                    case "ECSServiceAverageCPUUtilization" -> "CPUUtilization";
                    case "ECSServiceAverageMemoryUtilization" -> "MemoryUtilization";
                    case "ALBRequestCountPerTarget" -> "RequestCountPerTarget";
                    default -> throw ScalableTargets.validation("Unsupported predefined metric type " + predefined
                            + " for an ECS service");
                };
                metric = "RequestCountPerTarget".equals(metricName)
                        ? MetricId.of("AWS/ApplicationELB", metricName, "TargetGroup",
                        c.get("PredefinedMetricSpecification").path("ResourceLabel").asText(""))
                        : MetricId.of("AWS/ECS", metricName, "ClusterName", ref.cluster(), "ServiceName", ref.service());
            } else if (c.has("CustomizedMetricSpecification")) {
                JsonNode m = c.get("CustomizedMetricSpecification");
                List<String> dims = new ArrayList<>();
                m.path("Dimensions").forEach(d -> {
                    dims.add(d.path("Name").asText());
                    dims.add(d.path("Value").asText());
                });
                metric = MetricId.of(required(m, "Namespace"), required(m, "MetricName"), dims.toArray(String[]::new));
                statistic = m.hasNonNull("Statistic") ? m.get("Statistic").asText() : "Average";
            } else {
                throw ScalableTargets.validation("A target tracking policy needs a PredefinedMetricSpecification or a"
                        + " CustomizedMetricSpecification");
            }
            TargetTrackingPolicy p = targets.putTargetTracking(resourceId, name, c.get("TargetValue").asDouble(), metric,
                    statistic, predefined, seconds(c, "ScaleOutCooldown"), seconds(c, "ScaleInCooldown"),
                    c.path("DisableScaleIn").asBoolean(false));
            out.put("PolicyARN", p.arn());
            ArrayNode alarms = out.putArray("Alarms");
            alarms.addObject().put("AlarmName", p.alarmHighName()).put("AlarmARN", targets.alarms().arn(p.alarmHighName()));
            alarms.addObject().put("AlarmName", p.alarmLowName()).put("AlarmARN", targets.alarms().arn(p.alarmLowName()));
            return out;
        }
        if (!"StepScaling".equals(type)) throw ScalableTargets.validation("Unsupported policy type " + type + " for ECS");
        JsonNode c = r.path("StepScalingPolicyConfiguration");
        String adjustment = c.hasNonNull("AdjustmentType") ? c.get("AdjustmentType").asText() : null;
        if (adjustment == null || !List.of("ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity").contains(adjustment)) {
            throw ScalableTargets.validation("AdjustmentType must be ChangeInCapacity, PercentChangeInCapacity or ExactCapacity");
        }
        List<StepScalingPolicy.Step> steps = new ArrayList<>();
        for (JsonNode st : c.path("StepAdjustments")) {
            if (!st.hasNonNull("ScalingAdjustment")) throw ScalableTargets.validation("ScalingAdjustment is required");
            steps.add(new StepScalingPolicy.Step(st.hasNonNull("MetricIntervalLowerBound") ? st.get("MetricIntervalLowerBound").asDouble() : null,
                    st.hasNonNull("MetricIntervalUpperBound") ? st.get("MetricIntervalUpperBound").asDouble() : null,
                    st.get("ScalingAdjustment").asInt()));
        }
        if (steps.isEmpty()) throw ScalableTargets.validation("StepAdjustments must have at least one step");
        StepScalingPolicy p = targets.putStepScaling(resourceId, name, adjustment, steps,
                c.hasNonNull("MinAdjustmentMagnitude") ? c.get("MinAdjustmentMagnitude").asInt() : null,
                java.time.Duration.ofSeconds(c.path("Cooldown").asLong(0)),
                c.hasNonNull("MetricAggregationType") ? c.get("MetricAggregationType").asText() : "Average");
        out.put("PolicyARN", p.arn());
        out.putArray("Alarms");
        return out;
    }

    private static java.time.Duration seconds(JsonNode c, String field) {
        return c.hasNonNull(field) ? java.time.Duration.ofSeconds(c.get(field).asLong()) : TargetTrackingPolicy.DEFAULT_COOLDOWN;
    }

    private JsonNode deletePolicy(JsonNode r) {
        requireEcs(r, true);
        requireDimension(r);
        targets.deletePolicy(required(r, "ResourceId"), required(r, "PolicyName"));
        return JSON.createObjectNode();
    }

    private JsonNode putScheduled(JsonNode r) {
        requireEcs(r, true);
        requireDimension(r);
        JsonNode a = r.path("ScalableTargetAction");
        targets.putScheduledAction(required(r, "ResourceId"), required(r, "ScheduledActionName"),
                r.hasNonNull("Schedule") ? r.get("Schedule").asText() : null,
                r.hasNonNull("Timezone") ? r.get("Timezone").asText() : null, instant(r, "StartTime"), instant(r, "EndTime"),
                a.hasNonNull("MinCapacity") ? a.get("MinCapacity").asInt() : null,
                a.hasNonNull("MaxCapacity") ? a.get("MaxCapacity").asInt() : null);
        return JSON.createObjectNode();
    }

    private JsonNode describeScheduled(JsonNode r) {
        boolean ecs = requireEcs(r, false);
        String resourceId = r.hasNonNull("ResourceId") ? r.get("ResourceId").asText() : null;
        Set<String> names = new HashSet<>();
        r.path("ScheduledActionNames").forEach(n -> names.add(n.asText()));
        List<ScheduledAction> matching = new ArrayList<>();
        if (ecs) {
            for (ScheduledAction a : targets.scheduledActions()) {
                if (resourceId != null && !resourceId.equals(a.resourceId())) continue;
                if (!names.isEmpty() && !names.contains(a.name())) continue;
                matching.add(a);
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("ScheduledActions");
        int from = offset(r, "DescribeScheduledActions");
        int to = Math.min(matching.size(), from + maxResults(r));
        for (ScheduledAction a : matching.subList(Math.min(from, matching.size()), to)) {
            ObjectNode o = list.addObject();
            o.put("ScheduledActionName", a.name());
            o.put("ScheduledActionARN", a.arn());
            o.put("ServiceNamespace", ScalableTarget.NAMESPACE);
            o.put("Schedule", a.schedule());
            o.put("Timezone", a.timezone());
            o.put("ResourceId", a.resourceId());
            o.put("ScalableDimension", ScalableTarget.DIMENSION);
            if (a.startTime() != null) o.put("StartTime", epoch(a.startTime()));
            if (a.endTime() != null) o.put("EndTime", epoch(a.endTime()));
            ObjectNode action = o.putObject("ScalableTargetAction");
            if (a.minCapacity() != null) action.put("MinCapacity", a.minCapacity());
            if (a.maxCapacity() != null) action.put("MaxCapacity", a.maxCapacity());
            o.put("CreationTime", epoch(a.createdAt()));
        }
        if (to < matching.size()) out.put("NextToken", token(to, "DescribeScheduledActions"));
        return out;
    }

    private JsonNode deleteScheduled(JsonNode r) {
        requireEcs(r, true);
        requireDimension(r);
        targets.deleteScheduledAction(required(r, "ResourceId"), required(r, "ScheduledActionName"));
        return JSON.createObjectNode();
    }

    private static Instant instant(JsonNode r, String field) {
        if (!r.hasNonNull(field)) return null;
        double v = r.get(field).asDouble();
        return Instant.ofEpochMilli((long) (v * 1000));
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

    private ObjectNode render(ScalableTarget t, ScalingPolicy policy) {
        ObjectNode o = JSON.createObjectNode();
        o.put("PolicyARN", policy.arn());
        o.put("PolicyName", policy.name());
        o.put("ServiceNamespace", ScalableTarget.NAMESPACE);
        o.put("ResourceId", t.resourceId());
        o.put("ScalableDimension", ScalableTarget.DIMENSION);
        ArrayNode alarms;
        if (policy instanceof TargetTrackingPolicy p) {
            o.put("PolicyType", "TargetTrackingScaling");
            ObjectNode c = o.putObject("TargetTrackingScalingPolicyConfiguration");
            c.put("TargetValue", p.targetValue());
            if (p.predefinedMetricType() != null) {
                ObjectNode m = c.putObject("PredefinedMetricSpecification");
                m.put("PredefinedMetricType", p.predefinedMetricType());
                String label = p.metric().dimension("TargetGroup");
                if (label != null) m.put("ResourceLabel", label);
            } else {
                ObjectNode m = c.putObject("CustomizedMetricSpecification");
                m.put("MetricName", p.metric().name());
                m.put("Namespace", p.metric().namespace());
                ArrayNode dims = m.putArray("Dimensions");
                for (MetricId.Dimension d : p.metric().dimensions()) dims.addObject().put("Name", d.name()).put("Value", d.value());
                m.put("Statistic", p.statistic());
            }
            c.put("ScaleOutCooldown", p.scaleOutCooldown().toSeconds());
            c.put("ScaleInCooldown", p.scaleInCooldown().toSeconds());
            c.put("DisableScaleIn", p.disableScaleIn());
            alarms = o.putArray("Alarms");
            alarms.addObject().put("AlarmName", p.alarmHighName()).put("AlarmARN", targets.alarms().arn(p.alarmHighName()));
            alarms.addObject().put("AlarmName", p.alarmLowName()).put("AlarmARN", targets.alarms().arn(p.alarmLowName()));
        } else {
            StepScalingPolicy p = (StepScalingPolicy) policy;
            o.put("PolicyType", "StepScaling");
            ObjectNode c = o.putObject("StepScalingPolicyConfiguration");
            c.put("AdjustmentType", p.adjustmentType());
            ArrayNode steps = c.putArray("StepAdjustments");
            for (StepScalingPolicy.Step st : p.steps()) {
                ObjectNode so = steps.addObject();
                if (st.lowerBound() != null) so.put("MetricIntervalLowerBound", st.lowerBound());
                if (st.upperBound() != null) so.put("MetricIntervalUpperBound", st.upperBound());
                so.put("ScalingAdjustment", st.adjustment());
            }
            if (p.minAdjustmentMagnitude() != null) c.put("MinAdjustmentMagnitude", p.minAdjustmentMagnitude());
            c.put("Cooldown", p.cooldown().toSeconds());
            c.put("MetricAggregationType", p.metricAggregationType());
            alarms = o.putArray("Alarms");
            for (var v : targets.alarms().actingOn(p.arn())) {
                alarms.addObject().put("AlarmName", v.alarm().name()).put("AlarmARN", v.alarm().arn());
            }
        }
        o.put("CreationTime", epoch(policy.createdAt()));
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
