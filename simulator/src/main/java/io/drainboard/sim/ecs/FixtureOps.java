package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ContainerInstanceState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.ServiceUpdate;
import io.drainboard.sim.model.TaskDefinitionState;
import io.drainboard.sim.model.TaskState;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What a client needs to set up its own fixtures (ECS API Reference "CreateCluster", "DeleteCluster",
 * "CreateService", "DeleteService", "RunTask", "StartTask", "RegisterContainerInstance",
 * "DeregisterContainerInstance"), with ECS's validation and error types. Call under the model lock.
 */
final class FixtureOps {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** RunTask: "count … You can specify up to 10 tasks for each call." StartTask: up to 10 container instances. */
    static final int MAX_TASKS = 10;

    private FixtureOps() {
    }

    /** CreateCluster: clusterName defaults to "default"; an existing name returns that cluster (ECS is idempotent here). */
    static ObjectNode createCluster(FleetModel m, JsonNode request) {
        String name = Params.string(request, "clusterName");
        if (name == null || name.isEmpty()) name = "default";
        if (!name.matches("[A-Za-z0-9_-]{1,255}")) {
            throw AwsException.invalidParameter("Cluster name can have up to 255 letters (uppercase and lowercase), numbers, "
                    + "underscores, and hyphens.");
        }
        String n = name;
        ClusterState c = m.cluster(name).orElseGet(() -> m.addCluster(n));
        tag(m, c.arn(), request);
        ObjectNode out = Json.object();
        out.set("cluster", ClusterOps.render(m, c, false, false, false, "ACTIVE"));
        return out;
    }

    /** DeleteCluster: refused while it has services, tasks or registered container instances. */
    static ObjectNode deleteCluster(FleetModel m, JsonNode request) {
        String ref = Params.required(request, "cluster", "Cluster cannot be empty.");
        ClusterState c = Resolve.cluster(m, ref);
        if (!c.services().isEmpty()) {
            throw new AwsException("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.");
        }
        for (TaskState t : c.tasks().values()) {
            if (!Lifecycle.stopped(t)) {
                throw new AwsException("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
            }
        }
        for (ContainerInstanceState ci : c.instances().values()) {
            if (!"INACTIVE".equals(ci.status())) {
                throw new AwsException("ClusterContainsContainerInstancesException",
                        "The Cluster cannot be deleted while Container Instances are active or draining.");
            }
        }
        ObjectNode rendered = ClusterOps.render(m, c, false, false, false, "INACTIVE");
        m.removeCluster(c);
        ObjectNode out = Json.object();
        out.set("cluster", rendered);
        return out;
    }

    /**
     * CreateService (REPLICA, rolling update): serviceName, taskDefinition and desiredCount required; awsvpc
     * needs a networkConfiguration; a name in use is "not idempotent".
     */
    static ObjectNode createService(FleetModel m, JsonNode request) {
        ClusterState c = Resolve.cluster(m, Params.string(request, "cluster"));
        String name = Params.required(request, "serviceName", "Service name cannot be empty.");
        if (!name.matches("[A-Za-z0-9_-]{1,255}")) {
            throw AwsException.invalidParameter("Service name can have up to 255 letters, numbers, hyphens and underscores.");
        }
        if (c.services().containsKey(name)) throw AwsException.invalidParameter("Creation of service was not idempotent.");
        String strategy = Params.string(request, "schedulingStrategy");
        if (strategy != null && !strategy.equals("REPLICA")) {
            throw AwsException.invalidParameter("The Drainboard simulator models REPLICA services only, not " + strategy + ".");
        }
        String launchType = launchType(request);
        TaskDefinitionState td = taskDefinition(m, request, launchType);
        Integer desired = Params.integer(request, "desiredCount");
        if (desired == null) throw AwsException.invalidParameter("desiredCount is required for a REPLICA service.");
        if (desired < 0) throw AwsException.invalidParameter("desiredCount must be at least 0.");
        List<String> azs = availabilityZones(m, request, td);
        ServiceState s = m.createService(c, name, launchType, td.arn(), desired, azs,
                Boolean.TRUE.equals(Params.bool(request, "enableExecuteCommand")));
        JsonNode dc = request.get("deploymentConfiguration");
        if (dc != null && !dc.isNull()) {
            ServiceOps.DeploymentConfig d = ServiceOps.deploymentConfig(dc);
            m.updateService(s, new ServiceUpdate(null, null, d.min(), d.max(), d.cbEnable(), d.cbRollback(), false, null,
                    d.resetOnHealthyTask(), d.thresholdType(), d.thresholdValue()));
        }
        tag(m, s.arn(), request);
        ObjectNode out = Json.object();
        out.set("service", ServiceRenderer.render(m, s, false));
        return out;
    }

    /** DeleteService: "You can't delete a service while it has a desired count above 0 unless you use force". */
    static ObjectNode deleteService(FleetModel m, JsonNode request) {
        ClusterState c = Resolve.cluster(m, Params.string(request, "cluster"));
        String ref = Params.required(request, "service", "Service cannot be empty.");
        ServiceState s = Resolve.service(c, ref);
        if (s == null) throw new AwsException("ServiceNotFoundException", "Service not found.");
        if (s.desiredCount() > 0 && !Boolean.TRUE.equals(Params.bool(request, "force"))) {
            throw AwsException.invalidParameter("The service cannot be stopped while it is scaled above 0.");
        }
        m.deleteService(s);
        ObjectNode out = Json.object();
        out.set("service", ServiceRenderer.render(m, s, false));
        return out;
    }

    /** RunTask: 1–10 standalone tasks; on EC2 each goes to the ACTIVE instance with the fewest tasks. */
    static ObjectNode runTask(FleetModel m, Consistency consistency, JsonNode request) {
        ClusterState c = Resolve.cluster(m, Params.string(request, "cluster"));
        String launchType = launchType(request);
        TaskDefinitionState td = taskDefinition(m, request, launchType);
        Integer count = Params.integer(request, "count");
        int n = count == null ? 1 : count;
        if (n < 1 || n > MAX_TASKS) throw AwsException.invalidParameter("count must be between 1 and 10.");
        if (Network.awsvpc(td.networkMode())) availabilityZones(m, request, td); // validates networkConfiguration
        String startedBy = startedBy(request);
        List<TaskState> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ContainerInstanceState ci = null;
            if ("EC2".equals(launchType)) {
                ci = leastLoaded(m, c);
                if (ci == null) throw AwsException.invalidParameter("No Container Instances were found in your cluster.");
            }
            started.add(m.addStandaloneTask(c, td.arn(), launchType, ci, startedBy));
        }
        return tasks(m, consistency, request, started, Json.array());
    }

