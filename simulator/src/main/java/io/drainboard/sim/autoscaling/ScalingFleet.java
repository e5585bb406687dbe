package io.drainboard.sim.autoscaling;

import java.util.List;
import java.util.OptionalInt;

/** What Application Auto Scaling needs from the fleet: ECS services and their desired counts. */
public interface ScalingFleet {
    record ServiceRef(String cluster, String service) {
        /** The Application Auto Scaling resource id of an ECS service. */
        public String resourceId() {
            return "service/" + cluster + "/" + service;
        }
    }

    /** The fleet's lock: scaling state is guarded by it too, so ticker and requests agree on lock order. */
    Object lock();

    List<ServiceRef> services();

    /** Empty when the service does not exist. */
    OptionalInt desiredCount(ServiceRef s);

    void setDesiredCount(ServiceRef s, int desired);
}
