package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.model.DeploymentState;
import io.drainboard.sim.model.ServiceEvent;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskDefinitionState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** A {@code Service} as DescribeServices returns it (ECS API Reference "Service", "Deployment", "ServiceEvent"). */
final class ServiceRenderer {
    /** DescribeServices shows at most the 100 newest events ("Service" events: "The event stream for your service. A maximum of 100 of the latest events are displayed."). */
    static final int MAX_EVENTS = 100;

    private ServiceRenderer() {
    }

    static ObjectNode render(ServiceState s, TaskDefinitionState td, TaskCounts counts, String account, boolean tags) {
        boolean fargate = "FARGATE".equals(s.launchType());
        boolean awsvpc = Network.awsvpc(td.networkMode());
        TaskCounts.Count c = counts.service(s);
        ObjectNode o = Json.object();
        o.put("serviceArn", s.arn());
        o.put("serviceName", s.name());
        o.put("clusterArn", s.cluster().arn());
        o.putArray("loadBalancers");
        o.putArray("serviceRegistries");
        o.put("status", "ACTIVE");
        o.put("desiredCount", s.desiredCount());
        o.put("runningCount", c.running);
        o.put("pendingCount", c.pending);
        o.put("launchType", s.launchType());
        if (fargate) { // the service keeps the requested version; tasks show the resolved one
            o.put("platformVersion", "LATEST");
            o.put("platformFamily", "Linux");
        }
        o.put("taskDefinition", s.taskDefinitionArn());
        ObjectNode dc = o.putObject("deploymentConfiguration");
        ObjectNode breaker = dc.putObject("deploymentCircuitBreaker");
        breaker.put("enable", false);
        breaker.put("rollback", false);
        dc.put("maximumPercent", s.maximumPercent());
        dc.put("minimumHealthyPercent", s.minimumHealthyPercent());
        ArrayNode deployments = o.putArray("deployments");
        // As ECS lists them: the PRIMARY deployment first, then the older ones, newest first.
        List<DeploymentState> ordered = new ArrayList<>(s.deployments());
        ordered.sort(Comparator.comparing((DeploymentState d) -> !"PRIMARY".equals(d.status()))
                .thenComparing(DeploymentState::createdAt, Comparator.reverseOrder()));
        for (DeploymentState d : ordered) {
            deployments.add(deployment(s, d, counts.deployment(d.id()), fargate, awsvpc, account));
        }
        o.set("events", events(s));
        Json.time(o, "createdAt", s.createdAt());
        o.putArray("placementConstraints");
        o.putArray("placementStrategy");
        if (awsvpc) o.set("networkConfiguration", Network.configuration(s, account));
        o.put("schedulingStrategy", "REPLICA");
        o.putObject("deploymentController").put("type", "ECS");
        if (tags) o.putArray("tags");
        o.put("enableECSManagedTags", false);
        o.put("propagateTags", "NONE");
        o.put("enableExecuteCommand", s.enableExecuteCommand());
        return o;
    }

    private static ObjectNode deployment(ServiceState s, DeploymentState d, TaskCounts.Count c, boolean fargate,
                                         boolean awsvpc, String account) {
        ObjectNode o = Json.object();
        o.put("id", d.id());
        o.put("status", d.status());
        o.put("taskDefinition", d.taskDefinitionArn());
        // PRIMARY aims at the service's desired count; an older deployment at what it still keeps.
        o.put("desiredCount", "PRIMARY".equals(d.status()) ? s.desiredCount() : c.desired);
        o.put("pendingCount", c.pending);
        o.put("runningCount", c.running);
        o.put("failedTasks", c.failed);
        Json.time(o, "createdAt", d.createdAt());
        Json.time(o, "updatedAt", d.updatedAt());
        o.put("launchType", s.launchType());
        if (fargate) {
            o.put("platformVersion", TaskRenderer.FARGATE_PLATFORM);
            o.put("platformFamily", "Linux");
        }
        if (awsvpc) o.set("networkConfiguration", Network.configuration(s, account));
        Json.putIfSet(o, "rolloutState", d.rolloutState());
        Json.putIfSet(o, "rolloutStateReason", d.rolloutStateReason());
        return o;
    }

    /** Newest first, at most {@link #MAX_EVENTS}; equal instants keep the later-recorded one first. */
    private static ArrayNode events(ServiceState s) {
        List<ServiceEvent> newest = new ArrayList<>(s.events());
        Collections.reverse(newest);
        newest.sort(Comparator.comparing(ServiceEvent::createdAt).reversed());
        ArrayNode a = Json.array();
        for (ServiceEvent e : newest.subList(0, Math.min(MAX_EVENTS, newest.size()))) {
            ObjectNode o = a.addObject();
            o.put("id", e.id());
            Json.time(o, "createdAt", e.createdAt());
            o.put("message", e.message());
        }
        return a;
    }
}
