package io.drainboard.drain;

import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.FleetSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs every instance drain, one step per fleet snapshot; an instance already draining is not drained twice. */
public final class InstanceDrains implements FleetListener {
    private final InstanceActions fx;
    private final InstanceDrain.TaskDrainer drainer;
    private final Supplier<java.time.Instant> now;
    private final Map<String, InstanceDrain> drains = new LinkedHashMap<>();
    /** Each drain's status as of its last start or step: read without the lock a step holds while it sends. */
    private final Map<String, InstanceDrainStatus> published = new java.util.concurrent.ConcurrentHashMap<>();

    public InstanceDrains(InstanceActions fx, InstanceDrain.TaskDrainer drainer, Supplier<java.time.Instant> now) {
        this.fx = fx;
        this.drainer = drainer;
        this.now = now;
    }

    public synchronized InstanceDrainStatus drain(String cluster, String instanceArn, String ec2InstanceId,
                                                  boolean releaseWhenEmpty) {
        InstanceDrain d = drains.get(instanceArn);
        if (d == null || d.phase().finished()) {
            d = new InstanceDrain(cluster, instanceArn, ec2InstanceId, releaseWhenEmpty, now.get());
            drains.put(instanceArn, d);
        }
        return publish(instanceArn, d);
    }

    public Optional<InstanceDrainStatus> status(String instanceArn) {
        return Optional.ofNullable(published.get(instanceArn));
    }

    public List<InstanceDrainStatus> statuses() {
        return new ArrayList<>(published.values());
    }

    private InstanceDrainStatus publish(String instanceArn, InstanceDrain d) {
        InstanceDrainStatus st = d.status(drainer);
        published.put(instanceArn, st);
        return st;
    }

    /** Instances a drain is working on: the instance guard leaves them to it. */
    public synchronized boolean draining(String instanceArn) {
        InstanceDrain d = drains.get(instanceArn);
        return d != null && !d.phase().finished();
    }

    public synchronized void cancel(String instanceArn) {
        InstanceDrain d = drains.get(instanceArn);
        if (d != null) {
            d.cancel();
            publish(instanceArn, d);
        }
    }

    @Override
    public synchronized void snapshot(FleetSnapshot s) {
        if (s.partial()) return; // a task missing from it may be running: never decide on part of the fleet
        for (var e : drains.entrySet()) {
            e.getValue().step(s, fx, drainer);
            publish(e.getKey(), e.getValue());
        }
    }
}
