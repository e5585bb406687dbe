package io.drainboard.fleet;

import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

import java.util.List;
import java.util.Optional;

/** One container instance as a refresh read it, before it is joined with tasks and calls. */
record InstanceRead(ContainerInstance instance, Optional<AutoScalingInstanceDetails> group, boolean groupKnown,
                    List<LifecycleHook> hooks, Optional<Integer> groupDesiredCapacity) {
}
