package io.drainboard.fleet;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one cluster's reader remembers between refreshes: each listed task as last described, and when
 * a stopping task was first seen in STOPPING (SIGTERM was sent no later than that), and how many tasks the
 * last listing found per service (which decides how the next one lists, {@link ListingPlan}). Forgets a task
 * as soon as ECS no longer lists it.
 */
final class TaskMemory {
    /** The tasks desired RUNNING that the last refresh listed: in all, and per service name. */
    record Listing(int total, Map<String, Integer> perService) {
        Listing {
            perService = Map.copyOf(perService);
        }

        static Listing of(List<KnownTask> running) {
            Map<String, Integer> per = new HashMap<>();
            for (KnownTask k : running) TaskMapper.serviceOf(k.task()).ifPresent(s -> per.merge(s, 1, Integer::sum));
            return new Listing(running.size(), per);
        }
    }

    private volatile Listing lastListing;

    private final Map<String, KnownTask> tasks = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeenStopping = new ConcurrentHashMap<>();
    /** Each task's snapshot as last built, with the description it was built from: see {@link #lastBuilt}. */
    private final Map<String, Built> built = new ConcurrentHashMap<>();

    private record Built(KnownTask from, TaskSnapshot snapshot) {
    }

    /** Every task as last described. */
    java.util.Collection<KnownTask> known() {
        return tasks.values();
    }

    KnownTask get(String arn) {
        return tasks.get(arn);
    }

    void described(KnownTask k) {
        tasks.put(k.task().taskArn(), k);
        if ("STOPPING".equals(k.task().lastStatus())) firstSeenStopping.putIfAbsent(k.task().taskArn(), k.describedAt());
    }

    /**
     * The snapshot last built from this very description (the same {@link KnownTask}, not re-described since), or
     * null: a settled task is rebuilt from its ECS data only when that data changed, and shares every component with
     * the last snapshot's, which keeps a steady refresh's snapshot cheap to build and to diff.
     */
    TaskSnapshot lastBuilt(KnownTask k) {
        Built b = built.get(k.task().taskArn());
        return b != null && b.from == k ? b.snapshot : null;
    }

    void built(KnownTask k, TaskSnapshot t) {
        built.put(k.task().taskArn(), new Built(k, t));
    }

    Instant firstSeenStopping(String arn) {
        return firstSeenStopping.get(arn);
    }

    Optional<Listing> lastListing() {
        return Optional.ofNullable(lastListing);
    }

    void listed(Listing l) {
        lastListing = l;
    }

    void keepOnly(Set<String> listed) {
        tasks.keySet().retainAll(listed);
        firstSeenStopping.keySet().retainAll(listed);
        built.keySet().retainAll(listed);
    }
}
