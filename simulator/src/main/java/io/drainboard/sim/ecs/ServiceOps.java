package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.ServiceUpdate;
import io.drainboard.sim.model.TaskDefinitionState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** ListServices, DescribeServices and UpdateService. Call under the model lock. */
final class ServiceOps {
    /** ECS API Reference "DescribeServices": "You may specify up to 10 services to describe in a single operation." */
    static final int DESCRIBE_LIMIT = 10;

    private ServiceOps() {
    }

    /** ECS API Reference "ListServices": filters launchType and schedulingStrategy; "returns up to 10 results" by default. */
    static ObjectNode list(FleetModel m, JsonNode request) {
        ClusterState cluster = Resolve.cluster(m, Params.string(request, "cluster"));
        int max = Params.maxResults(request, 10);
        String launchType = Params.string(request, "launchType");
        String strategy = Params.string(request, "schedulingStrategy");
        List<ServiceState> matches = new ArrayList<>();
        for (ServiceState s : cluster.services().values()) {
            if (launchType != null && !launchType.equals(s.launchType())) continue;
            if (strategy != null && !strategy.equals("REPLICA")) continue; // every modelled service is REPLICA
            matches.add(s);
        }
        String filters = "ListServices|" + cluster.arn() + "|" + launchType + "|" + strategy;
        return Pagination.arns("serviceArns", matches, ServiceState::arn, filters, request, max);
    }

    static ObjectNode describe(FleetModel m, Consistency consistency, JsonNode request) {
        ClusterState cluster = Resolve.cluster(m, Params.string(request, "cluster"));
        List<String> refs = Params.strings(request, "services");
        if (refs.isEmpty()) throw AwsException.invalidParameter("Services cannot be empty.");
        Params.limit(refs, DESCRIBE_LIMIT, "service names");
        boolean tags = Params.includes(request, "TAGS");
        ObjectNode out = Json.object();
        ArrayNode rendered = out.putArray("services");
        ArrayNode failures = out.putArray("failures");
        // ECS answers once per identifier asked: the same service named twice comes back twice.
        for (String ref : refs) {
            ServiceState s = Resolve.service(cluster, ref);
            if (s == null) {
                failures.add(Json.missing(Resolve.serviceArn(m, cluster, ref)));
                continue;
            }
            ObjectNode before = consistency.before(m, Consistency.service(s.arn()));
            if (before == null) {
                rendered.add(ServiceRenderer.render(m, s, tags));
            } else {
                ObjectNode o = before.deepCopy();
                if (tags) ServiceRenderer.putTags(o, m.tags(s.arn()));
                rendered.add(o);
            }
        }
        return out;
    }

    /**
     * UpdateService: desiredCount, taskDefinition, deploymentConfiguration (percentages, circuit breaker),
     * forceNewDeployment, enableExecuteCommand. A new task definition or forceNewDeployment starts a
     * deployment; at most 5 may exist (containers-roadmap#2836).
     */
    static ObjectNode update(FleetModel m, Consistency consistency, JsonNode request) {
        ClusterState cluster = Resolve.cluster(m, Params.string(request, "cluster"));
        String ref = Params.required(request, "service", "Service cannot be empty.");
        ServiceState s = Resolve.service(cluster, ref);
        if (s == null) throw new AwsException("ServiceNotFoundException", "Service not found.");
        Integer desired = Params.integer(request, "desiredCount");
        if (desired != null && desired < 0) throw AwsException.invalidParameter("desiredCount must be at least 0.");
        String tdArn = null;
        String tdRef = Params.string(request, "taskDefinition");
        if (tdRef != null) {
            TaskDefinitionState td;
            try {
                td = Resolve.taskDefinition(m, tdRef);
            } catch (AwsException e) {
                throw AwsException.client("TaskDefinition not found.");
            }
            if (!td.active()) throw AwsException.client("TaskDefinition is inactive");
            if (!supports(td, s.launchType())) {
                throw AwsException.client("Task definition does not support launch_type " + s.launchType() + ".");
            }
            tdArn = td.arn();
        }
        DeploymentConfig d = DeploymentConfig.NONE;
        JsonNode dc = request.get("deploymentConfiguration");
        if (dc != null && !dc.isNull()) d = deploymentConfig(dc);
        boolean force = Boolean.TRUE.equals(Params.bool(request, "forceNewDeployment"));
        ServiceUpdate u = new ServiceUpdate(desired, tdArn, d.min(), d.max(), d.cbEnable(), d.cbRollback(), force,
                Params.bool(request, "enableExecuteCommand"), d.resetOnHealthyTask(), d.thresholdType(), d.thresholdValue());
        ObjectNode before = ServiceRenderer.render(m, s, false);
        try {
            m.updateService(s, u);
            consistency.wrote(m, Consistency.service(s.arn()), before);
        } catch (IllegalStateException e) {
            throw AwsException.invalidParameter(e.getMessage());
        }
        ObjectNode out = Json.object();
        out.set("service", ServiceRenderer.render(m, s, false));
        return out;
    }

