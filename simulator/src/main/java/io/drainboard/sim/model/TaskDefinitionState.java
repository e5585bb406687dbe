package io.drainboard.sim.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A registered task definition revision; immutable like the real ones, except its status, which
 * DeregisterTaskDefinition and DeleteTaskDefinitions change (the model then holds a new record).
 *
 * @param document       the RegisterTaskDefinition request as a client sent it (every member ECS echoes in
 *                       DescribeTaskDefinition); null for a definition a scenario built
 * @param status         ACTIVE, INACTIVE (deregistered) or DELETE_IN_PROGRESS
 * @param deregisteredAt when it was deregistered, null while ACTIVE
 */
public record TaskDefinitionState(String arn, String family, int revision, String cpu, String memory,
                                  String networkMode, List<String> requiresCompatibilities,
                                  List<ContainerDef> containers, Instant registeredAt, JsonNode document,
                                  String status, Instant deregisteredAt) {
    public TaskDefinitionState {
        containers = List.copyOf(containers);
        requiresCompatibilities = List.copyOf(requiresCompatibilities);
        if (document != null) document = document.deepCopy();
    }

    public TaskDefinitionState(String arn, String family, int revision, String cpu, String memory, String networkMode,
                               List<String> requiresCompatibilities, List<ContainerDef> containers,
                               Instant registeredAt) {
        this(arn, family, revision, cpu, memory, networkMode, requiresCompatibilities, containers, registeredAt, null,
                "ACTIVE", null);
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    TaskDefinitionState withStatus(String newStatus, Instant at) {
        return new TaskDefinitionState(arn, family, revision, cpu, memory, networkMode, requiresCompatibilities,
                containers, registeredAt, document, newStatus, deregisteredAt != null ? deregisteredAt : at);
    }
}
