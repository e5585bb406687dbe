package io.drainboard.fleet;

import java.util.List;
import java.util.Optional;

/** A cluster and its services; {@code error} says why it could not be read (its services are then empty). */
public record ClusterSnapshot(String name, String arn, List<ServiceSnapshot> services, Optional<String> error) {
    public ClusterSnapshot {
        services = List.copyOf(services);
    }

    public int taskCount() {
        return services.stream().mapToInt(s -> s.tasks().size()).sum();
    }
}
