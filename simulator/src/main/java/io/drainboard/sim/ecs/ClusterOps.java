package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ContainerInstanceState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** ListClusters and DescribeClusters (ECS API Reference "Cluster"). Call under the model lock. */
final class ClusterOps {
    /** ECS API Reference "DescribeClusters": "A list of up to 100 cluster names or full cluster ARNs". */
    static final int DESCRIBE_LIMIT = 100;

    private ClusterOps() {
    }

    static ObjectNode list(FleetModel m, JsonNode request) {
        int max = Params.maxResults(request, 100);
        return Pagination.arns("clusterArns", new ArrayList<>(m.clusters()), ClusterState::arn, "ListClusters", request, max);
    }

    /** "If you do not specify a cluster, the default cluster is assumed"; unknown ones are failures, not errors. */
    static ObjectNode describe(FleetModel m, JsonNode request) {
        List<String> refs = Params.strings(request, "clusters");
        if (refs.isEmpty()) refs = List.of("default");
        Params.limit(refs, DESCRIBE_LIMIT, "clusters");
        boolean statistics = Params.includes(request, "STATISTICS");
        boolean settings = Params.includes(request, "SETTINGS");
        ObjectNode out = Json.object();
        ArrayNode clusters = out.putArray("clusters");
        ArrayNode failures = out.putArray("failures");
        LinkedHashSet<ClusterState> done = new LinkedHashSet<>();
        for (String ref : new LinkedHashSet<>(refs)) {
            ClusterState c = m.cluster(ref).orElse(null);
            if (c == null) failures.add(Json.missing(ref.startsWith("arn:") ? ref : m.arns().cluster(ref)));
            else if (done.add(c)) clusters.add(render(m, c, statistics, settings, Params.includes(request, "TAGS"), "ACTIVE"));
        }
        return out;
    }

    static ObjectNode render(FleetModel m, ClusterState c, boolean statistics, boolean settings, boolean tags,
                             String status) {
        int running = 0, pending = 0, runningFargate = 0, pendingFargate = 0, instances = 0, fargateServices = 0;
        for (TaskState t : c.tasks().values()) {
            boolean fargate = "FARGATE".equals(t.launchType());
            if (Lifecycle.running(t)) { running++; if (fargate) runningFargate++; }
            else if (Lifecycle.pending(t)) { pending++; if (fargate) pendingFargate++; }
        }
        // registeredContainerInstancesCount "includes container instances in both ACTIVE and DRAINING status".
        for (ContainerInstanceState ci : c.instances().values()) {
            if ("ACTIVE".equals(ci.status()) || "DRAINING".equals(ci.status())) instances++;
        }
        for (ServiceState s : c.services().values()) if ("FARGATE".equals(s.launchType())) fargateServices++;
        ObjectNode o = Json.object();
        o.put("clusterArn", c.arn());
        o.put("clusterName", c.name());
        o.put("status", status);
        o.put("registeredContainerInstancesCount", instances);
        o.put("runningTasksCount", running);
        o.put("pendingTasksCount", pending);
        o.put("activeServicesCount", c.services().size());
        ArrayNode stats = o.putArray("statistics");
        if (statistics) {
            stats.add(Json.nameValue("runningEC2TasksCount", Integer.toString(running - runningFargate)));
            stats.add(Json.nameValue("runningFargateTasksCount", Integer.toString(runningFargate)));
            stats.add(Json.nameValue("pendingEC2TasksCount", Integer.toString(pending - pendingFargate)));
            stats.add(Json.nameValue("pendingFargateTasksCount", Integer.toString(pendingFargate)));
            stats.add(Json.nameValue("activeEC2ServiceCount", Integer.toString(c.services().size() - fargateServices)));
            stats.add(Json.nameValue("activeFargateServiceCount", Integer.toString(fargateServices)));
        }
        // include TAGS on an untagged cluster leaves tags out, as ECS does (empty members are omitted).
        if (tags && !m.tags(c.arn()).isEmpty()) o.set("tags", Json.tags(m.tags(c.arn())));
        ArrayNode set = o.putArray("settings");
        if (settings) set.add(Json.nameValue("containerInsights", "disabled"));
        o.putArray("capacityProviders");
        o.putArray("defaultCapacityProviderStrategy");
        return o;
    }
}
