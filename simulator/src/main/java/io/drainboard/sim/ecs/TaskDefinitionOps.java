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
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Task definitions (ECS API Reference "RegisterTaskDefinition", "DescribeTaskDefinition", "ListTaskDefinitions",
 * "ListTaskDefinitionFamilies", "DeregisterTaskDefinition", "DeleteTaskDefinitions", "TaskDefinition",
 * "ContainerDefinition"). A definition a client registered comes back with every member it sent (the request is
 * kept as it came), plus what ECS adds: ARN, revision, status, compatibilities, registeredAt/By and the container
 * defaults. Call under the model lock.
 */
final class TaskDefinitionOps {
    /** DeleteTaskDefinitions: "You can specify up to 10 task definitions". */
    static final int DELETE_LIMIT = 10;
    /** Request members that are not part of the definition itself. */
    private static final Set<String> NOT_ECHOED = Set.of("tags");

    private TaskDefinitionOps() {
    }

    static ObjectNode describe(FleetModel m, JsonNode request) {
        String ref = Params.string(request, "taskDefinition");
        if (ref == null || ref.isEmpty()) throw AwsException.invalidParameter("Task Definition can not be blank.");
        TaskDefinitionState td = Resolve.taskDefinition(m, ref);
        ObjectNode out = Json.object();
        out.set("taskDefinition", render(m, td));
        if (Params.includes(request, "TAGS")) out.set("tags", Json.tags(m.tags(td.arn())));
        return out;
    }

    /**
     * ListTaskDefinitions: familyPrefix matches the whole family name; status ACTIVE (default) or INACTIVE; sort
     * ASC lists "lexicographically by family name and in ascending numerical order by revision", DESC reverses it.
     */
    static ObjectNode list(FleetModel m, JsonNode request) {
        String family = Params.string(request, "familyPrefix");
        String status = status(request, "ACTIVE", false);
        String sort = Params.string(request, "sort");
        int max = Params.maxResults(request, 100);
        List<TaskDefinitionState> matches = new ArrayList<>();
        for (TaskDefinitionState td : m.taskDefinitions()) {
            if ((family == null || family.equals(td.family())) && status.equals(td.status())) matches.add(td);
        }
        Comparator<TaskDefinitionState> order = Comparator.comparing(TaskDefinitionState::family)
                .thenComparingInt(TaskDefinitionState::revision);
        matches.sort("DESC".equals(sort) ? order.reversed() : order);
        String filters = "ListTaskDefinitions|" + family + "|" + status + "|" + sort;
        return Pagination.arns("taskDefinitionArns", matches, TaskDefinitionState::arn, filters, request, max);
    }

    /**
     * ListTaskDefinitionFamilies: familyPrefix is a prefix here; status ACTIVE (default: families with an ACTIVE
     * revision), INACTIVE (families whose revisions are all INACTIVE) or ALL.
     */
    static ObjectNode listFamilies(FleetModel m, JsonNode request) {
        String prefix = Params.string(request, "familyPrefix");
        String status = status(request, "ACTIVE", true);
        int max = Params.maxResults(request, 100);
        Set<String> active = new HashSet<>();
        Set<String> all = new TreeSet<>();
        for (TaskDefinitionState td : m.taskDefinitions()) {
            if (prefix != null && !td.family().startsWith(prefix)) continue;
            if ("DELETE_IN_PROGRESS".equals(td.status())) continue;
            all.add(td.family());
            if (td.active()) active.add(td.family());
        }
        List<String> families = new ArrayList<>();
        for (String f : all) {
            if (status.equals("ALL") || status.equals("ACTIVE") == active.contains(f)) families.add(f);
        }
        String filters = "ListTaskDefinitionFamilies|" + prefix + "|" + status;
        Pagination.Page<String> page = Pagination.page(families, f -> f, filters, Params.string(request, "nextToken"), max);
        ObjectNode out = Json.object();
        out.set("families", Json.strings(page.items()));
        Json.putIfSet(out, "nextToken", page.nextToken());
        return out;
    }

    /** DeregisterTaskDefinition: the revision (family:revision or ARN; a revision is required) becomes INACTIVE. */
    static ObjectNode deregister(FleetModel m, JsonNode request) {
        String ref = Params.string(request, "taskDefinition");
        if (ref == null || ref.isEmpty()) throw AwsException.invalidParameter("Task Definition can not be blank.");
        if (!ref.contains(":")) {
            throw AwsException.client("A revision must be specified: family:revision or the task definition's full ARN.");
        }
        TaskDefinitionState td = Resolve.taskDefinition(m, ref);
        ObjectNode out = Json.object();
        out.set("taskDefinition", render(m, m.deregisterTaskDefinition(td)));
        return out;
    }

    /** DeleteTaskDefinitions: up to 10 INACTIVE revisions; an ACTIVE one is a failure, not an error. */
    static ObjectNode delete(FleetModel m, JsonNode request) {
        List<String> refs = Params.strings(request, "taskDefinitions");
        if (refs.isEmpty()) throw AwsException.invalidParameter("taskDefinitions cannot be empty.");
        Params.limit(refs, DELETE_LIMIT, "taskDefinitions");
        ObjectNode out = Json.object();
        ArrayNode deleted = out.putArray("taskDefinitions");
        ArrayNode failures = out.putArray("failures");
        for (String ref : new LinkedHashSet<>(refs)) {
            TaskDefinitionState td;
            try {
                td = Resolve.taskDefinition(m, ref);
            } catch (AwsException e) {
                failures.add(Json.failure(ref, "TASK_DEFINITION_NOT_FOUND", "The specified task definition does not exist."));
                continue;
            }
            if (td.active()) {
                failures.add(Json.failure(td.arn(), "TASK_DEFINITION_ACTIVE",
                        "The specified task definition is still ACTIVE. Deregister it first."));
                continue;
            }
            deleted.add(render(m, m.deleteTaskDefinition(td)));
        }
        return out;
    }

