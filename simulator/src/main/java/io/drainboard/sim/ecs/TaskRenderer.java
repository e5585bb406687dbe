package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.model.ContainerDef;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.TaskDefinitionState;
import io.drainboard.sim.model.TaskState;

/** A {@code Task} as DescribeTasks returns it (ECS API Reference "Task", "Container"). */
final class TaskRenderer {
    /** Fargate platform version LATEST resolves to 1.4.0 on Linux ("AWS Fargate platform versions for Amazon ECS"). */
    static final String FARGATE_PLATFORM = "1.4.0";

    private final FleetModel model;

    TaskRenderer(FleetModel model) {
        this.model = model;
    }

    ObjectNode render(TaskState t, boolean withTags) {
        TaskDefinitionState td = model.taskDefinition(t.taskDefinitionArn()).orElseThrow();
        boolean fargate = "FARGATE".equals(t.launchType());
        boolean awsvpc = Network.awsvpc(td.networkMode());
        ObjectNode o = Json.object();
        ArrayNode attachments = o.putArray("attachments");
        if (awsvpc) attachments.add(Network.eniAttachment(t, model.arns().account(), model.arns().region()));
        o.putArray("attributes").add(Json.nameValue("ecs.cpu-architecture", "x86_64"));
        o.put("availabilityZone", t.availabilityZone());
        o.put("clusterArn", t.cluster().arn());
        if (t.pullStartedAt() != null) { // the agent/Fargate connection comes up before the image pull
            o.put("connectivity", "CONNECTED");
            Json.time(o, "connectivityAt", t.pullStartedAt());
        }
        if (t.containerInstance() != null) o.put("containerInstanceArn", t.containerInstance().arn());
        ArrayNode containers = o.putArray("containers");
        for (ContainerDef c : td.containers()) containers.add(container(t, c, awsvpc));
        o.put("cpu", td.cpu());
        Json.time(o, "createdAt", t.createdAt());
        o.put("desiredStatus", t.desiredStatus());
        o.put("enableExecuteCommand", t.enableExecuteCommand());
        if (fargate) o.putObject("ephemeralStorage").put("sizeInGiB", 20);
        Json.time(o, "executionStoppedAt", t.executionStoppedAt());
        o.put("group", t.service() != null ? "service:" + t.service().name() : "family:" + td.family());
        o.put("healthStatus", t.healthStatus());
        o.put("lastStatus", t.lastStatus());
        o.put("launchType", t.launchType());
        o.put("memory", td.memory());
        ObjectNode overrides = o.putObject("overrides");
        ArrayNode containerOverrides = overrides.putArray("containerOverrides");
        for (ContainerDef c : td.containers()) containerOverrides.addObject().put("name", c.name());
        overrides.putArray("inferenceAcceleratorOverrides");
        if (fargate) {
            o.put("platformVersion", FARGATE_PLATFORM);
            o.put("platformFamily", "Linux");
        }
        Json.time(o, "pullStartedAt", t.pullStartedAt());
        Json.time(o, "pullStoppedAt", t.pullStoppedAt());
        Json.time(o, "startedAt", t.startedAt());
        Json.putIfSet(o, "startedBy", t.startedBy());
        Json.putIfSet(o, "stopCode", t.stopCode());
        Json.time(o, "stoppedAt", t.stoppedAt());
        Json.putIfSet(o, "stoppedReason", t.stoppedReason());
        Json.time(o, "stoppingAt", t.stoppingAt());
        if (withTags) o.set("tags", Json.tags(model.tags(t.arn())));
        o.put("taskArn", t.arn());
        o.put("taskDefinitionArn", t.taskDefinitionArn());
        o.put("version", Lifecycle.version(t));
        return o;
    }

    private ObjectNode container(TaskState t, ContainerDef c, boolean awsvpc) {
        ObjectNode o = Json.object();
        o.put("containerArn", model.arns().container(t.cluster().name(), t.id(), Ids.uuid(t.arn() + "/" + c.name())));
        o.put("taskArn", t.arn());
        o.put("name", c.name());
        o.put("image", c.image());
        String status = Lifecycle.containerStatus(t);
        o.put("lastStatus", status);
        boolean worker = c.essential();
        if ("STOPPED".equals(status) && t.exitCode() != null && worker) o.put("exitCode", t.exitCode());
        // A container that never started carries the reason (API Reference "Container": reason).
        if ("TaskFailedToStart".equals(t.stopCode()) && worker) o.put("reason", t.stoppedReason());
        o.putArray("networkBindings");
        ArrayNode nics = o.putArray("networkInterfaces");
        if (awsvpc) {
            ObjectNode nic = nics.addObject();
            nic.put("attachmentId", Network.attachmentId(t));
            nic.put("privateIpv4Address", t.privateIp());
        }
        o.put("healthStatus", t.healthStatus());
        if (t.enableExecuteCommand()) {
            ObjectNode agent = o.putArray("managedAgents").addObject(); // ECS Exec's agent ("Using Amazon ECS Exec")
            agent.put("name", "ExecuteCommandAgent");
            agent.put("lastStatus", status);
            Json.time(agent, "lastStartedAt", t.startedAt());
        }
        o.put("cpu", Integer.toString(c.cpu()));
        if (c.memory() > 0) o.put("memory", Integer.toString(c.memory()));
        return o;
    }
}
