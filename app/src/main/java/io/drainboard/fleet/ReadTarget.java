package io.drainboard.fleet;

import io.drainboard.aws.EcsReads;
import io.drainboard.calls.CallSource;

import java.util.List;
import java.util.Set;

/**
 * What one profile contributes to a read: its regions (each with its ECS reads and cluster filter) and
 * its call source, which counts calls on the tasks of all its regions.
 */
public record ReadTarget(String profile, List<Region> regions, CallSource calls) {
    public ReadTarget {
        regions = List.copyOf(regions);
    }

    /**
     * One region of a profile (of one of its accounts); an empty {@code clusters} means every cluster ListClusters
     * returns.
     *
     * @param account   the account's name in the profile (its clusters are labelled with it); empty in a profile
     *                  of one account
     * @param accountId the account the profile says these credentials reach: a cluster ARN of another account fails
     *                  the region's read (the wrong AWS profile must never pass for this account, whose read-only
     *                  switch and actions go by the id); empty when not known
     */
    public record Region(String region, EcsReads ecs, Set<String> clusters, String account, java.util.Optional<String> accountId) {
        public Region {
            clusters = Set.copyOf(clusters);
        }

        public Region(String region, EcsReads ecs, Set<String> clusters) {
            this(region, ecs, clusters, "", java.util.Optional.empty());
        }
    }
}
