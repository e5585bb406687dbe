package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.ServiceState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** ListServices and DescribeServices. Call under the model lock. */
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
        LinkedHashSet<ServiceState> services = new LinkedHashSet<>(found.values());
        services.remove(null);
        TaskCounts counts = TaskCounts.of(cluster, services);
        ObjectNode out = Json.object();
        ArrayNode rendered = out.putArray("services");
        ArrayNode failures = out.putArray("failures");
        LinkedHashSet<ServiceState> done = new LinkedHashSet<>();
        for (Map.Entry<String, ServiceState> e : found.entrySet()) {
            ServiceState s = e.getValue();
            if (s == null) {
                failures.add(Json.missing(Resolve.serviceArn(m, cluster, e.getKey())));
            } else if (done.add(s)) {
                rendered.add(ServiceRenderer.render(s, m.taskDefinition(s.taskDefinitionArn()).orElseThrow(), counts,
                        m.arns().account(), tags));
            }
        }
        return out;
    }
}
