package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.model.ContainerDef;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.TaskDefinitionState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * DescribeTaskDefinition, ListTaskDefinitions and RegisterTaskDefinition (ECS API Reference
 * "TaskDefinition", "ContainerDefinition").
 */
final class TaskDefinitionOps {
    private TaskDefinitionOps() {
    }

    static ObjectNode describe(FleetModel m, JsonNode request) {
        String ref = Params.string(request, "taskDefinition");
        if (ref == null || ref.isEmpty()) throw AwsException.invalidParameter("Task Definition can not be blank.");
        TaskDefinitionState td = Resolve.taskDefinition(m, ref);
        ObjectNode out = Json.object();
        out.set("taskDefinition", render(td));
        if (Params.includes(request, "TAGS")) out.set("tags", Json.tags(m.tags(td.arn())));
        return out;
    }

    /**
     * ListTaskDefinitions: familyPrefix matches the whole family name; status defaults to ACTIVE; sort ASC
     * lists "lexicographically by family name and in ascending numerical order by revision", DESC reverses it.
     */
    static ObjectNode list(FleetModel m, JsonNode request) {
        String family = Params.string(request, "familyPrefix");
        String status = Params.string(request, "status");
        String sort = Params.string(request, "sort");
        int max = Params.maxResults(request, 100);
        List<TaskDefinitionState> matches = new ArrayList<>();
        if (status == null || status.equals("ACTIVE")) { // every modelled revision is ACTIVE
            for (TaskDefinitionState td : m.taskDefinitions()) if (family == null || family.equals(td.family())) matches.add(td);
        }
        Comparator<TaskDefinitionState> order = Comparator.comparing(TaskDefinitionState::family)
                .thenComparingInt(TaskDefinitionState::revision);
        matches.sort("DESC".equals(sort) ? order.reversed() : order);
        String filters = "ListTaskDefinitions|" + family + "|" + status + "|" + sort;
        Pagination.Page<TaskDefinitionState> page = Pagination.page(matches, TaskDefinitionState::arn, filters,
                Params.string(request, "nextToken"), max);
        ObjectNode out = Json.object();
        ArrayNode arns = out.putArray("taskDefinitionArns");
        for (TaskDefinitionState td : page.items()) arns.add(td.arn());
        Json.putIfSet(out, "nextToken", page.nextToken());
        return out;
    }

    /**
     * RegisterTaskDefinition: the next revision of the family. Fargate needs awsvpc and task-level cpu
     * and memory ("Fargate only supports network mode ‘awsvpc’.", "Fargate requires that 'cpu' be defined
     * at the task level."); every container needs a name and an image.
     */
    static ObjectNode register(FleetModel m, JsonNode request) {
        String family = Params.string(request, "family");
        if (family == null || family.isBlank()) throw AwsException.client("Family cannot be blank.");
        if (!family.matches("[A-Za-z0-9_-]{1,255}")) {
            throw AwsException.client("Family contains invalid characters: up to 255 letters, numbers, hyphens and underscores are allowed.");
        }
        JsonNode defs = request.get("containerDefinitions");
        if (defs == null || !defs.isArray() || defs.isEmpty()) throw AwsException.client("Container list cannot be empty.");
        List<ContainerDef> containers = new ArrayList<>();
        for (JsonNode c : defs) {
            String name = Params.string(c, "name");
            String image = Params.string(c, "image");
            if (name == null || name.isEmpty()) throw AwsException.client("Container.name should not be null or empty.");
            if (image == null || image.isEmpty()) throw AwsException.client("Container.image should not be null or empty.");
            Integer cpu = Params.integer(c, "cpu");
            Integer memory = Params.integer(c, "memory");
            Boolean essential = Params.bool(c, "essential");
            Integer stopTimeout = Params.integer(c, "stopTimeout");
            containers.add(new ContainerDef(name, image, cpu == null ? 0 : cpu, memory == null ? 0 : memory,
                    essential == null || essential, stopTimeout));
        }
        List<String> requires = Params.strings(request, "requiresCompatibilities");
        String networkMode = Params.string(request, "networkMode");
        String cpu = Params.string(request, "cpu");
        String memory = Params.string(request, "memory");
        if (requires.contains("FARGATE")) {
            if (!"awsvpc".equals(networkMode)) throw AwsException.client("Fargate only supports network mode ‘awsvpc’.");
            if (cpu == null) throw AwsException.client("Fargate requires that 'cpu' be defined at the task level.");
            if (memory == null) throw AwsException.client("Fargate requires that 'memory' be defined at the task level.");
        }
        TaskDefinitionState td = m.registerTaskDefinition(family, null, cpu, memory,
                networkMode == null ? "bridge" : networkMode, requires, containers);
        java.util.Map<String, String> tags = Params.tags(request, "tags");
        if (!tags.isEmpty()) {
            try {
                m.tagResource(td.arn(), tags);
            } catch (IllegalArgumentException e) {
                throw AwsException.invalidParameter(e.getMessage());
            }
        }
        ObjectNode out = Json.object();
        out.set("taskDefinition", render(td));
        out.set("tags", Json.tags(m.tags(td.arn())));
        return out;
    }

    static ObjectNode render(TaskDefinitionState td) {
        ObjectNode o = Json.object();
        o.put("taskDefinitionArn", td.arn());
        ArrayNode containers = o.putArray("containerDefinitions");
        for (ContainerDef c : td.containers()) containers.add(container(c));
        o.put("family", td.family());
        o.put("networkMode", td.networkMode());
        o.put("revision", td.revision());
        o.putArray("volumes");
        o.put("status", "ACTIVE");
        o.putArray("placementConstraints");
        // "compatibilities": the launch types the definition validated for; a Fargate-valid (awsvpc) one
        // also runs on EC2, a bridge-mode one on EC2 and EXTERNAL.
        o.set("compatibilities", Json.strings(Network.awsvpc(td.networkMode())
                ? List.of("EC2", "FARGATE") : List.of("EXTERNAL", "EC2")));
        o.set("requiresCompatibilities", Json.strings(td.requiresCompatibilities()));
        Json.putIfSet(o, "cpu", td.cpu());
        Json.putIfSet(o, "memory", td.memory());
        Json.time(o, "registeredAt", td.registeredAt());
        return o;
    }

    /** Only the members a definition sets: stopTimeout is absent when unset (ECS then applies its default). */
    private static ObjectNode container(ContainerDef c) {
        ObjectNode o = Json.object();
        o.put("name", c.name());
        o.put("image", c.image());
        o.put("cpu", c.cpu());
        if (c.memory() > 0) o.put("memory", c.memory());
        o.putArray("portMappings");
        o.put("essential", c.essential());
        o.putArray("environment");
        o.putArray("mountPoints");
        o.putArray("volumesFrom");
        if (c.stopTimeout() != null) o.put("stopTimeout", c.stopTimeout());
        o.putArray("systemControls");
        return o;
    }
}
