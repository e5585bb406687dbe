package io.drainboard.drain;

import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.FleetSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Guard mode for a cluster's EC2 instances ({@link InstanceGuardPolicy}), once per fleet snapshot. Stopping it
 * sends nothing: instances keep the protection they have, which the operator sees and can toggle.
 */
public final class InstanceGuard implements FleetListener {
    /** What the guard did last for a cluster, for the UI. */
    public record Status(String cluster, boolean enabled, Instant lastRun, int protectedNow, int released,
                         Optional<String> lastError) {
    }

    private final InstanceActions actions;
    private final Predicate<String> leftToADrain;
    private final Duration idleHysteresis;
    private final Map<String, Map<String, Instant>> guarded = new ConcurrentHashMap<>();
    private final Map<String, Status> status = new ConcurrentHashMap<>();

    public InstanceGuard(InstanceActions actions, Predicate<String> leftToADrain, Duration idleHysteresis) {
        this.actions = actions;
        this.leftToADrain = leftToADrain;
        this.idleHysteresis = idleHysteresis;
    }

    public void enable(String cluster) {
        guarded.putIfAbsent(cluster, new ConcurrentHashMap<>());
        status.put(cluster, new Status(cluster, true, null, 0, 0, Optional.empty()));
    }

    public void disable(String cluster) {
        guarded.remove(cluster);
        status.computeIfPresent(cluster, (k, s) -> new Status(k, false, s.lastRun(), s.protectedNow(), s.released(),
                Optional.empty()));
    }

    public boolean enabled(String cluster) {
        return guarded.containsKey(cluster);
    }

    public Optional<Status> status(String cluster) {
        return Optional.ofNullable(status.get(cluster));
    }

    @Override
    public void snapshot(FleetSnapshot s) {
        if (s.partial()) return; // a task missing from it may be running: never decide on part of the fleet
        for (var e : guarded.entrySet()) {
            s.clusters().stream().filter(c -> c.name().equals(e.getKey())).findFirst()
                    .ifPresent(c -> run(c, e.getValue(), s.takenAt()));
        }
    }

    private void run(ClusterSnapshot c, Map<String, Instant> idleSince, Instant now) {
        InstanceGuardPolicy.Decision d = new InstanceGuardPolicy(idleHysteresis).decide(c.instances(), idleSince, now,
                leftToADrain);
        idleSince.clear();
        idleSince.putAll(d.idleSince());
        String error = null;
        int released = 0;
        try {
            for (var r : d.release().entrySet()) {
                Optional<String> err = actions.protect(c.name(), c.arn(), r.getKey(), r.getValue(), false,
                        "instance guard: idle instance released for the scale-in its group is waiting to do");
                if (err.isPresent()) error = err.get();
                else released += r.getValue().size();
            }
            for (var p : d.protect().entrySet()) {
                for (List<String> batch : io.drainboard.aws.EcsGateway.batches(p.getValue(), 50)) {
                    Optional<String> err = actions.protect(c.name(), c.arn(), p.getKey(), batch, true,
                            "instance guard: instance hosts calls (or may get them); kept out of scale-in");
                    if (err.isPresent()) error = err.get();
                }
            }
        } catch (RuntimeException ex) {
            error = ex.getMessage();
        }
        int protectedNow = (int) c.instances().stream().filter(i -> i.protectedNow()).count()
                + d.protect().values().stream().mapToInt(List::size).sum() - released;
        status.put(c.name(), new Status(c.name(), true, now, protectedNow, released, Optional.ofNullable(error)));
    }
}
