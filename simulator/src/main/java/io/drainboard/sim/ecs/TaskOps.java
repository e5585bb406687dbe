package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.TaskState;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** ListTasks, DescribeTasks and StopTask. Call under the model lock. */
final class TaskOps {
    /** ECS API Reference "DescribeTasks": "tasks … Up to 100 tasks can be specified". */
    static final int DESCRIBE_LIMIT = 100;

    private TaskOps() {
    }

    static ObjectNode list(FleetModel m, Consistency consistency, JsonNode request) {
        ClusterState cluster = Resolve.cluster(m, Params.string(request, "cluster"));
        TaskFilter filter = TaskFilter.of(cluster, request);
        int max = Params.maxResults(request, 100); // ListTasks: "returns up to 100 results" by default
        List<TaskState> matches = new ArrayList<>();
        // One pass in launch order (stable across pages); with serviceName only over that service's tasks.
        Iterable<TaskState> scope = filter.service() != null ? filter.service().taskView() : cluster.tasks().values();
        for (TaskState t : scope) {
            if (consistency.lagging(m, Consistency.created(t.arn()))) continue;
            Consistency.TaskView before = consistency.before(m, Consistency.task(t.arn()));
            if (filter.test(t, before != null ? before.desiredStatus() : t.desiredStatus())) matches.add(t);
        }
        return Pagination.arns("taskArns", matches, TaskState::arn, filter.key(cluster), request, max);
    }

    /**
     * StopTask: "the equivalent of docker stop is issued to the containers running in the task. This
     * results in a SIGTERM value and a default 30-second timeout, after which the SIGKILL value is sent";
     * reason: "Up to 255 characters are allowed in this message." Returns the task as it is now.
     */
    static ObjectNode stop(FleetModel m, TaskJsonCache cache, Consistency consistency, JsonNode request) {
        ClusterState cluster = Resolve.cluster(m, Params.string(request, "cluster"));
        String ref = Params.required(request, "task", "Task cannot be empty.");
        TaskState t = Resolve.task(m, cluster, ref);
        if (t == null) throw AwsException.invalidParameter("The referenced task was not found.");
        String reason = Params.string(request, "reason");
        if (reason != null && reason.length() > 255) reason = reason.substring(0, 255);
        if (!t.desiredStatus().equals("STOPPED")) {
            consistency.wrote(m, Consistency.task(t.arn()), new Consistency.TaskView(cache.task(m, t), t.desiredStatus()));
        }
        m.stopTask(t, reason);
        ObjectNode out = Json.object();
        out.set("task", new TaskRenderer(m).render(t, false));
        return out;
    }

    static ObjectNode describe(FleetModel m, TaskJsonCache cache, Consistency consistency, JsonNode request) {
        ClusterState cluster = Resolve.cluster(m, Params.string(request, "cluster"));
        List<String> refs = Params.strings(request, "tasks");
        if (refs.isEmpty()) throw AwsException.invalidParameter("Tasks cannot be empty.");
        Params.limit(refs, DESCRIBE_LIMIT, "taskIds");
        boolean tags = Params.includes(request, "TAGS");
        TaskRenderer renderer = tags ? new TaskRenderer(m) : null;
        ObjectNode out = Json.object();
        ArrayNode tasks = out.putArray("tasks");
        ArrayNode failures = out.putArray("failures");
        for (String ref : new LinkedHashSet<>(refs)) {
            TaskState t = Resolve.task(m, cluster, ref);
            if (t != null && consistency.lagging(m, Consistency.created(t.arn()))) t = null;
            Consistency.TaskView before = t == null ? null : consistency.before(m, Consistency.task(t.arn()));
            if (before != null) tasks.add(before.json());
            else if (t != null) tasks.add(tags ? renderer.render(t, true) : cache.task(m, t));
            else failures.add(Json.missing(Resolve.taskArn(m, cluster, ref)));
        }
        return out;
    }
}
