package io.drainboard.fleet;

import java.util.List;
import java.util.function.Predicate;

/**
 * A snapshot narrowed to the services a profile names in {@code serviceFilter} (docs/profiles.md): what the window
 * shows. The fleet is still read whole, so a task of a hidden service that shares an EC2 instance still counts on
 * that instance, and an instance drain still protects its calls; the engines refuse every action on a hidden
 * service by name ({@code Profile.showsService}).
 */
public final class ShownServices {
    private ShownServices() {
    }

    /** The same snapshot (itself, when every service is shown) without the services {@code shows} rejects. */
    public static FleetSnapshot of(FleetSnapshot s, Predicate<String> shows) {
        if (s.services().allMatch(svc -> shows.test(svc.name()))) return s;
        List<ClusterSnapshot> clusters = s.clusters().stream().map(c -> new ClusterSnapshot(c.name(), c.arn(),
                c.services().stream().filter(svc -> shows.test(svc.name())).toList(), c.error(), c.profile(), c.region(),
                c.readAt(), c.instances(), c.account())).toList();
        FleetDiff d = s.diff();
        // Removed tasks and services are named by ARN only: a view drops what it does not have.
        FleetDiff shown = new FleetDiff(d.fromSequence(), d.toSequence(),
                d.addedTasks().stream().filter(t -> shows.test(t.serviceName())).toList(), d.removedTasks(),
                d.changedTasks().stream().filter(t -> shows.test(t.serviceName())).toList(),
                d.addedServices().stream().filter(svc -> shows.test(svc.name())).toList(), d.removedServices(),
                d.changedServices().stream().filter(svc -> shows.test(svc.name())).toList());
        return new FleetSnapshot(s.sequence(), s.profile(), s.region(), s.takenAt(), s.readTime(), clusters, s.calls(),
                s.errors(), shown, s.requests(), s.warnings());
    }
}