    /** A service's deploymentConfiguration as sent; null members are left as they are. */
    record DeploymentConfig(Integer min, Integer max, Boolean cbEnable, Boolean cbRollback, Boolean resetOnHealthyTask,
                            String thresholdType, Integer thresholdValue) {
        static final DeploymentConfig NONE = new DeploymentConfig(null, null, null, null, null, null, null);
    }

    /**
     * deploymentConfiguration: minimumHealthyPercent 0–100, maximumPercent above 0, and the circuit breaker with
     * resetOnHealthyTask and thresholdConfiguration {type BOUNDED_PERCENT | UNBOUNDED_PERCENT | COUNT, value}
     * (API Reference "DeploymentCircuitBreaker", "ThresholdConfiguration").
     */
    static DeploymentConfig deploymentConfig(JsonNode dc) {
        Integer min = Params.integer(dc, "minimumHealthyPercent");
        Integer max = Params.integer(dc, "maximumPercent");
        if (min != null && (min < 0 || min > 100)) {
            throw AwsException.invalidParameter("minimumHealthyPercent must be between 0 and 100.");
        }
        if (max != null && max < 1) throw AwsException.invalidParameter("maximumPercent must be greater than 0.");
        Boolean enable = null, rollback = null, reset = null;
        String type = null;
        Integer value = null;
        JsonNode cb = dc.get("deploymentCircuitBreaker");
        if (cb != null && !cb.isNull()) {
            enable = Params.bool(cb, "enable");
            rollback = Params.bool(cb, "rollback");
            reset = Params.bool(cb, "resetOnHealthyTask");
            JsonNode tc = cb.get("thresholdConfiguration");
            if (tc != null && !tc.isNull()) {
                type = Params.string(tc, "type");
                value = Params.integer(tc, "value");
                if (type == null) type = "BOUNDED_PERCENT";
                if (!type.equals("BOUNDED_PERCENT") && !type.equals("UNBOUNDED_PERCENT") && !type.equals("COUNT")) {
                    throw AwsException.invalidParameter("thresholdConfiguration.type must be BOUNDED_PERCENT, "
                            + "UNBOUNDED_PERCENT or COUNT, was " + type + ".");
                }
                if (value == null) value = type.equals("COUNT") ? 10 : 50;
                if (value < 1 || (!type.equals("COUNT") && value > 100)) {
                    throw AwsException.invalidParameter("thresholdConfiguration.value " + value + " is out of range.");
                }
            }
        }
        return new DeploymentConfig(min, max, enable, rollback, reset, type, value);
    }

    /** Whether tasks of the definition may run on the launch type (its compatibilities, see TaskDefinitionOps). */
    static boolean supports(TaskDefinitionState td, String launchType) {
        if ("FARGATE".equals(launchType)) {
            return Validation.fargateValid(td) && (td.requiresCompatibilities().isEmpty()
                    || td.requiresCompatibilities().contains("FARGATE") || td.cpu() != null);
        }
        return td.requiresCompatibilities().isEmpty() || td.requiresCompatibilities().contains(launchType)
                || Network.awsvpc(td.networkMode());
    }
}
