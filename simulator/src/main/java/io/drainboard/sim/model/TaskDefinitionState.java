package io.drainboard.sim.model;

import java.time.Instant;
import java.util.List;

/** A registered task definition revision; immutable like the real ones. */
public record TaskDefinitionState(String arn, String family, int revision, String cpu, String memory,
                                  String networkMode, List<String> requiresCompatibilities,
                                  List<ContainerDef> containers, Instant registeredAt) {
    public TaskDefinitionState {
        containers = List.copyOf(containers);
        requiresCompatibilities = List.copyOf(requiresCompatibilities);
    }
}
