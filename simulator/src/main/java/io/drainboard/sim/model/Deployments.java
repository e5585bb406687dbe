package io.drainboard.sim.model;

import java.util.Iterator;

/**
 * Service deployments (Developer Guide "Deploy Amazon ECS services by replacing tasks"; API Reference
 * "Deployment", "DeploymentCircuitBreaker"): UpdateService with a new task definition or
 * forceNewDeployment makes a new PRIMARY deployment and the previous ones ACTIVE; an ACTIVE deployment
 * stays until all its tasks have stopped; at most 5 may exist at once (containers-roadmap#2836: "5 active
 * deployments exist, unable to create new deployment.").
 * <p>
 * The circuit breaker (API Reference "DeploymentCircuitBreaker", "ThresholdConfiguration", "Deployment"
 * failedTasks; Developer Guide "How the Amazon ECS deployment circuit breaker detects failures") counts in
 * two stages: tasks that fail to reach RUNNING, then — once a task of the deployment has reached RUNNING,
 * when "the failed task count resets to zero and stops being evaluated" — tasks that fail their health
 * checks. With resetOnHealthyTask (default true) a task that becomes healthy resets the count. The
 * threshold: BOUNDED_PERCENT (default, 50) = value % of the desired count, at least 3, at most 200;
 * UNBOUNDED_PERCENT = value % without bounds; COUNT = value.
 * <p>
 * Service throttle logic (Developer Guide "Service throttle logic"): tasks that repeatedly fail to reach
 * RUNNING are restarted "with incrementally increased" delays "up to a maximum of 15 minutes"; a new task
 * definition ends it at once; tasks that stop after RUNNING do not trigger it. How fast the delay grows is not
 * documented; the model takes the harsh reading: from the third consecutive failure (when the event "is unable
 * to consistently start tasks successfully" appears) 1 min, then doubling, capped at 15 min.
 */
final class Deployments {
    static final int MAX_ACTIVE = 5;
    static final String LIMIT_MESSAGE = MAX_ACTIVE + " active deployments exist, unable to create new deployment.";

    private final FleetModel m;

    Deployments(FleetModel m) {
        this.m = m;
    }

    /** UpdateService; returns the deployment it started, or null. Throws IllegalStateException past the limit. */
    DeploymentState update(ServiceState s, ServiceUpdate u) {
        if (u.startsDeployment(s) && s.deployments.size() >= MAX_ACTIVE) throw new IllegalStateException(LIMIT_MESSAGE);
        if (u.desiredCount() != null) {
            if (u.desiredCount() < 0) throw new IllegalArgumentException("desiredCount must be >= 0");
            s.desiredCount = u.desiredCount();
        }
        if (u.minimumHealthyPercent() != null) s.minimumHealthyPercent = u.minimumHealthyPercent();
        if (u.maximumPercent() != null) s.maximumPercent = u.maximumPercent();
        if (u.circuitBreakerEnable() != null) s.circuitBreakerEnable = u.circuitBreakerEnable();
        if (u.circuitBreakerRollback() != null) s.circuitBreakerRollback = u.circuitBreakerRollback();
        if (u.circuitBreakerResetOnHealthyTask() != null) s.circuitBreakerResetOnHealthyTask = u.circuitBreakerResetOnHealthyTask();
        if (u.circuitBreakerThresholdType() != null) s.circuitBreakerThresholdType = u.circuitBreakerThresholdType();
        if (u.circuitBreakerThresholdValue() != null) s.circuitBreakerThresholdValue = u.circuitBreakerThresholdValue();
        if (u.enableExecuteCommand() != null) s.enableExecuteCommand = u.enableExecuteCommand();
        DeploymentState created = null;
        if (u.startsDeployment(s)) {
            created = create(s, u.taskDefinitionArn() != null ? u.taskDefinitionArn() : s.taskDefinitionArn, null);
        }
        m.scheduler.request(s);
        return created;
    }

    /** A new PRIMARY deployment; the one before becomes ACTIVE. */
    DeploymentState create(ServiceState s, String taskDefinitionArn, String reason) {
        String id = "ecs-svc/" + m.digits(19);
        for (DeploymentState d : s.deployments) {
            d.status = "ACTIVE";
            d.updatedAt = m.now();
        }
        DeploymentState d = new DeploymentState(id, s, taskDefinitionArn, m.now(), "PRIMARY", "IN_PROGRESS",
                reason != null ? reason : "ECS deployment " + id + " in progress.");
        s.deployments.add(0, d);
        s.taskDefinitionArn = taskDefinitionArn;
        s.steady = false;
        s.consecutiveLaunchFailures = 0;
        s.launchesPausedUntil = null; // "If you update your service to use a new task definition … non-throttled"
        return d;
    }

