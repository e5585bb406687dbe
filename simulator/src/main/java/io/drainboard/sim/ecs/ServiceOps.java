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
        Pagination.Page<ServiceState> page = Pagination.page(matches, ServiceState::arn, filters,
                Params.string(request, "nextToken"), max);
        ObjectNode out = Json.object();
        ArrayNode arns = out.putArray("serviceArns");
        for (ServiceState s : page.items()) arns.add(s.arn());
        Json.putIfSet(out, "nextToken", page.nextToken());
        return out;
    }

    static ObjectNode describe(FleetModel m, JsonNode request) {
        ClusterState cluster = Resolve.cluster(m, Params.string(request, "cluster"));
        List<String> refs = Params.strings(request, "services");
        if (refs.isEmpty()) throw AwsException.invalidParameter("Services cannot be empty.");
        Params.limit(refs, DESCRIBE_LIMIT, "service names");
        boolean tags = Params.includes(request, "TAGS");
        Map<String, ServiceState> found = new LinkedHashMap<>();
        for (String ref : new LinkedHashSet<>(refs)) found.put(ref, Resolve.service(cluster, ref));
        ObjectNode out = Json.object();
        ArrayNode rendered = out.putArray("services");
        ArrayNode failures = out.putArray("failures");
        LinkedHashSet<ServiceState> done = new LinkedHashSet<>();
        for (Map.Entry<String, ServiceState> e : found.entrySet()) {
            ServiceState s = e.getValue();
            if (s == null) {
                failures.add(Json.missing(Resolve.serviceArn(m, cluster, e.getKey())));
            } else if (done.add(s)) {
                rendered.add(ServiceRenderer.render(m, s, tags));
            }
        }
        return out;
    }

    /**
     * UpdateService: desiredCount, taskDefinition, deploymentConfiguration (percentages, circuit breaker),
     * forceNewDeployment, enableExecuteCommand. A new task definition or forceNewDeployment starts a
     * deployment; at most 5 may exist (containers-roadmap#2836).
     */
    static ObjectNode update(FleetModel m, JsonNode request) {
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
            if (!td.requiresCompatibilities().isEmpty() && !td.requiresCompatibilities().contains(s.launchType())
                    && !("EC2".equals(s.launchType()) && Network.awsvpc(td.networkMode()))) {
                throw AwsException.client("Task definition does not support launch_type " + s.launchType() + ".");
            }
            tdArn = td.arn();
        }
        Integer min = null, max = null;
        Boolean cbEnable = null, cbRollback = null;
        JsonNode dc = request.get("deploymentConfiguration");
        if (dc != null && !dc.isNull()) {
            min = Params.integer(dc, "minimumHealthyPercent");
            max = Params.integer(dc, "maximumPercent");
            if (min != null && (min < 0 || min > 100)) {
                throw AwsException.invalidParameter("minimumHealthyPercent must be between 0 and 100.");
            }
            if (max != null && max < 1) throw AwsException.invalidParameter("maximumPercent must be greater than 0.");
            JsonNode cb = dc.get("deploymentCircuitBreaker");
            if (cb != null && !cb.isNull()) {
                cbEnable = Params.bool(cb, "enable");
                cbRollback = Params.bool(cb, "rollback");
            }
        }
        boolean force = Boolean.TRUE.equals(Params.bool(request, "forceNewDeployment"));
        ServiceUpdate u = new ServiceUpdate(desired, tdArn, min, max, cbEnable, cbRollback, force,
                Params.bool(request, "enableExecuteCommand"));
        try {
            m.updateService(s, u);
        } catch (IllegalStateException e) {
            throw AwsException.invalidParameter(e.getMessage());
        }
        ObjectNode out = Json.object();
        out.set("service", ServiceRenderer.render(m, s, false));
        return out;
    }
}
