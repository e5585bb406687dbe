package io.drainboard.fleet;

import io.drainboard.aws.Regional;
import io.drainboard.aws.RequestCounts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the console knows about a fleet at one instant. Immutable: readers build a new one per
 * refresh and the engine, history and view models all read the same picture.
 *
 * @param calls    how the call source answered, as a whole; each task carries its own calls
 * @param errors   problems that kept part of the fleet from being read, in the operator's words
 * @param diff     what changed since the reader's previous snapshot (everything is "added" in the first)
 * @param requests what this refresh cost: requests per operation, throttling, retries, backoff
 * @param warnings the data is complete but came hard or partly old (throttling, stale call counts)
 * @param progress {@link ReadProgress#COMPLETE}, or how far the read had got when this partial snapshot was taken
 */
public record FleetSnapshot(long sequence, String profile, String region, Instant takenAt, Duration readTime,
                            List<ClusterSnapshot> clusters, CallsStatus calls, List<String> errors,
                            FleetDiff diff, RequestCounts requests, List<String> warnings, ReadProgress progress) {
    public FleetSnapshot {
        clusters = List.copyOf(clusters);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        java.util.Objects.requireNonNull(progress, "progress");
    }

    /** A complete snapshot. */
    public FleetSnapshot(long sequence, String profile, String region, Instant takenAt, Duration readTime,
                         List<ClusterSnapshot> clusters, CallsStatus calls, List<String> errors,
                         FleetDiff diff, RequestCounts requests, List<String> warnings) {
        this(sequence, profile, region, takenAt, readTime, clusters, calls, errors, diff, requests, warnings,
                ReadProgress.COMPLETE);
    }

    /**
     * Only the clusters read so far, handed out while a first read goes on so the window is not blank: never to be
     * acted on (a task not in it may be running), and never the refresher's latest.
     */
    public boolean partial() {
        return !progress.complete();
    }

    /** The original shape, for callers that build snapshots by hand: the diff says everything was added. */
    public FleetSnapshot(long sequence, String profile, String region, Instant takenAt, Duration readTime,
                         List<ClusterSnapshot> clusters, CallsStatus calls, List<String> errors) {
        this(sequence, profile, region, takenAt, readTime, clusters, calls, errors,
                FleetDiff.between(0, List.of(), sequence, clusters), RequestCounts.NONE, List.of());
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

    /**
     * The service of these names in the account and region of {@code arnThere} (the service's, or one of its
     * tasks'): a multi-region fleet runs the same cluster and service names in several regions. A name that is
     * not an ARN matches by names alone.
     */
    public Optional<ServiceSnapshot> service(String clusterName, String serviceName, String arnThere) {
        Optional<Regional.Place> place = Regional.Place.of(arnThere);
        if (place.isEmpty()) return service(clusterName, serviceName);
        return services().filter(s -> s.clusterName().equals(clusterName) && s.name().equals(serviceName)
                && Regional.Place.of(s.arn()).map(place.get()::equals).orElse(true)).findFirst();
    }

    public Optional<TaskSnapshot> task(String arn) {
        return tasks().filter(t -> t.arn().equals(arn)).findFirst();
    }

    public boolean healthy() {
        return errors.isEmpty() && calls.ok();
    }

    /** Something is missing, failing, stale or came only after throttling: the status line should say so. */
    public boolean degraded() {
        return !healthy() || !warnings.isEmpty();
    }
}
