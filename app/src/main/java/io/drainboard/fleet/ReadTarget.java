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

    /** One region of a profile; an empty {@code clusters} means every cluster ListClusters returns. */
    public record Region(String region, EcsReads ecs, Set<String> clusters) {
        public Region {
            clusters = Set.copyOf(clusters);
        }
    }
}
