package io.drainboard.scaling;

import java.time.Duration;

/**
 * The scaling the seeds recommend for session workers, as numbers: track the share of worker capacity in use
 * (sessions ÷ capacity, not CPU), at {@value #TARGET_LOAD} so that at least 20 % stays idle while new capacity
 * starts; scale out after one minute, scale in only after {@code 300 s}; at least two tasks; room for the peak
 * plus 20 %.
 *
 * @param namespace where the per-service worker load is published (the CloudWatch namespace of the profile's calls
 *                  metric, else Drainboard/Agents)
 */
public record Recommended(String namespace, String metricName, double targetLoad, Duration scaleOutCooldown,
                          Duration scaleInCooldown, int minTasks, double headroom) {
    public static final double TARGET_LOAD = 0.7;
    public static final String POLICY_NAME = "sessions-target-tracking";
    public static final Duration SCALE_IN_FLOOR = Duration.ofSeconds(300);

    public static Recommended forNamespace(String namespace) {
        return new Recommended(namespace, "agent_worker_load", TARGET_LOAD, Duration.ofSeconds(60), SCALE_IN_FLOOR,
                2, 0.2);
    }

    /** Tasks enough for {@code sessions} with {@link #headroom} of them idle. */
    public int tasksFor(int sessions, int capacityPerTask) {
        return (int) Math.ceil(sessions / (capacityPerTask * (1 - headroom)));
    }

    public FixChange.SessionsPolicy policy(String cluster, String service, boolean disableScaleIn) {
        return new FixChange.SessionsPolicy(cluster, service, POLICY_NAME, namespace, metricName, targetLoad,
                scaleOutCooldown, scaleInCooldown, disableScaleIn);
    }
}
