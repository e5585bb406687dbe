package io.drainboard.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * When a new task counts as healthy for its deployment, and what happens when it fails its health checks
 * (API Reference "DeploymentConfiguration", minimumHealthyPercent; Developer Guide "Deploy Amazon ECS
 * services by replacing tasks"):
 * <ul>
 *   <li>no container health check and no load balancer: healthy 40 s after it reaches RUNNING;</li>
 *   <li>a container health check: once it reports HEALTHY — Docker runs the first check one interval after
 *       the start; failures inside startPeriod do not count, {@code retries} consecutive ones make it
 *       UNHEALTHY (API Reference "HealthCheck");</li>
 *   <li>a load balancer: once the target group reports the target healthy — the harsh reading of the
 *       ELB defaults (API Reference "CreateTargetGroup": HealthCheckIntervalSeconds 30, HealthyThresholdCount
 *       5, UnhealthyThresholdCount 2): healthy after 5 passing checks, 150 s; and the container health
 *       check as well when there is one.</li>
 * </ul>
 * A task whose checks fail is stopped and replaced by the service ("Task failed container health checks",
 * "Task failed ELB health checks in (target-group …)"), and the circuit breaker counts it (stage 2).
 * Task healthStatus is UNKNOWN without a container health check (API Reference "Task": healthStatus).
 * The simulator's only sign of a load balancer is a deregistration delay (docs/simulator.md).
 */
final class Health {
    static final Duration NO_CHECK_GRACE = Duration.ofSeconds(40);
    static final Duration TARGET_INTERVAL = Duration.ofSeconds(30);
    static final int TARGET_HEALTHY_THRESHOLD = 5;
    static final int TARGET_UNHEALTHY_THRESHOLD = 2;

    private final FleetModel m;
    private final Set<String> failingDefinitions = new HashSet<>();

    Health(FleetModel m) {
        this.m = m;
    }

    /** Tasks of this task definition fail their health checks from now on (false: they pass again). */
    void failChecks(String taskDefinitionArn, boolean failing) {
        if (failing) failingDefinitions.add(taskDefinitionArn);
        else failingDefinitions.remove(taskDefinitionArn);
    }

    /** The task just reached RUNNING. */
    void started(TaskState t) {
        ContainerDef.HealthCheck hc = check(t);
        boolean lb = t.service != null && !t.service.deregistrationDelay.isZero();
        boolean failing = failingDefinitions.contains(t.taskDefinitionArn);
        Instant start = m.now();
        t.healthStatus = "UNKNOWN";
        if (lb) t.targetHealth = "initial";
        if (hc == null && !lb) {
            at(t, start.plus(NO_CHECK_GRACE), () -> becameHealthy(t));
            return;
        }
        if (hc != null) {
            Duration interval = Duration.ofSeconds(hc.intervalSeconds());
            if (failing) {
                // Checks run at k × interval; the first that counts is past startPeriod; retries of them.
                long first = hc.startPeriodSeconds() / hc.intervalSeconds() + 1;
                Instant unhealthy = start.plus(interval.multipliedBy(first + hc.retries() - 1));
                at(t, unhealthy, () -> {
                    t.healthStatus = "UNHEALTHY";
                    failed(t, "Task failed container health checks");
                });
            } else {
                at(t, start.plus(interval), () -> {
                    t.healthStatus = "HEALTHY";
                    if (!lb || "healthy".equals(t.targetHealth)) becameHealthy(t);
                });
            }
        }
        if (lb) {
            if (failing && hc == null) {
                at(t, start.plus(TARGET_INTERVAL.multipliedBy(TARGET_UNHEALTHY_THRESHOLD)), () -> {
                    t.targetHealth = "unhealthy";
                    failed(t, "Task failed ELB health checks in (target-group " + t.service.name + ")");
                });
            } else if (!failing) {
                at(t, start.plus(TARGET_INTERVAL.multipliedBy(TARGET_HEALTHY_THRESHOLD)), () -> {
                    t.targetHealth = "healthy";
                    if (hc == null || "HEALTHY".equals(t.healthStatus)) becameHealthy(t);
                });
            }
        }
    }

    /** A task placed already running by a scenario: healthy in every sense. */
    void alreadyHealthy(TaskState t) {
        t.healthStatus = check(t) != null ? "HEALTHY" : "UNKNOWN";
        if (t.service != null && !t.service.deregistrationDelay.isZero()) t.targetHealth = "healthy";
        t.countsHealthy = true;
    }

    private void becameHealthy(TaskState t) {
        if (t.countsHealthy) return;
        t.countsHealthy = true;
        if (t.service != null) {
            m.deployments.taskHealthy(t);
            m.scheduler.taskChanged(t);
        }
    }

    private void failed(TaskState t, String reason) {
        if (t.service == null) return;
        m.deployments.healthCheckFailed(t);
        m.lifecycle.ecsStop(t, TaskLifecycle.SCHEDULER, reason);
    }

    /** Runs {@code step} at {@code when} if the task is still running then and not on its way out. */
    private void at(TaskState t, Instant when, Runnable step) {
        m.schedule(when, () -> {
            if (t.running() && !t.stopping()) step.run();
        });
    }

    /** The health check of the task's first essential container that has one, or null. */
    private ContainerDef.HealthCheck check(TaskState t) {
        TaskDefinitionState td = m.taskDefinition(t.taskDefinitionArn).orElse(null);
        if (td == null) return null;
        for (ContainerDef c : td.containers()) if (c.essential() && c.healthCheck() != null) return c.healthCheck();
        return null;
    }
}
