package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.model.Arns;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;

import java.util.Objects;

/**
 * ListTasks filters (ECS API Reference "ListTasks"): serviceName, desiredStatus (default RUNNING;
 * PENDING "doesn't return any results" since ECS never sets it as a desired status), launchType,
 * family, startedBy, containerInstance (id or ARN), daemonName. All given filters must match.
 */
record TaskFilter(ServiceState service, String desiredStatus, String launchType, String family, String startedBy,
                  String containerInstanceId, String daemonName) {

    static TaskFilter of(ClusterState cluster, JsonNode request) {
        ServiceState service = null;
        String serviceName = Params.string(request, "serviceName");
        if (serviceName != null) {
            service = Resolve.service(cluster, serviceName);
            if (service == null) throw new AwsException("ServiceNotFoundException", "Service not found.");
        }
        String ci = Params.string(request, "containerInstance");
        String desired = Objects.requireNonNullElse(Params.string(request, "desiredStatus"), "RUNNING");
        if (!desired.equals("RUNNING") && !desired.equals("PENDING") && !desired.equals("STOPPED")) {
            // DesiredStatus is an enum of these three (API Reference "ListTasks").
            throw AwsException.invalidParameter("desiredStatus must be one of RUNNING, PENDING or STOPPED, was " + desired + ".");
        }
        return new TaskFilter(service, desired,
                Params.string(request, "launchType"), Params.string(request, "family"),
                Params.string(request, "startedBy"), ci == null ? null : Arns.lastSegment(ci),
                Params.string(request, "daemonName"));
    }

    boolean test(TaskState t) {
        return test(t, t.desiredStatus());
    }

    /** The same, with the desired status a read sees (it may lag a StopTask, see {@link Consistency}). */
    boolean test(TaskState t, String seenDesiredStatus) {
        if (service != null && t.service() != service) return false;
        if (!desiredStatus.equals(seenDesiredStatus)) return false;
        if (launchType != null && !launchType.equals(t.launchType())) return false;
        if (startedBy != null && !startedBy.equals(t.startedBy())) return false;
        if (daemonName != null) return false; // the model runs no daemons
        if (containerInstanceId != null && (t.containerInstance() == null
                || !Arns.lastSegment(t.containerInstance().arn()).equals(containerInstanceId))) return false;
        return family == null || family.equals(Resolve.family(t.taskDefinitionArn()));
    }

    /** The filters as one string: a nextToken is only valid with the same filters. */
    String key(ClusterState cluster) {
        return "ListTasks|" + cluster.arn() + "|" + (service == null ? "" : service.arn()) + "|" + desiredStatus
                + "|" + launchType + "|" + family + "|" + startedBy + "|" + containerInstanceId + "|" + daemonName;
    }
}