    /** RegisterTaskDefinition: the next revision of the family, validated as ECS validates it ({@link Validation}). */
    static ObjectNode register(FleetModel m, JsonNode request) {
        String family = Params.string(request, "family");
        if (family == null || family.isBlank()) throw AwsException.client("Family cannot be blank.");
        if (!family.matches("[A-Za-z0-9_-]{1,255}")) {
            throw AwsException.client("Family contains invalid characters: up to 255 letters, numbers, hyphens and underscores are allowed.");
        }
        List<ContainerDef> containers = Validation.containers(request);
        List<String> requires = Params.strings(request, "requiresCompatibilities");
        String networkMode = Params.string(request, "networkMode");
        String cpu = Params.string(request, "cpu");
        String memory = Params.string(request, "memory");
        Validation.definition(request, requires, networkMode, cpu, memory, containers);
        Map<String, String> tags = Params.tags(request, "tags");
        ObjectNode document = request.deepCopy();
        for (String member : NOT_ECHOED) document.remove(member);
        TaskDefinitionState td = m.registerTaskDefinition(family, null, cpu, memory,
                networkMode == null ? "bridge" : networkMode, requires, containers, document);
        if (!tags.isEmpty()) {
            try {
                m.tagResource(td.arn(), tags);
            } catch (IllegalArgumentException e) {
                throw AwsException.invalidParameter(e.getMessage());
            }
        }
        ObjectNode out = Json.object();
        out.set("taskDefinition", render(m, td));
        if (!tags.isEmpty()) out.set("tags", Json.tags(m.tags(td.arn())));
        return out;
    }

    /** A {@code TaskDefinition}: the registered document with ECS's own members over it. */
    static ObjectNode render(FleetModel m, TaskDefinitionState td) {
        ObjectNode o = Json.object();
        o.put("taskDefinitionArn", td.arn());
        ArrayNode containers = o.putArray("containerDefinitions");
        JsonNode sent = td.document() == null ? null : td.document().get("containerDefinitions");
        for (int i = 0; i < td.containers().size(); i++) {
            containers.add(container(td, td.containers().get(i), sent == null ? null : sent.get(i)));
        }
        o.put("family", td.family());
        if (td.document() != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = td.document().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("containerDefinitions") && !e.getKey().equals("family")) o.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        o.put("networkMode", td.networkMode());
        o.put("revision", td.revision());
        if (!o.has("volumes")) o.putArray("volumes");
        o.put("status", td.status());
        if (!o.has("placementConstraints")) o.putArray("placementConstraints");
        // "compatibilities": the launch types the definition validated for; a Fargate-valid (awsvpc, every
        // stopTimeout ≤ 120 s) one also runs on EC2, a bridge-mode one on EC2 and EXTERNAL.
        o.set("compatibilities", Json.strings(Validation.fargateValid(td)
                ? List.of("EC2", "FARGATE") : List.of("EXTERNAL", "EC2")));
        o.set("requiresCompatibilities", Json.strings(td.requiresCompatibilities()));
        Json.putIfSet(o, "cpu", td.cpu());
        Json.putIfSet(o, "memory", td.memory());
        Json.time(o, "registeredAt", td.registeredAt());
        Json.time(o, "deregisteredAt", td.deregisteredAt());
        o.put("registeredBy", "arn:aws:iam::" + m.arns().account() + ":root");
        return o;
    }

    /**
     * A container as ECS returns it: what the client sent, with the members ECS fills in when they were left
     * out (portMappings, environment, mountPoints, volumesFrom, systemControls as empty lists; cpu 0; essential
     * true). stopTimeout stays absent when unset (ECS then applies its default).
     */
    private static ObjectNode container(TaskDefinitionState td, ContainerDef c, JsonNode sent) {
        ObjectNode o = Json.object();
        o.put("name", c.name());
        o.put("image", c.image());
        o.put("cpu", c.cpu());
        if (c.memory() > 0) o.put("memory", c.memory());
        if (c.memoryReservation() != null) o.put("memoryReservation", c.memoryReservation());
        o.putArray("portMappings");
        o.put("essential", c.essential());
        o.putArray("environment");
        o.putArray("mountPoints");
        o.putArray("volumesFrom");
        if (c.stopTimeout() != null) o.put("stopTimeout", c.stopTimeout());
        o.putArray("systemControls");
        if (sent != null && sent.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) o.set(e.getKey(), e.getValue().deepCopy());
            }
            fillPortMappings(o, Network.awsvpc(td.networkMode()));
        }
        return o;
    }

    /** ECS completes each port mapping: protocol tcp, and in awsvpc mode hostPort = containerPort. */
    private static void fillPortMappings(ObjectNode container, boolean awsvpc) {
        JsonNode ports = container.get("portMappings");
        if (ports == null || !ports.isArray()) return;
        for (JsonNode p : ports) {
            if (!p.isObject()) continue;
            ObjectNode pm = (ObjectNode) p;
            if (!pm.has("protocol")) pm.put("protocol", "tcp");
            if (awsvpc && !pm.has("hostPort") && pm.has("containerPort")) pm.set("hostPort", pm.get("containerPort"));
        }
    }

    private static String status(JsonNode request, String defaultValue, boolean allowAll) {
        String status = Params.string(request, "status");
        if (status == null) return defaultValue;
        if (status.equals("ACTIVE") || status.equals("INACTIVE") || (allowAll && status.equals("ALL"))) return status;
        throw AwsException.invalidParameter("status must be ACTIVE" + (allowAll ? ", INACTIVE or ALL" : " or INACTIVE")
                + ", was " + status + ".");
    }
}
