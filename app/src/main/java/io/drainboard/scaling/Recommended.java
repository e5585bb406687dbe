package io.drainboard.scaling;

import io.drainboard.drain.SessionHeadroom;

import java.time.Duration;
import java.util.List;

/**
 * The scaling recommended for session workers, as numbers (docs/scaling.md). Track the headroom load the guard
 * service publishes ({@link SessionHeadroom}: sessions plus an idle room of 20 % and the ramp times the lead, over
 * desired tasks × capacity) at 1.0, scale out after one minute and in only after {@code 300 s}; next to it a
 * scale-out-only backstop on the agents' own worker load at {@value #BACKSTOP_LOAD}, so that the fleet still grows if
 * the guard stops publishing (target tracking does nothing on missing data). At least two tasks; room for the peak
 * plus 20 %. {@link #TARGET_LOAD} is the worker-load target of the policy before it, which readiness still accepts
 * as sessions-based (with a warning that its idle room is a share, not sized from the ramp).
 *
 * @param namespace where the per-service worker load is published (the CloudWatch namespace of the profile's calls
 *                  metric, else Drainboard/Agents)
 */
public record Recommended(String namespace, String metricName, double targetLoad, Duration scaleOutCooldown,
                          Duration scaleInCooldown, int minTasks, double headroom) {
    public static final double TARGET_LOAD = 0.7;
    public static final String POLICY_NAME = "sessions-target-tracking";
    public static final Duration SCALE_IN_FLOOR = Duration.ofSeconds(300);
    public static final String HEADROOM_POLICY = "sessions-headroom";
    public static final double HEADROOM_TARGET = 1.0;
    public static final String BACKSTOP_POLICY = "worker-load-backstop";
    public static final double BACKSTOP_LOAD = 0.9;

    public static Recommended forNamespace(String namespace) {
        return new Recommended(namespace, "agent_worker_load", TARGET_LOAD, Duration.ofSeconds(60), SCALE_IN_FLOOR,
                2, 0.2);
    }

    /** Tasks enough for {@code sessions} with {@link #headroom} of them idle. */
    public int tasksFor(int sessions, int capacityPerTask) {
        return (int) Math.ceil(sessions / (capacityPerTask * (1 - headroom)));
    }

    /** The recommended pair: target tracking on the headroom load, and the scale-out-only worker-load backstop. */
    public List<FixChange.SessionsPolicy> policies(String cluster, String service, boolean disableScaleIn) {
        return List.of(new FixChange.SessionsPolicy(cluster, service, HEADROOM_POLICY, SessionHeadroom.NAMESPACE,
                        SessionHeadroom.METRIC, HEADROOM_TARGET, scaleOutCooldown, scaleInCooldown, disableScaleIn),
                new FixChange.SessionsPolicy(cluster, service, BACKSTOP_POLICY, namespace, metricName, BACKSTOP_LOAD,
                        scaleOutCooldown, scaleInCooldown, true));
    }

    /** One target tracking policy on worker load (a fix that changes only the target of a worker-load policy). */
    public FixChange.SessionsPolicy policy(String cluster, String service, boolean disableScaleIn) {
        return new FixChange.SessionsPolicy(cluster, service, POLICY_NAME, namespace, metricName, targetLoad,
                scaleOutCooldown, scaleInCooldown, disableScaleIn);
    }
}
