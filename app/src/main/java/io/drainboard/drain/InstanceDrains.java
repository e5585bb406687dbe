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
        return d.status(drainer);
    }

    public synchronized Optional<InstanceDrainStatus> status(String instanceArn) {
        return Optional.ofNullable(drains.get(instanceArn)).map(d -> d.status(drainer));
    }

    public synchronized List<InstanceDrainStatus> statuses() {
        List<InstanceDrainStatus> out = new ArrayList<>();
        drains.values().forEach(d -> out.add(d.status(drainer)));
        return out;
    }

    /** Instances a drain is working on: the instance guard leaves them to it. */
    public synchronized boolean draining(String instanceArn) {
        InstanceDrain d = drains.get(instanceArn);
        return d != null && !d.phase().finished();
    }

    public synchronized void cancel(String instanceArn) {
        InstanceDrain d = drains.get(instanceArn);
        if (d != null) d.cancel();
    }

    @Override
    public synchronized void snapshot(FleetSnapshot s) {
        for (InstanceDrain d : drains.values()) d.step(s, fx, drainer);
    }
}
