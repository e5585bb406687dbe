package io.drainboard.fleet;

import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkInterface;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Maps ECS's task shape to the console's {@link TaskSnapshot}. */
final class TaskMapper {
    private TaskMapper() {
    }

    static TaskSnapshot task(Task t, String cluster, String service, StopTimeout stopTimeout, Protection protection,
                             TaskCalls calls, Optional<KillClock> kill, Instant describedAt) {
        String arn = t.taskArn();
        String tdArn = t.taskDefinitionArn();
        String familyRev = tdArn.substring(tdArn.lastIndexOf('/') + 1);
        int colon = familyRev.lastIndexOf(':');
        String family = colon < 0 ? familyRev : familyRev.substring(0, colon);
        int revision = colon < 0 ? 0 : Integer.parseInt(familyRev.substring(colon + 1));
        List<ContainerSnapshot> containers = new ArrayList<>();
        for (Container c : t.containers()) {
            containers.add(new ContainerSnapshot(c.name(), c.image(), c.lastStatus(), Optional.ofNullable(c.exitCode()),
                    Optional.ofNullable(c.reason()), c.healthStatusAsString()));
        }
        return new TaskSnapshot(arn, arn.substring(arn.lastIndexOf('/') + 1), cluster, service, tdArn, family, revision,
                launchType(t), t.availabilityZone(), t.lastStatus(), t.desiredStatus(),
                t.healthStatusAsString(), Optional.ofNullable(t.startedAt()), Optional.ofNullable(t.stoppingAt()),
                protection, calls, stopTimeout, containers, privateIp(t), Optional.ofNullable(t.startedBy()),
                Optional.ofNullable(t.stoppedAt()), Optional.ofNullable(t.stopCodeAsString()),
                Optional.ofNullable(t.stoppedReason()), kill, describedAt, tags(t.tags()));
    }

    /** Launch type, also for tasks placed by a capacity provider strategy (launchType may be absent then). */
    static String launchType(Task t) {
        if (t.launchType() != null) return t.launchTypeAsString();
        String cp = t.capacityProviderName();
        return cp != null && cp.startsWith("FARGATE") ? "FARGATE" : "EC2";
    }

    /** The effective stopTimeout from the task definition; an unreadable one is said to be a guess. */
    static StopTimeout stopTimeout(String launchType, TaskDefinition td) {
        if (td == null) {
            StopTimeout guess = StopTimeouts.effective(launchType, List.of());
            return new StopTimeout(guess.seconds(), "task definition not readable; assuming the ECS default "
                    + guess.seconds() + " s");
        }
        List<Integer> values = new ArrayList<>();
        for (ContainerDefinition c : td.containerDefinitions()) values.add(c.stopTimeout());
        return StopTimeouts.effective(launchType, values);
    }

    /** The task's ENI address (awsvpc: Fargate and awsvpc EC2 tasks); bridge-mode tasks have none of their own. */
    static Optional<String> privateIp(Task t) {
        for (Container c : t.containers()) {
            for (NetworkInterface n : c.networkInterfaces()) {
                if (n.privateIpv4Address() != null) return Optional.of(n.privateIpv4Address());
            }
        }
        for (Attachment a : t.attachments()) {
            for (KeyValuePair kv : a.details()) {
                if ("privateIPv4Address".equals(kv.name()) && kv.value() != null) return Optional.of(kv.value());
            }
        }
        return Optional.empty();
    }

    static Protection protection(ProtectedTask p) {
        if (p == null || !Boolean.TRUE.equals(p.protectionEnabled())) return Protection.OFF;
        return p.expirationDate() == null ? new Protection(Protection.State.ON, Optional.empty())
                : Protection.until(p.expirationDate());
    }

    /** The service a task belongs to, from its group ("service:NAME"); empty for a standalone task. */
    static Optional<String> serviceOf(Task t) {
        return t.group() != null && t.group().startsWith("service:") ? Optional.of(t.group().substring(8)) : Optional.empty();
    }

    /** Resource tags as DescribeTasks / DescribeServices return them with include=TAGS. */
    static java.util.Map<String, String> tags(List<software.amazon.awssdk.services.ecs.model.Tag> tags) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (software.amazon.awssdk.services.ecs.model.Tag t : tags) if (t.key() != null) out.put(t.key(), t.value() == null ? "" : t.value());
        return out;
    }
}
