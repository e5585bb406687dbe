package io.drainboard.sim.scenario;

import java.util.List;

/**
 * A scenario file: the fleet the simulator starts with and the traffic it carries. Field names are the
 * YAML keys; see simulator/src/main/resources/scenarios/demo.yaml for a commented example.
 */
public record Scenario(String name, Long seed, String region, String account, String start, String warmup,
                       List<ClusterSpec> clusters) {

    public record ClusterSpec(String name, List<InstanceGroupSpec> instances, List<ServiceSpec> services) {
    }

    /** EC2 container instances registered to the cluster. */
    public record InstanceGroupSpec(String az, String type, int count) {
    }

    public record ServiceSpec(String name, String launchType, int desiredCount, List<String> availabilityZones,
                              Boolean enableExecuteCommand, TaskDefinitionSpec taskDefinition, WorkerSpecYaml worker,
                              TrafficSpec traffic) {
    }

    public record TaskDefinitionSpec(String family, Integer revision, String cpu, String memory,
                                     List<ContainerSpec> containers) {
    }

    /** {@code stopTimeout} left out means "not set", which ECS resolves by launch type. */
    public record ContainerSpec(String name, String image, Integer cpu, Integer memory, Boolean essential,
                                Integer stopTimeout) {
    }

    public record WorkerSpecYaml(int capacity, String drainTimeout, String agentName) {
    }

    /**
     * Offered traffic: {@code load} is the mean fraction of the service's worker capacity in use
     * (arrival rate = load × capacity × desiredCount / mean call length); durations are lognormal.
     */
    public record TrafficSpec(double load, String median, String p99) {
    }
}
