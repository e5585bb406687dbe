package io.drainboard.history;

import io.drainboard.stops.ExitCodes;

import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A task as DescribeTasks shows it after the fact, with the fields backfill needs (ECS API Reference "Task":
 * executionStoppedAt is "the time when the task execution stopped", i.e. when SIGKILL ended a container that
 * exited 137).
 */
record PastTask(String arn, String id, String clusterArn, String clusterName, String service, String revision,
                String launchType, String availabilityZone, Optional<String> startedBy, Optional<Instant> startedAt,
                Optional<Instant> stoppingAt, Optional<Instant> executionStoppedAt, Optional<Instant> stoppedAt,
                Optional<String> stopCode, Optional<String> stoppedReason, Optional<Integer> exitCode,
                String lastStatus) {

    /** Empty for a standalone task (no "service:" group): history is kept per service. */
    static Optional<PastTask> of(Task t, String clusterName) {
        if (t.group() == null || !t.group().startsWith("service:")) return Optional.empty();
        String arn = t.taskArn();
        String td = t.taskDefinitionArn();
        List<Integer> exits = new ArrayList<>();
        for (Container c : t.containers()) if (c.exitCode() != null) exits.add(c.exitCode());
        String launch = t.launchType() != null ? t.launchTypeAsString()
                : t.capacityProviderName() != null && t.capacityProviderName().startsWith("FARGATE") ? "FARGATE" : "EC2";
        return Optional.of(new PastTask(arn, arn.substring(arn.lastIndexOf('/') + 1), t.clusterArn(), clusterName,
                t.group().substring(8), td.substring(td.lastIndexOf('/') + 1), launch, t.availabilityZone(),
                Optional.ofNullable(t.startedBy()), Optional.ofNullable(t.startedAt()), Optional.ofNullable(t.stoppingAt()),
                Optional.ofNullable(t.executionStoppedAt()), Optional.ofNullable(t.stoppedAt()),
                Optional.ofNullable(t.stopCodeAsString()), Optional.ofNullable(t.stoppedReason()), ExitCodes.pick(exits),
                t.lastStatus()));
    }

    boolean stopped() {
        return "STOPPED".equals(lastStatus);
    }

    /** When its worker died: executionStoppedAt, else when it stopped. */
    Optional<Instant> killAt() {
        return executionStoppedAt.or(() -> stoppedAt);
    }
}
