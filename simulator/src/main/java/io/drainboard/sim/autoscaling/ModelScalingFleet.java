package io.drainboard.sim.autoscaling;

import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.ServiceState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@link ScalingFleet} over the fleet model ({@link FleetModel#setDesiredCount}). */
public final class ModelScalingFleet implements ScalingFleet {
    private final FleetModel model;

    public ModelScalingFleet(FleetModel model) {
        this.model = model;
    }

    @Override
    public Object lock() {
        return model;
    }

    @Override
    public List<ServiceRef> services() {
        return model.read(m -> {
            List<ServiceRef> out = new ArrayList<>();
            for (ClusterState c : m.clusters()) {
                for (ServiceState s : c.services().values()) out.add(new ServiceRef(c.name(), s.name()));
            }
            return out;
        });
    }

    @Override
    public OptionalInt desiredCount(ServiceRef s) {
        return model.read(m -> find(m, s).map(x -> OptionalInt.of(x.desiredCount())).orElse(OptionalInt.empty()));
    }

    @Override
    public void setDesiredCount(ServiceRef s, int desired) {
        model.read(m -> {
            find(m, s).ifPresent(x -> m.setDesiredCount(x, desired));
            return null;
        });
    }

    private static Optional<ServiceState> find(FleetModel m, ServiceRef s) {
        return m.cluster(s.cluster()).map(c -> c.services().get(s.service()));
    }
}
