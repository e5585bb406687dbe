package io.drainboard.fleet;

/**
 * How ECS rolls a service's deployments (ECS API Reference "DeploymentConfiguration"): the healthy floor
 * and ceiling in percent of desired count, and the deployment circuit breaker.
 */
public record DeploymentConfig(int minimumHealthyPercent, int maximumPercent, boolean circuitBreaker,
                               boolean rollbackOnFailure) {
    /** ECS's defaults for a REPLICA service without a configuration: 100 % and 200 %, no breaker. */
    public static final DeploymentConfig ECS_DEFAULT = new DeploymentConfig(100, 200, false, false);
}
