package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ContainerInstanceState;
import io.drainboard.sim.model.FleetModel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/** ListContainerInstances, DescribeContainerInstances and UpdateContainerInstancesState. Call under the model lock. */
final class ContainerInstanceOps {
    /** ECS API Reference "DescribeContainerInstances": "A list of up to 100 container instance IDs or full ARNs". */
    static final int DESCRIBE_LIMIT = 100;

    private ContainerInstanceOps() {
    }

    /** ListContainerInstances: without {@code status}, "all states other than INACTIVE" are listed. */
    static ObjectNode list(FleetModel m, Consistency consistency, JsonNode request) {
        ClusterState cluster = Resolve.cluster(m, Params.string(request, "cluster"));
        int max = Params.maxResults(request, 100);
        String status = Params.string(request, "status");
        String expression = Params.string(request, "filter");
        Predicate<ContainerInstanceState> filter = InstanceFilter.parse(expression);
        List<ContainerInstanceState> matches = new ArrayList<>();
        for (ContainerInstanceState ci : cluster.instances().values()) {
            Consistency.InstanceView before = consistency.before(m, Consistency.instance(ci.arn()));
            String seen = before != null ? before.status() : ci.status();
            boolean statusOk = status == null ? !"INACTIVE".equals(seen) : status.equals(seen);
            if (statusOk && filter.test(ci)) matches.add(ci);
        }
        String filters = "ListContainerInstances|" + cluster.arn() + "|" + status + "|" + expression;
        return Pagination.arns("containerInstanceArns", matches, ContainerInstanceState::arn, filters, request, max);
    }

    static ObjectNode describe(FleetModel m, Consistency consistency, JsonNode request) {
        ClusterState cluster = Resolve.cluster(m, Params.string(request, "cluster"));
        List<String> refs = Params.strings(request, "containerInstances");
        if (refs.isEmpty()) throw AwsException.invalidParameter("Container instances cannot be empty.");
        Params.limit(refs, DESCRIBE_LIMIT, "instanceIds");
        boolean health = Params.includes(request, "CONTAINER_INSTANCE_HEALTH");
        boolean tags = Params.includes(request, "TAGS");
        ContainerInstanceRenderer renderer = new ContainerInstanceRenderer(m, cluster);
        ObjectNode out = Json.object();
        ArrayNode instances = out.putArray("containerInstances");
        ArrayNode failures = out.putArray("failures");
        LinkedHashSet<ContainerInstanceState> done = new LinkedHashSet<>();
        for (String ref : new LinkedHashSet<>(refs)) {
            ContainerInstanceState ci = Resolve.containerInstance(m, cluster, ref);
            if (ci == null) failures.add(Json.missing(Resolve.containerInstanceArn(m, cluster, ref)));
            else if (done.add(ci)) {
                Consistency.InstanceView before = consistency.before(m, Consistency.instance(ci.arn()));
                instances.add(before != null ? before.json() : renderer.render(ci, health, tags));
            }
        }
        return out;
    }

    /**
     * UpdateContainerInstancesState ("containerInstances: A list of up to 10 container instance IDs or full
     * ARN entries"): DRAINING makes the service scheduler replace the instance's service tasks; ACTIVE
     * takes it back. Unknown instances are MISSING failures.
     */
    static ObjectNode updateState(FleetModel m, Consistency consistency, JsonNode request) {
        ClusterState cluster = Resolve.cluster(m, Params.string(request, "cluster"));
        List<String> refs = Params.strings(request, "containerInstances");
        if (refs.isEmpty()) throw AwsException.invalidParameter("Container instances cannot be empty.");
        Params.limit(refs, 10, "containerInstances");
        String status = Params.string(request, "status");
        if (!"ACTIVE".equals(status) && !"DRAINING".equals(status)) {
            throw AwsException.invalidParameter("Container instance status can only be updated to ACTIVE or DRAINING.");
        }
        ContainerInstanceRenderer renderer = null;
        List<ContainerInstanceState> updated = new ArrayList<>();
        ObjectNode out = Json.object();
        ArrayNode failures = Json.array();
        for (String ref : new LinkedHashSet<>(refs)) {
            ContainerInstanceState ci = Resolve.containerInstance(m, cluster, ref);
            if (ci == null || "INACTIVE".equals(ci.status())) {
                failures.add(Json.missing(Resolve.containerInstanceArn(m, cluster, ref)));
                continue;
            }
            if (!status.equals(ci.status())) {
                consistency.wrote(m, Consistency.instance(ci.arn()), new Consistency.InstanceView(
                        new ContainerInstanceRenderer(m, cluster).render(ci, false, false), ci.status()));
            }
            m.setContainerInstanceStatus(ci, status);
            updated.add(ci);
        }
        renderer = new ContainerInstanceRenderer(m, cluster);
        ArrayNode instances = out.putArray("containerInstances");
        for (ContainerInstanceState ci : updated) instances.add(renderer.render(ci, false, false));
        out.set("failures", failures);
        return out;
    }
}
