package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ContainerInstanceState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.TaskDefinitionState;
import io.drainboard.sim.model.TaskState;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@code ContainerInstance} (ECS API Reference "ContainerInstance", "Resource", "VersionInfo"). */
final class ContainerInstanceRenderer {
    /** What the tasks placed on one instance use. */
    private static final class Usage {
        int running, pending, cpu, memory;
    }

    private final Map<ContainerInstanceState, Usage> usage = new HashMap<>();
    private final FleetModel model;

    /** Tallies the cluster's tasks per instance in one pass. */
    ContainerInstanceRenderer(FleetModel m, ClusterState cluster) {
        this.model = m;
        for (TaskState t : cluster.tasks().values()) {
            if (t.containerInstance() == null || Lifecycle.stopped(t)) continue;
            Usage u = usage.computeIfAbsent(t.containerInstance(), ci -> new Usage());
            // runningTasksCount / pendingTasksCount: tasks on the instance "in the RUNNING / PENDING status".
            if (Lifecycle.running(t)) u.running++;
            else if (Lifecycle.pending(t)) u.pending++;
            TaskDefinitionState td = m.taskDefinition(t.taskDefinitionArn()).orElse(null);
            if (td != null) {
                u.cpu += InstanceResources.units(td.cpu());
                u.memory += InstanceResources.units(td.memory());
            }
        }
    }

    /** The attributes the ECS agent registers, by which ListContainerInstances filters can select. */
    static Map<String, String> attributes(ContainerInstanceState ci) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("ecs.availability-zone", ci.availabilityZone());
        a.put("ecs.instance-type", ci.instanceType());
        a.put("ecs.os-type", "linux");
        a.put("ecs.os-family", "LINUX");
        a.put("ecs.cpu-architecture", InstanceTypes.architecture(ci.instanceType()));
        a.put("ecs.capability.execution-role-awslogs", null);
        a.put("com.amazonaws.ecs.capability.docker-remote-api.1.44", null);
        a.put("ecs.capability.container-health-check", null);
        a.put("ecs.capability.task-eni", null);
        return a;
    }

    ObjectNode render(ContainerInstanceState ci, boolean health, boolean tags) {
        Usage u = usage.getOrDefault(ci, new Usage());
        InstanceTypes.Size size = InstanceTypes.of(ci.instanceType());
        ObjectNode o = Json.object();
        o.put("containerInstanceArn", ci.arn());
        o.put("ec2InstanceId", ci.ec2InstanceId());
        o.put("version", 1); // ECS bumps it on every change; the model keeps no counter
        ObjectNode v = o.putObject("versionInfo");
        v.put("agentVersion", "1.92.0");
        v.put("agentHash", Ids.hex("ecs-agent-1.92.0", 8));
        v.put("dockerVersion", "DockerVersion: 25.0.8");
        o.set("remainingResources", InstanceResources.json(size.cpuUnits() - u.cpu, size.memoryMiB() - u.memory));
        o.set("registeredResources", InstanceResources.json(size.cpuUnits(), size.memoryMiB()));
        o.put("status", ci.status());
        o.put("agentConnected", ci.agentConnected());
        o.put("runningTasksCount", u.running);
        o.put("pendingTasksCount", u.pending);
        ArrayNode attributes = o.putArray("attributes");
        attributes(ci).forEach((name, value) -> {
            ObjectNode a = attributes.addObject();
            a.put("name", name);
            Json.putIfSet(a, "value", value);
        });
        Json.time(o, "registeredAt", ci.registeredAt());
        o.putArray("attachments");
        if (tags) o.set("tags", Json.tags(model.tags(ci.arn())));
        if (health) {
            ObjectNode h = o.putObject("healthStatus");
            h.put("overallStatus", "OK");
            ObjectNode d = h.putArray("details").addObject();
            d.put("type", "CONTAINER_RUNTIME");
            d.put("status", "OK");
            Json.time(d, "lastUpdated", ci.registeredAt());
            Json.time(d, "lastStatusChange", ci.registeredAt());
        }
        return o;
    }
}
