package io.drainboard.scaling;

import io.drainboard.drain.SessionHeadroom;

import java.time.Duration;
import java.util.List;

/**
 * The scaling recommended for session workers, as numbers (docs/scaling.md). The guard service's leader sets the
 * desired count itself from its live reading ({@code guard.scaling.direct}: the headroom's aim with a lead of
 * {@link #DIRECT_LEAD} and {@value #DIRECT_SHARE} of the sessions idle on top, up at once, down only after
 * {@value #DIRECT_SCALE_IN_AFTER} readings below); the scalable target keeps only a scale-out-only backstop on the
 * agents' own worker load at {@value #BACKSTOP_LOAD}, so that the fleet still grows if the guard stops, and no policy
 * that scales in (two writers of one count pull against each other). At least two tasks; room for the peak plus 20 %.
 * Before it: target tracking on the headroom load the guard publishes ({@link #HEADROOM_POLICY} at
 * {@value #HEADROOM_TARGET}), and before that worker load at {@link #TARGET_LOAD}; readiness still accepts both as
 * sessions-based, with a warning.
 *
 * @param namespace where the per-service worker load is published (the CloudWatch namespace of the profile's calls
 *                  metric, else Drainboard/Agents)
 */
public record Recommended(String namespace, String metricName, double targetLoad, Duration scaleOutCooldown,
                          Duration scaleInCooldown, int minTasks, double headroom) {
    public static final double TARGET_LOAD = 0.7;
    public static final Duration SCALE_IN_FLOOR = Duration.ofSeconds(300);
    public static final String HEADROOM_POLICY = "sessions-headroom";
    public static final double HEADROOM_TARGET = 1.0;
    public static final String BACKSTOP_POLICY = "worker-load-backstop";
    public static final double BACKSTOP_LOAD = 0.9;
    /** Direct scaling (the guard service sets the desired count): readings (minutes) below the aim before scale-in. */
    public static final int DIRECT_SCALE_IN_AFTER = 5;
    /** Direct scaling's lead: a live reading needs no metric delay or alarm, a task about 2 minutes to take calls. */
    public static final Duration DIRECT_LEAD = Duration.ofMinutes(3);
    /** Direct scaling's share of the sessions kept idle on top of the ramp's room (docs/benchmarks.md). */
    public static final double DIRECT_SHARE = 0.1;

    /** The headroom the direct count aims at: {@link #DIRECT_LEAD}, {@link #DIRECT_SHARE}, one spare task. */
    public static SessionHeadroom directHeadroom() {
        return SessionHeadroom.of(DIRECT_LEAD, DIRECT_SHARE);
    }

    public static Recommended forNamespace(String namespace) {
        return new Recommended(namespace, "agent_worker_load", TARGET_LOAD, Duration.ofSeconds(60), SCALE_IN_FLOOR,
                2, 0.2);
    }

    /** Tasks enough for {@code sessions} with {@link #headroom} of them idle. */
    public int tasksFor(int sessions, int capacityPerTask) {
        return (int) Math.ceil(sessions / (capacityPerTask * (1 - headroom)));
    }

    /** The scale-out-only worker-load backstop, the one Application Auto Scaling policy beside direct scaling. */
    public FixChange.SessionsPolicy backstop(String cluster, String service) {
        return new FixChange.SessionsPolicy(cluster, service, BACKSTOP_POLICY, namespace, metricName, BACKSTOP_LOAD,
                scaleOutCooldown, scaleInCooldown, true);
    }

    /** The guard service profile's direct scaling, as YAML to add (docs/guard-service.md, "Direct scaling"). */
    public static String directYaml(Duration scaleInAfter, Duration lead, double share) {
        return "guard:\n  scaling:\n    direct: {scaleInAfter: " + scaleInAfter.toMinutes() + "m, lead: "
                + lead.toMinutes() + "m, share: " + share + "}\n";
    }

    /** {@link #directYaml} at the recommended values. */
    public static String directYaml() {
        return directYaml(Duration.ofMinutes(DIRECT_SCALE_IN_AFTER), DIRECT_LEAD, DIRECT_SHARE);
    }

}
