package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.model.DeploymentState;
import io.drainboard.sim.model.FleetModel;
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

    static ObjectNode render(FleetModel m, ServiceState s, boolean tags) {
        TaskDefinitionState td = m.taskDefinition(s.taskDefinitionArn()).orElseThrow();
        String account = m.arns().account();
        boolean fargate = "FARGATE".equals(s.launchType());
        boolean awsvpc = Network.awsvpc(td.networkMode());
        ObjectNode o = Json.object();
        o.put("serviceArn", s.arn());
        o.put("serviceName", s.name());
        o.put("clusterArn", s.cluster().arn());
        ArrayNode lbs = o.putArray("loadBalancers");
        if (!s.deregistrationDelay().isZero()) lbs.add(loadBalancer(m, s, td)); // the delay comes from a target group
        o.putArray("serviceRegistries");
        o.put("status", s.status());
        o.put("desiredCount", s.desiredCount());
        o.put("runningCount", s.runningCount());
        o.put("pendingCount", s.pendingCount());
        o.put("launchType", s.launchType());
        if (fargate) { // the service keeps the requested version; tasks show the resolved one
            o.put("platformVersion", "LATEST");
            o.put("platformFamily", "Linux");
        }
        o.put("taskDefinition", s.taskDefinitionArn());
        ObjectNode dc = o.putObject("deploymentConfiguration");
        ObjectNode breaker = dc.putObject("deploymentCircuitBreaker");
        breaker.put("enable", s.circuitBreakerEnable());
        breaker.put("rollback", s.circuitBreakerRollback());
        breaker.put("resetOnHealthyTask", s.circuitBreakerResetOnHealthyTask());
        ObjectNode threshold = breaker.putObject("thresholdConfiguration");
        threshold.put("type", s.circuitBreakerThresholdType());
        threshold.put("value", s.circuitBreakerThresholdValue());
        dc.put("maximumPercent", s.maximumPercent());
        dc.put("minimumHealthyPercent", s.minimumHealthyPercent());
        ArrayNode deployments = o.putArray("deployments");
        // As ECS lists them: the PRIMARY deployment first, then the older ones, newest first.
        List<DeploymentState> ordered = new ArrayList<>(s.deployments());
        ordered.sort(Comparator.comparing((DeploymentState d) -> !"PRIMARY".equals(d.status()))
                .thenComparing(DeploymentState::createdAt, Comparator.reverseOrder()));
        for (DeploymentState d : ordered) {
            deployments.add(deployment(s, d, fargate, awsvpc, account));
        }
        o.set("events", events(s));
        Json.time(o, "createdAt", s.createdAt());
        o.putArray("placementConstraints");
        o.putArray("placementStrategy");
        if (awsvpc) o.set("networkConfiguration", Network.configuration(s, account));
        o.put("schedulingStrategy", "REPLICA");
        o.putObject("deploymentController").put("type", "ECS");
        if (tags) putTags(o, m.tags(s.arn()));
        o.put("enableECSManagedTags", false);
        o.put("propagateTags", "NONE");
        o.put("enableExecuteCommand", s.enableExecuteCommand());
        return o;
    }

    /** include TAGS: the service's tags. */
    static void putTags(ObjectNode o, java.util.Map<String, String> tags) {
        o.set("tags", Json.tags(tags));
    }

    private static ObjectNode deployment(ServiceState s, DeploymentState d, boolean fargate, boolean awsvpc,
                                         String account) {
        ObjectNode o = Json.object();
        o.put("id", d.id());
        o.put("status", d.status());
        o.put("taskDefinition", d.taskDefinitionArn());
        // PRIMARY aims at the service's desired count; an older deployment at what it still keeps.
        o.put("desiredCount", d.desiredCount());
        o.put("pendingCount", d.pendingCount());
        o.put("runningCount", d.runningCount());
        o.put("failedTasks", d.failedTasks());
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

    /** The target group the service's tasks register in (ECS API Reference "LoadBalancer"). */
    private static ObjectNode loadBalancer(FleetModel m, ServiceState s, TaskDefinitionState td) {
        ObjectNode lb = Json.object();
        lb.put("targetGroupArn", "arn:aws:elasticloadbalancing:" + m.arns().region() + ":" + m.arns().account()
                + ":targetgroup/" + s.name() + "/" + Ids.hex(s.arn() + "#tg", 16));
        lb.put("containerName", td.containers().get(0).name());
        lb.put("containerPort", 8081);
        return lb;
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