    /** StartTask: one task on each container instance named (up to 10); unknown or inactive ones are failures. */
    static ObjectNode startTask(FleetModel m, Consistency consistency, JsonNode request) {
        ClusterState c = Resolve.cluster(m, Params.string(request, "cluster"));
        TaskDefinitionState td = taskDefinition(m, request, "EC2");
        List<String> refs = Params.strings(request, "containerInstances");
        if (refs.isEmpty()) throw AwsException.invalidParameter("Container instances cannot be empty.");
        Params.limit(refs, MAX_TASKS, "containerInstances");
        String startedBy = startedBy(request);
        List<TaskState> started = new ArrayList<>();
        ArrayNode failures = Json.array();
        for (String ref : new LinkedHashSet<>(refs)) {
            ContainerInstanceState ci = Resolve.containerInstance(m, c, ref);
            if (ci == null || !"ACTIVE".equals(ci.status())) {
                failures.add(Json.missing(Resolve.containerInstanceArn(m, c, ref)));
                continue;
            }
            started.add(m.addStandaloneTask(c, td.arn(), "EC2", ci, startedBy));
        }
        return tasks(m, consistency, request, started, failures);
    }

    /** RegisterContainerInstance: what the agent sends; the instance identity document names the instance. */
    static ObjectNode registerContainerInstance(FleetModel m, JsonNode request) {
        ClusterState c = Resolve.cluster(m, Params.string(request, "cluster"));
        String doc = Params.string(request, "instanceIdentityDocument");
        String id = null;
        String az = m.arns().region() + "a";
        String type = "c6i.xlarge";
        if (doc != null && !doc.isEmpty()) {
            try {
                JsonNode d = JSON.readTree(doc);
                id = d.path("instanceId").asText(null);
                az = d.path("availabilityZone").asText(az);
                type = d.path("instanceType").asText(type);
            } catch (IOException e) {
                throw AwsException.client("instanceIdentityDocument is not valid JSON.");
            }
        }
        ContainerInstanceState ci = m.registerContainerInstance(c, id, az, type);
        tag(m, ci.arn(), request);
        ObjectNode out = Json.object();
        out.set("containerInstance", new ContainerInstanceRenderer(m, c).render(ci, false, false));
        return out;
    }

