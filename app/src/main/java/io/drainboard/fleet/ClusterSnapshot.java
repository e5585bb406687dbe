package io.drainboard.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A cluster and its services. {@code error} says why it could not be read this time; its services are
 * then the last ones read (at {@code readAt}), or empty if it was never read.
 *
 * @param profile the profile it was read through
 * @param region  its AWS region
 * @param readAt  when the services and tasks below were read
 * @param instances its EC2 container instances (empty for a cluster that runs no EC2 tasks)
 * @param account   the name of its account in a profile of several accounts (prod, staging); empty otherwise
 */
public record ClusterSnapshot(String name, String arn, List<ServiceSnapshot> services, Optional<String> error,
                              String profile, String region, Instant readAt, List<InstanceSnapshot> instances,
                              String account) {
    public ClusterSnapshot {
        services = List.copyOf(services);
        instances = List.copyOf(instances);
    }

    public ClusterSnapshot(String name, String arn, List<ServiceSnapshot> services, Optional<String> error,
                           String profile, String region, Instant readAt, List<InstanceSnapshot> instances) {
        this(name, arn, services, error, profile, region, readAt, instances, "");
    }

    /** Where it runs, as the tree labels it: "prod · us-east-1", or just the region in a profile of one account. */
    public String where() {
        return account.isEmpty() ? region : account + " · " + region;
    }

    /** The same cluster labelled with its account's name. */
    public ClusterSnapshot inAccount(String accountName) {
        return accountName.equals(account) ? this
                : new ClusterSnapshot(name, arn, services, error, profile, region, readAt, instances, accountName);
    }

    public ClusterSnapshot(String name, String arn, List<ServiceSnapshot> services, Optional<String> error,
                           String profile, String region, Instant readAt) {
        this(name, arn, services, error, profile, region, readAt, List.of());
    }

    public ClusterSnapshot(String name, String arn, List<ServiceSnapshot> services, Optional<String> error) {
        this(name, arn, services, error, "", "", Instant.EPOCH);
    }

    public int taskCount() {
        return services.stream().mapToInt(s -> s.tasks().size()).sum();
    }

    public Optional<InstanceSnapshot> instance(String arnOrEc2Id) {
        return instances.stream().filter(i -> i.arn().equals(arnOrEc2Id) || i.ec2InstanceId().equals(arnOrEc2Id))
                .findFirst();
    }
}