    /** The throttle's pause after {@code n} consecutive launch failures. */
    static java.time.Duration throttleDelay(int n) {
        if (n < 3) return java.time.Duration.ZERO;
        long minutes = Math.min(15, 1L << Math.min(4, n - 3));
        return java.time.Duration.ofMinutes(minutes);
    }

    /** A task of the service never reached RUNNING (stage 1). */
    void launchFailed(TaskState t) {
        ServiceState s = t.service;
        DeploymentState d = t.deployment;
        if (s == null || d == null) return;
        d.updatedAt = m.now();
        int n = ++s.consecutiveLaunchFailures;
        if (n == 3) {
            m.event(s, "(service " + s.name + ") is unable to consistently start tasks successfully. For more "
                    + "information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
        }
        java.time.Duration pause = throttleDelay(n);
        if (!pause.isZero()) {
            s.launchesPausedUntil = m.now().plus(pause);
            m.schedule(s.launchesPausedUntil, () -> m.scheduler.request(s));
        }
        if (!d.hadRunningTask) {
            d.failedTasks++;
            evaluate(s, d, "tasks failed to start");
        }
        m.scheduler.request(s);
    }

    /** A task of the deployment reached RUNNING: stage 1 ends, its count resets. */
    void taskRunning(TaskState t) {
        DeploymentState d = t.deployment;
        if (t.service == null || d == null) return;
        t.service.consecutiveLaunchFailures = 0;
        t.service.launchesPausedUntil = null;
        if (!d.hadRunningTask) {
            d.hadRunningTask = true;
            d.failedTasks = 0;
        }
    }

    /** A task of the deployment became healthy: with resetOnHealthyTask the count starts again. */
    void taskHealthy(TaskState t) {
        DeploymentState d = t.deployment;
        if (t.service == null || d == null) return;
        if (t.service.circuitBreakerResetOnHealthyTask) d.failedTasks = 0;
    }

    /** A RUNNING task failed its container or load balancer health checks (stage 2). */
    void healthCheckFailed(TaskState t) {
        DeploymentState d = t.deployment;
        if (t.service == null || d == null) return;
        d.failedTasks++;
        d.updatedAt = m.now();
        evaluate(t.service, d, "tasks failed health checks");
    }

    private void evaluate(ServiceState s, DeploymentState d, String why) {
        if (d.primary() && s.circuitBreakerEnable && "IN_PROGRESS".equals(d.rolloutState)
                && d.failedTasks >= threshold(s)) {
            d.update("FAILED", "ECS deployment circuit breaker: " + why + ".", m.now());
            m.event(s, "(service " + s.name + ") (deployment " + d.id + ") deployment failed: " + why + ".");
            DeploymentState good = lastCompleted(s);
            if (s.circuitBreakerRollback && good != null) {
                create(s, good.taskDefinitionArn, "ECS deployment circuit breaker: rolling back to deploymentId "
                        + good.id + ".");
                m.event(s, "(service " + s.name + ") rolling back to deployment " + good.id + ".");
            }
        }
    }

    /** The service's failure threshold by its thresholdConfiguration. */
    static int threshold(ServiceState s) {
        return switch (s.circuitBreakerThresholdType) {
            case "COUNT" -> Math.max(1, s.circuitBreakerThresholdValue);
            case "UNBOUNDED_PERCENT" -> Math.max(1, (int) Math.ceil(s.desiredCount * s.circuitBreakerThresholdValue / 100.0));
            default -> Math.min(200, Math.max(3, (int) Math.ceil(s.desiredCount * s.circuitBreakerThresholdValue / 100.0)));
        };
    }

    /** Whether the PRIMARY deployment stopped launching (failed, no rollback). */
    static boolean halted(ServiceState s) {
        return "FAILED".equals(s.deployments.get(0).rolloutState);
    }

    /** Drops ACTIVE deployments whose tasks have all stopped; completes PRIMARY once it alone runs the service. */
    void settle(ServiceState s, boolean primaryAtDesired) {
        Iterator<DeploymentState> it = s.deployments.listIterator(1);
        while (it.hasNext()) {
            DeploymentState d = it.next();
            boolean alive = false;
            for (TaskState t : s.tasks.values()) {
                if (t.deployment == d && !t.stopped()) {
                    alive = true;
                    break;
                }
            }
            if (!alive) it.remove();
        }
        DeploymentState primary = s.deployments.get(0);
        if (s.deployments.size() == 1 && primaryAtDesired && "IN_PROGRESS".equals(primary.rolloutState)) {
            primary.update("COMPLETED", "ECS deployment " + primary.id + " completed.", m.now());
            m.event(s, "(service " + s.name + ") (deployment " + primary.id + ") deployment completed.");
            s.lastCompleted = primary;
        }
    }

    private static DeploymentState lastCompleted(ServiceState s) {
        for (DeploymentState d : s.deployments) if ("COMPLETED".equals(d.rolloutState)) return d;
        return s.lastCompleted;
    }
}
