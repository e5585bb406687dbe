package io.drainboard.sim.model;

/**
 * What an UpdateService call changes (ECS API Reference "UpdateService"); null members are left as
 * they are. A new task definition or {@code forceNewDeployment} starts a deployment.
 */
public record ServiceUpdate(Integer desiredCount, String taskDefinitionArn, Integer minimumHealthyPercent,
                            Integer maximumPercent, Boolean circuitBreakerEnable, Boolean circuitBreakerRollback,
                            boolean forceNewDeployment, Boolean enableExecuteCommand,
                            Boolean circuitBreakerResetOnHealthyTask, String circuitBreakerThresholdType,
                            Integer circuitBreakerThresholdValue) {
    public ServiceUpdate(Integer desiredCount, String taskDefinitionArn, Integer minimumHealthyPercent,
                         Integer maximumPercent, Boolean circuitBreakerEnable, Boolean circuitBreakerRollback,
                         boolean forceNewDeployment, Boolean enableExecuteCommand) {
        this(desiredCount, taskDefinitionArn, minimumHealthyPercent, maximumPercent, circuitBreakerEnable,
                circuitBreakerRollback, forceNewDeployment, enableExecuteCommand, null, null, null);
    }

    public static ServiceUpdate desiredCount(int n) {
        return new ServiceUpdate(n, null, null, null, null, null, false, null);
    }

    public static ServiceUpdate taskDefinition(String arn) {
        return new ServiceUpdate(null, arn, null, null, null, null, false, null);
    }

    public boolean startsDeployment(ServiceState s) {
        return forceNewDeployment || (taskDefinitionArn != null && !taskDefinitionArn.equals(s.taskDefinitionArn()));
    }
}
