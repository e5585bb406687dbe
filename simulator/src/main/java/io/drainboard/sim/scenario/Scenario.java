package io.drainboard.sim.scenario;

import java.util.List;
import java.util.Map;

/**
 * A scenario file: the fleet the simulator starts with and the traffic it carries. Field names are the
 * YAML keys; see simulator/src/main/resources/scenarios/demo.yaml and incident.yaml for commented examples.
 *
 * @param stoppedTaskRetention how long stopped tasks stay visible (default 1h; ECS: "at least 1 hour")
 * @param keepWarmupGroundTruth true keeps what happened during warm-up in the ground truth (per-task
 *                              counts always keep it)
 * @param timeline              things that happen at given times, relative to the scenario's start
 *                              ("-60m" is an hour before "now", during warm-up)
 * @param accessKeys            access key id → account id: a signed request lands in the account of its key
 *                              (keys not listed, and unsigned requests, land in {@code account})
 * @param fleets                more accounts and regions, each with its own clusters (and timeline); the
 *                              top-level {@code clusters} are the fleet of {@code account} in {@code region}
 */
public record Scenario(String name, Long seed, String region, String account, String start, String warmup,
                       String stoppedTaskRetention, Boolean keepWarmupGroundTruth, List<ClusterSpec> clusters,
                       List<TimelineAction> timeline, Map<String, String> accessKeys, List<FleetSpec> fleets,
                       RulesSpec rules) {

    /** The shape before several accounts and regions (one fleet) and before the rules switches. */
    public Scenario(String name, Long seed, String region, String account, String start, String warmup,
                    String stoppedTaskRetention, Boolean keepWarmupGroundTruth, List<ClusterSpec> clusters,
                    List<TimelineAction> timeline) {
        this(name, seed, region, account, start, warmup, stoppedTaskRetention, keepWarmupGroundTruth, clusters, timeline,
                null, null, null);
    }

    /** The first version's shape (no retention, ground-truth or timeline keys). */
    public Scenario(String name, Long seed, String region, String account, String start, String warmup,
                    List<ClusterSpec> clusters) {
        this(name, seed, region, account, start, warmup, null, null, clusters, null);
    }

    /**
     * One more account in one region: its clusters and timeline, built and warmed up like the top-level ones.
     * {@code account} left out means the scenario's account.
     */
    public record FleetSpec(String region, String account, List<ClusterSpec> clusters, List<TimelineAction> timeline) {
    }

    public record ClusterSpec(String name, List<InstanceGroupSpec> instances, List<ServiceSpec> services) {
    }

    /**
     * How the simulator reads what AWS leaves undocumented (docs/simulator.md "Rules and switches"); every key
     * optional, the harsh reading by default.
     *
     * @param protectionLimit       {@code strict} (default) or {@code lenient}: how DEPLOYMENT_BLOCKED counts
     * @param readAfterWriteLag     the longest read-after-write lag, e.g. "5s" (default) or "0s" (none)
     * @param protectionExpiryDelay how long after an expiry the scheduler acts, default "0s"
     */
    public record RulesSpec(String protectionLimit, String readAfterWriteLag, String protectionExpiryDelay) {
    }

    /**
     * EC2 container instances registered to the cluster.
     *
     * @param agentStopTimeout     the agent's ECS_CONTAINER_STOP_TIMEOUT on these instances (default 30s)
     * @param spotInstanceDraining the agent's ECS_ENABLE_SPOT_INSTANCE_DRAINING (default false)
     */
    public record InstanceGroupSpec(String az, String type, int count, String agentStopTimeout,
                                    Boolean spotInstanceDraining) {
    }

    /**
     * @param deregistrationDelay the load balancer's deregistration delay before SIGTERM (default 0: no load balancer)
     */
    public record ServiceSpec(String name, String launchType, int desiredCount, List<String> availabilityZones,
                              Boolean enableExecuteCommand, TaskDefinitionSpec taskDefinition, WorkerSpecYaml worker,
                              TrafficSpec traffic, String deregistrationDelay,
                              DeploymentConfigurationSpec deploymentConfiguration) {
    }

    public record DeploymentConfigurationSpec(Integer minimumHealthyPercent, Integer maximumPercent,
                                              CircuitBreakerSpec circuitBreaker) {
    }

    public record CircuitBreakerSpec(Boolean enable, Boolean rollback) {
    }

    public record TaskDefinitionSpec(String family, Integer revision, String cpu, String memory,
                                     List<ContainerSpec> containers) {
    }

    /**
     * {@code stopTimeout} left out means "not set", which ECS resolves by launch type; {@code healthCheck}, when
     * given, is a container health check (intervals in seconds).
     */
    public record ContainerSpec(String name, String image, Integer cpu, Integer memory, Boolean essential,
                                Integer stopTimeout, HealthCheckSpec healthCheck) {
    }

    /** A container health check; left-out keys take ECS's defaults (interval 30, timeout 5, retries 3, startPeriod 0). */
    public record HealthCheckSpec(Integer interval, Integer timeout, Integer retries, Integer startPeriod) {
    }

    /**
     * @param runtime               python (default) or node: the exit code of the second-signal kill (1 or 143)
     * @param ignoreSigtermFraction share of workers that keep taking calls after SIGTERM (livekit/agents#6724)
     * @param drainRoute            the workers serve the HTTP drain route (docs/worker-snippets.md)
     * @param signalCommand         the ECS Exec command that reaches the worker with SIGTERM (default kill -TERM 1)
     * @param leanRoute             the workers serve the lean route (default: where they serve the drain route)
     * @param leanLoad              the load a leaned worker reports at least (default 0.99)
     * @param selfProtect           the workers protect their own task through the ECS agent's endpoint
     *                              (docs/worker-snippets.md): {@code true}, or {@code {lease, renewEvery, hysteresis, retry}}
     */
    public record WorkerSpecYaml(int capacity, String drainTimeout, String agentName, String runtime,
                                 Double ignoreSigtermFraction, Boolean drainRoute, String signalCommand,
                                 Boolean leanRoute, Double leanLoad, SelfProtectYaml selfProtect) {
    }

    /**
     * {@code selfProtect: true} (the snippet's defaults: lease 60m, renew every 10m, release after 2m idle, retry
     * after 30s) or a map overriding any of them; {@code false} or left out: the workers do not protect themselves.
     */
    public record SelfProtectYaml(Boolean enabled, String lease, String renewEvery, String hysteresis, String retry) {
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public static SelfProtectYaml of(boolean on) {
            return new SelfProtectYaml(on, null, null, null, null);
        }

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.PROPERTIES)
        public SelfProtectYaml {
        }
    }

    /**
     * Offered traffic: {@code load} is the mean fraction of the service's worker capacity in use
     * (arrival rate = load × capacity × desiredCount / mean call length); durations are lognormal;
     * {@code dailyCurve}, optional, holds 24 hourly (UTC) multipliers of that rate.
     */
    public record TrafficSpec(double load, String median, String p99, List<Double> dailyCurve) {
    }

    /**
     * One thing that happens to a service at {@code at} (relative to start, e.g. "-60m"): a rolling
     * deploy of a new revision ({@code deploy}), a new desired count, or a forced new deployment.
     */
    public record TimelineAction(String at, String cluster, String service, DeploySpec deploy, Integer desiredCount,
                                 Boolean forceNewDeployment) {
    }

    /** A new revision of the service's family: containers copied, with this image / stopTimeout if given. */
    public record DeploySpec(String image, Integer stopTimeout, String failsToStart, Boolean failsHealthChecks) {
    }
}
