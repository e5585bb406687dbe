package io.drainboard.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task with the clocks and counts that decide whether its calls survive.
 *
 * @param kill        for a task ECS is stopping, when SIGKILL comes; empty otherwise
 * @param describedAt when its ECS data was read (a settled task may be re-read less often than each
 *                    refresh, see docs/architecture.md "fleet")
 */
public record TaskSnapshot(String arn, String id, String clusterName, String serviceName, String taskDefinitionArn,
                           String family, int revision, String launchType, String availabilityZone,
                           String lastStatus, String desiredStatus, String healthStatus,
                           Optional<Instant> startedAt, Optional<Instant> stoppingAt, Protection protection,
                           TaskCalls calls, StopTimeout stopTimeout,
                           List<ContainerSnapshot> containers, Optional<String> privateIp, Optional<String> startedBy,
                           Optional<Instant> stoppedAt, Optional<String> stopCode, Optional<String> stoppedReason,
                           Optional<KillClock> kill, Instant describedAt, java.util.Map<String, String> tags) {

    public TaskSnapshot {
        containers = List.copyOf(containers);
        tags = java.util.Map.copyOf(tags);
    }

    /** Without tags (DescribeTasks include=TAGS), for callers that build tasks by hand. */
    public TaskSnapshot(String arn, String id, String clusterName, String serviceName, String taskDefinitionArn,
                        String family, int revision, String launchType, String availabilityZone,
                        String lastStatus, String desiredStatus, String healthStatus,
                        Optional<Instant> startedAt, Optional<Instant> stoppingAt, Protection protection,
                        TaskCalls calls, StopTimeout stopTimeout,
                        List<ContainerSnapshot> containers, Optional<String> privateIp, Optional<String> startedBy,
                        Optional<Instant> stoppedAt, Optional<String> stopCode, Optional<String> stoppedReason,
                        Optional<KillClock> kill, Instant describedAt) {
        this(arn, id, clusterName, serviceName, taskDefinitionArn, family, revision, launchType, availabilityZone,
                lastStatus, desiredStatus, healthStatus, startedAt, stoppingAt, protection, calls, stopTimeout, containers,
                privateIp, startedBy, stoppedAt, stopCode, stoppedReason, kill, describedAt, java.util.Map.of());
    }

    /** The original shape, for callers that build tasks by hand (tests, view models). */
    public TaskSnapshot(String arn, String id, String clusterName, String serviceName, String taskDefinitionArn,
                        String family, int revision, String launchType, String availabilityZone, String lastStatus,
                        String desiredStatus, String healthStatus, Optional<Instant> startedAt,
                        Optional<Instant> stoppingAt, Protection protection, TaskCalls calls, StopTimeout stopTimeout) {
        this(arn, id, clusterName, serviceName, taskDefinitionArn, family, revision, launchType, availabilityZone,
                lastStatus, desiredStatus, healthStatus, startedAt, stoppingAt, protection, calls, stopTimeout,
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), calls.observedAt());
    }

    /** "support-agent:41" — what operators call a revision. */
    public String revisionLabel() {
        return family + ":" + revision;
    }

    /** ECS has decided to stop it (desired STOPPED) but it has not stopped yet. */
    public boolean stopping() {
        return "STOPPED".equals(desiredStatus) && !"STOPPED".equals(lastStatus);
    }

    /**
     * Equal apart from when things were read: what a snapshot diff compares, for every task at every refresh, so it
     * allocates nothing and compares each component in place (a task the reader did not re-describe shares its
     * components with the last snapshot's, so most comparisons end on identity). Every component but {@code calls}
     * (compared by answer) and {@code describedAt} counts; TaskSnapshotTest checks each one.
     */
    public boolean sameStateAs(TaskSnapshot o) {
        if (this == o) return true;
        return revision == o.revision && calls.sameAnswer(o.calls) && Objects.equals(arn, o.arn)
                && Objects.equals(lastStatus, o.lastStatus) && Objects.equals(desiredStatus, o.desiredStatus)
                && Objects.equals(healthStatus, o.healthStatus) && Objects.equals(protection, o.protection)
                && Objects.equals(kill, o.kill) && Objects.equals(stoppingAt, o.stoppingAt)
                && Objects.equals(stoppedAt, o.stoppedAt) && Objects.equals(containers, o.containers)
                && Objects.equals(tags, o.tags) && Objects.equals(id, o.id) && Objects.equals(clusterName, o.clusterName)
                && Objects.equals(serviceName, o.serviceName) && Objects.equals(taskDefinitionArn, o.taskDefinitionArn)
                && Objects.equals(family, o.family) && Objects.equals(launchType, o.launchType)
                && Objects.equals(availabilityZone, o.availabilityZone) && Objects.equals(startedAt, o.startedAt)
                && Objects.equals(stopTimeout, o.stopTimeout) && Objects.equals(privateIp, o.privateIp)
                && Objects.equals(startedBy, o.startedBy) && Objects.equals(stopCode, o.stopCode)
                && Objects.equals(stoppedReason, o.stoppedReason);
    }

    /** This task with another calls reading (the reader's steady state: ECS data unchanged, calls read anew). */
    TaskSnapshot withCalls(TaskCalls c) {
        return new TaskSnapshot(arn, id, clusterName, serviceName, taskDefinitionArn, family, revision, launchType,
                availabilityZone, lastStatus, desiredStatus, healthStatus, startedAt, stoppingAt, protection, c,
                stopTimeout, containers, privateIp, startedBy, stoppedAt, stopCode, stoppedReason, kill, describedAt, tags);
    }
}
