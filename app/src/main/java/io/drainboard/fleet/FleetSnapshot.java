package io.drainboard.fleet;

import io.drainboard.calls.CallsReading;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the console knows about a fleet at one instant. Immutable: readers build a new one per
 * refresh and the engine, history and view models all read the same picture.
 *
 * @param errors problems that kept part of the fleet from being read, in the operator's words
 */
public record FleetSnapshot(long sequence, String profile, String region, Instant takenAt, Duration readTime,
                            List<ClusterSnapshot> clusters, CallsReading calls, List<String> errors) {
    public FleetSnapshot {
        clusters = List.copyOf(clusters);
        errors = List.copyOf(errors);
    }

    public Stream<ServiceSnapshot> services() {
        return clusters.stream().flatMap(c -> c.services().stream());
    }

    public Stream<TaskSnapshot> tasks() {
        return services().flatMap(s -> s.tasks().stream());
    }

    public Optional<ServiceSnapshot> service(String clusterName, String serviceName) {
        return services().filter(s -> s.clusterName().equals(clusterName) && s.name().equals(serviceName)).findFirst();
    }

    public Optional<TaskSnapshot> task(String arn) {
        return tasks().filter(t -> t.arn().equals(arn)).findFirst();
    }

    public boolean healthy() {
        return errors.isEmpty() && calls.ok();
    }
}