    /** DeregisterContainerInstance: refused while tasks run on it, unless forced. */
    static ObjectNode deregisterContainerInstance(FleetModel m, JsonNode request) {
        ClusterState c = Resolve.cluster(m, Params.string(request, "cluster"));
        String ref = Params.required(request, "containerInstance", "Container instance cannot be empty.");
        ContainerInstanceState ci = Resolve.containerInstance(m, c, ref);
        if (ci == null || "INACTIVE".equals(ci.status())) {
            throw AwsException.invalidParameter("The referenced container instance was not found.");
        }
        if (!m.tasksOn(ci).isEmpty() && !Boolean.TRUE.equals(Params.bool(request, "force"))) {
            throw AwsException.invalidParameter("The container instance has tasks running; stop them or deregister with "
                    + "force.");
        }
        m.deregisterContainerInstance(ci);
        ObjectNode out = Json.object();
        out.set("containerInstance", new ContainerInstanceRenderer(m, c).render(ci, false, false));
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static ObjectNode tasks(FleetModel m, Consistency consistency, JsonNode request, List<TaskState> started,
                                    ArrayNode failures) {
        Map<String, String> tags = Params.tags(request, "tags");
        TaskRenderer renderer = new TaskRenderer(m);
        ObjectNode out = Json.object();
        ArrayNode tasks = out.putArray("tasks");
        for (TaskState t : started) {
            if (!tags.isEmpty()) tagOrRefuse(m, t.arn(), tags);
            consistency.wrote(m, Consistency.created(t.arn()), Boolean.TRUE);
            tasks.add(renderer.render(t, false));
        }
        out.set("failures", failures);
        return out;
    }

    private static String launchType(JsonNode request) {
        String lt = Params.string(request, "launchType");
        if (lt == null) return "EC2"; // no capacity provider strategy modelled: ECS's default launch type
        if (!lt.equals("EC2") && !lt.equals("FARGATE")) {
            throw AwsException.invalidParameter("The Drainboard simulator models launch types EC2 and FARGATE, not " + lt + ".");
        }
        return lt;
    }

    /** The ACTIVE task definition the request names, valid for the launch type. */
    private static TaskDefinitionState taskDefinition(FleetModel m, JsonNode request, String launchType) {
        String ref = Params.string(request, "taskDefinition");
        if (ref == null || ref.isEmpty()) throw AwsException.invalidParameter("TaskDefinition cannot be empty.");
        TaskDefinitionState td;
        try {
            td = Resolve.taskDefinition(m, ref);
        } catch (AwsException e) {
            throw AwsException.client("TaskDefinition not found.");
        }
        if (!td.active()) throw AwsException.client("TaskDefinition is inactive");
        if (!ServiceOps.supports(td, launchType)) {
            throw AwsException.client("Task definition does not support launch_type " + launchType + ".");
        }
        return td;
    }

    /** The AZs the request's awsvpc subnets are in (the simulator's subnet ids, or the region's first two). */
    private static List<String> availabilityZones(FleetModel m, JsonNode request, TaskDefinitionState td) {
        String region = m.arns().region();
        List<String> subnets = Params.strings(request.path("networkConfiguration").path("awsvpcConfiguration"), "subnets");
        if (Network.awsvpc(td.networkMode()) && subnets.isEmpty()) {
            throw AwsException.invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        }
        List<String> azs = new ArrayList<>();
        for (String subnet : subnets) {
            for (char z = 'a'; z <= 'f'; z++) {
                String az = region + z;
                if (Network.subnet(m.arns().account(), az).equals(subnet) && !azs.contains(az)) azs.add(az);
            }
        }
        return azs.isEmpty() ? List.of(region + "a", region + "b") : azs;
    }

    private static String startedBy(JsonNode request) {
        String s = Params.string(request, "startedBy");
        if (s != null && (s.length() > 128 || !s.matches("[A-Za-z0-9_-]*"))) {
            throw AwsException.invalidParameter("startedBy can have up to 128 letters, numbers, hyphens and underscores.");
        }
        return s;
    }

    private static ContainerInstanceState leastLoaded(FleetModel m, ClusterState c) {
        return c.instances().values().stream().filter(ci -> "ACTIVE".equals(ci.status()) && ci.agentConnected())
                .min(Comparator.comparingInt(ci -> m.tasksOn(ci).size())).orElse(null);
    }

    private static void tag(FleetModel m, String arn, JsonNode request) {
        Map<String, String> tags = Params.tags(request, "tags");
        if (!tags.isEmpty()) tagOrRefuse(m, arn, tags);
    }

    private static void tagOrRefuse(FleetModel m, String arn, Map<String, String> tags) {
        try {
            m.tagResource(arn, tags);
        } catch (IllegalArgumentException e) {
            throw AwsException.invalidParameter(e.getMessage());
        }
    }
}
