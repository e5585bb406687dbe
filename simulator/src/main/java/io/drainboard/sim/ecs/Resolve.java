package io.drainboard.sim.ecs;

import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.model.Arns;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ContainerInstanceState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskDefinitionState;
import io.drainboard.sim.model.TaskState;

/** Finds resources by the names, ids and ARNs ECS accepts. Call under the model lock. */
final class Resolve {
    private Resolve() {
    }

    /**
     * ECS API Reference, every operation's "cluster": "The short name or full Amazon Resource Name (ARN)
     * of the cluster … If you do not specify a cluster, the default cluster is assumed." An ARN names its
     * account and region: the ARN of a same-named cluster elsewhere is not this region's cluster.
     */
    static ClusterState cluster(FleetModel m, String nameOrArn) {
        return m.cluster(nameOrArn).filter(c -> nameOrArn == null || !nameOrArn.startsWith("arn:") || c.arn().equals(nameOrArn))
                .orElseThrow(() -> new AwsException("ClusterNotFoundException", "Cluster not found."));
    }

    /** A service by name or ARN (long or old short format), or null. */
    static ServiceState service(ClusterState c, String nameOrArn) {
        return c.services().get(Arns.lastSegment(nameOrArn));
    }

    static String serviceArn(FleetModel m, ClusterState c, String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn : m.arns().service(c.name(), nameOrArn);
    }

    /** A task of this cluster by id or ARN, or null (a task of another cluster is MISSING here too). */
    static TaskState task(FleetModel m, ClusterState c, String idOrArn) {
        TaskState t = idOrArn.startsWith("arn:") ? c.tasks().get(idOrArn) : null; // the usual case, no string building
        return t != null ? t : c.tasks().get(m.arns().task(c.name(), Arns.lastSegment(idOrArn)));
    }

    static String taskArn(FleetModel m, ClusterState c, String idOrArn) {
        return idOrArn.startsWith("arn:") ? idOrArn : m.arns().task(c.name(), idOrArn);
    }

    static ContainerInstanceState containerInstance(FleetModel m, ClusterState c, String idOrArn) {
        return c.instances().get(m.arns().containerInstance(c.name(), Arns.lastSegment(idOrArn)));
    }

    static String containerInstanceArn(FleetModel m, ClusterState c, String idOrArn) {
        return idOrArn.startsWith("arn:") ? idOrArn : m.arns().containerInstance(c.name(), idOrArn);
    }

    /**
     * ECS API Reference "DescribeTaskDefinition", taskDefinition: "The family for the latest ACTIVE
     * revision, family and revision (family:revision) for a specific revision in the family, or full
     * Amazon Resource Name (ARN) of the task definition". Unknown → ClientException.
     */
    static TaskDefinitionState taskDefinition(FleetModel m, String ref) {
        int marker = ref.indexOf("task-definition/");
        if (ref.startsWith("arn:") && marker < 0) throw AwsException.client("Unable to describe task definition.");
        String s = ref.startsWith("arn:") ? ref.substring(marker + 16) : ref;
        int colon = s.lastIndexOf(':');
        TaskDefinitionState found = null;
        if (colon > 0) {
            try {
                int revision = Integer.parseInt(s.substring(colon + 1));
                found = m.taskDefinition(m.arns().taskDefinition(s.substring(0, colon), revision)).orElse(null);
            } catch (NumberFormatException e) {
                found = null;
            }
        } else { // a family alone means its latest ACTIVE revision
            for (TaskDefinitionState td : m.taskDefinitions()) {
                if (td.family().equals(s) && td.active() && (found == null || td.revision() > found.revision())) found = td;
            }
        }
        if (found == null || "DELETE_IN_PROGRESS".equals(found.status())) {
            throw AwsException.client("Unable to describe task definition.");
        }
        return found;
    }

    /** The family part of a task definition ARN ("…:task-definition/family:3" → "family"). */
    static String family(String taskDefinitionArn) {
        int start = taskDefinitionArn.indexOf("task-definition/") + 16;
        return taskDefinitionArn.substring(start, taskDefinitionArn.lastIndexOf(':'));
    }
}
