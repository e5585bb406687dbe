package io.drainboard.scaling.lab;

import java.time.Duration;

/**
 * The service's real settings the replay is built from: launch type, stopTimeout, sessions per task, the worker's
 * drain_timeout and warm-up (on top of ECS's own start, which the simulator draws), call length.
 */
public record LabService(String cluster, String service, String launchType, int stopTimeoutSeconds, int capacity,
                         Duration drainTimeout, Duration warmup, Duration medianCall, Duration p99Call) {
    /** ECS's own start in the simulator: PROVISIONING to RUNNING, about 15–50 s on Fargate (docs/simulator.md). */
    static final Duration ECS_START = Duration.ofSeconds(45);

    public boolean fargate() {
        return "FARGATE".equalsIgnoreCase(launchType);
    }

    /** Launch to taking calls, in whole minutes (the lower bound's lead). */
    public int leadMinutes() {
        return (int) Math.ceil(ECS_START.plus(warmup).toSeconds() / 60.0);
    }
}
