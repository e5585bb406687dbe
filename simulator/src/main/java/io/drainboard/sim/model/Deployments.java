package io.drainboard.sim.model;

import java.util.Iterator;

/**
 * Service deployments (Developer Guide "Deploy Amazon ECS services by replacing tasks"; API Reference
 * "Deployment", "DeploymentCircuitBreaker"): UpdateService with a new task definition or
 * forceNewDeployment makes a new PRIMARY deployment and the previous ones ACTIVE; an ACTIVE deployment
 * stays until all its tasks have stopped; at most 5 may exist at once (containers-roadmap#2836: "5 active
 * deployments exist, unable to create new deployment."). The circuit breaker fails a deployment whose
 * tasks fail to start (threshold 0.5 × desired count, at least 3, at most 200) and rolls back if asked.
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
        return d;
    }

    /** A task of the service never reached RUNNING. */
    void launchFailed(TaskState t) {
        ServiceState s = t.service;
        DeploymentState d = t.deployment;
        if (s == null || d == null) return;
        d.failedTasks++;
        d.updatedAt = m.now();
        if (++s.consecutiveLaunchFailures == 3) {
            m.event(s, "(service " + s.name + ") is unable to consistently start tasks successfully. For more "
                    + "information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
        }
        if (d.primary() && s.circuitBreakerEnable && "IN_PROGRESS".equals(d.rolloutState)
                && d.failedTasks >= threshold(s.desiredCount)) {
            d.update("FAILED", "ECS deployment circuit breaker: tasks failed to start.", m.now());
            m.event(s, "(service " + s.name + ") (deployment " + d.id + ") deployment failed: tasks failed to start.");
            DeploymentState good = lastCompleted(s);
            if (s.circuitBreakerRollback && good != null) {
                create(s, good.taskDefinitionArn, "ECS deployment circuit breaker: rolling back to deploymentId "
                        + good.id + ".");
                m.event(s, "(service " + s.name + ") rolling back to deployment " + good.id + ".");
            }
        }
        m.scheduler.request(s);
    }

    /** "The failure threshold … is 0.5 × the desired task count, with a minimum of 3 and a maximum of 200." */
    static int threshold(int desired) {
        return Math.min(200, Math.max(3, (int) Math.ceil(desired * 0.5)));
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
