package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.ProtectionResult;
import io.drainboard.sim.model.TaskState;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * UpdateTaskProtection ("tasks: A list of up to 10 task IDs or full ARN entries"; expiresInMinutes
 * "from 1 minute to up to 2,880 minutes") and GetTaskProtection ("up to 100 task IDs"). Unknown tasks
 * are MISSING failures, as in every ECS batch call. Call under the model lock.
 */
final class ProtectionOps {
    static final int UPDATE_LIMIT = 10;
    static final int GET_LIMIT = 100;

    private ProtectionOps() {
    }

    static ObjectNode update(FleetModel m, Consistency consistency, JsonNode request) {
        ClusterState cluster = Resolve.cluster(m, Params.string(request, "cluster"));
        List<String> refs = Params.strings(request, "tasks");
        if (refs.isEmpty()) throw AwsException.invalidParameter("Tasks cannot be empty.");
        Params.limit(refs, UPDATE_LIMIT, "tasks");
        Boolean enabled = Params.bool(request, "protectionEnabled");
        if (enabled == null) throw AwsException.invalidParameter("protectionEnabled must be specified.");
        Integer minutes = Params.integer(request, "expiresInMinutes");
        // The wording is this simulator's: the API Reference gives the range, not the error text.
        if (enabled && minutes != null && (minutes < 1 || minutes > 2880)) {
            throw AwsException.invalidParameter("expiresInMinutes must be between 1 and 2880 minutes, was " + minutes + ".");
        }
        ObjectNode out = Json.object();
        ArrayNode failures = Json.array();
        List<TaskState> found = new ArrayList<>();
        for (String ref : new LinkedHashSet<>(refs)) {
            TaskState t = Resolve.task(m, cluster, ref);
            if (t == null) failures.add(Json.missing(Resolve.taskArn(m, cluster, ref)));
            else found.add(t);
        }
        ArrayNode protectedTasks = out.putArray("protectedTasks");
        java.util.Map<String, ProtectionResult> before = new java.util.HashMap<>();
        for (TaskState t : found) before.put(t.arn(), m.taskProtection(t));
        for (ProtectionResult r : m.updateTaskProtection(found, enabled, minutes)) {
            if (!r.failed()) consistency.wrote(m, Consistency.protection(r.taskArn()), before.get(r.taskArn()));
            add(r, protectedTasks, failures);
        }
        out.set("failures", failures);
        return out;
    }

    static ObjectNode get(FleetModel m, Consistency consistency, JsonNode request) {
        ClusterState cluster = Resolve.cluster(m, Params.string(request, "cluster"));
        List<String> refs = Params.strings(request, "tasks");
        Params.limit(refs, GET_LIMIT, "tasks");
        ObjectNode out = Json.object();
        ArrayNode protectedTasks = out.putArray("protectedTasks");
        ArrayNode failures = out.putArray("failures");
        for (String ref : new LinkedHashSet<>(refs)) {
            TaskState t = Resolve.task(m, cluster, ref);
            if (t == null) failures.add(Json.missing(Resolve.taskArn(m, cluster, ref)));
            else {
                ProtectionResult before = consistency.before(m, Consistency.protection(t.arn()));
                add(before != null ? before : m.taskProtection(t), protectedTasks, failures);
            }
        }
        return out;
    }

    private static void add(ProtectionResult r, ArrayNode protectedTasks, ArrayNode failures) {
        if (r.failed()) {
            failures.add(Json.failure(r.taskArn(), r.failureReason(), r.failureDetail()));
            return;
        }
        ObjectNode p = protectedTasks.addObject();
        p.put("taskArn", r.taskArn());
        p.put("protectionEnabled", r.protectionEnabled());
        Json.time(p, "expirationDate", r.expirationDate());
    }
}
