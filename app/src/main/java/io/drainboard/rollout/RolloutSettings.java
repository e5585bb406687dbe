package io.drainboard.rollout;

import io.drainboard.drain.CordonMethod;
import io.drainboard.drain.CutRisk;
import io.drainboard.drain.DrainPlan;
import io.drainboard.drain.LognormalSurvival;
import io.drainboard.profile.Profile;

import java.time.Duration;

/**
 * How a rollout runs, fixed when it starts and kept in its journal (so a resumed rollout runs as it began).
 *
 * @param cordon         cordon method key (exec-signal, http, none), from the profile's settings for the service
 * @param execContainer  container ECS Exec runs the signal in; null = the task's only container
 * @param drainUrl       the worker's drain route template, for the http cordon
 * @param maxParallel    how many old tasks drain at once
 * @param spares         replacements kept ready beyond maxParallel (default {@link #defaultSpares}): ECS may run
 *                       maxParallel + spares tasks above desired count, so a drain starts as soon as another ends
 *                       (see {@link Surge}). One spare is not enough beyond maxParallel 1: each replacement needs a
 *                       start-up, a first call and the gate (about 2–3 min) and at maxParallel k a drain ends every
 *                       (mean drain / k); with k spares the k slots never wait for one (RolloutBench over 6 seeds:
 *                       mean duration −29 % at maxParallel 4, −13 % at 2, docs/benchmarks.md)
 * @param lease          protection lease of old tasks, renewed while the rollout runs. If the console never comes
 *                       back, the leases lapse and ECS finishes the deployment its own way
 * @param gate           a replacement must have been taking calls this long before the next task is drained
 * @param failuresToPause this many tasks of the new revision failing to start or turning unhealthy pauses it
 * @param riskBar        cordon none only: stop a busy task when P(all its calls end within stopTimeout) ≥ this
 * @param lean           http cordon only: once a replacement has passed the gate, ask every old task not yet
 *                       cordoned to report a raised load (the lean route, docs/worker-snippets.md), so LiveKit's
 *                       load-weighted pick sends new calls to the new tasks while the old ones still take calls
 *                       when the new ones are full. A task's drain is as long as the calls it took before its
 *                       cordon; fewer of them, and fewer long ones, shorten every drain (RolloutBench, mean
 *                       duration over seeds 1–6: 118.9 → 52.5 min at maxParallel 1, 68.8 → 35.3 at 2, 37.7 →
 *                       32.3 at 4; docs/benchmarks.md)
 */
public record RolloutSettings(String cordon, String execContainer, String execCommand, String drainUrl,
                              int maxParallel, int spares, Duration lease, Duration renewBefore, Duration gate,
                              Duration drainDeadline, Duration lockTtl, int failuresToPause,
                              double callMedianSeconds, double callP99Seconds, double riskBar, boolean lean) {
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(60);
    public static final Duration DEFAULT_GATE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_LOCK_TTL = Duration.ofMinutes(10);

    public RolloutSettings {
        if (maxParallel < 1) throw new IllegalArgumentException("--max-parallel must be at least 1");
        if (spares < 0) throw new IllegalArgumentException("--spares must be 0 or more");
        if (lease.toMinutes() < 1 || lease.toMinutes() > 2880) {
            throw new IllegalArgumentException("the protection lease must be 1–2880 minutes");
        }
        if (renewBefore.compareTo(lease) >= 0) throw new IllegalArgumentException("renew protection before the lease ends");
        CordonMethod.of(cordon);
    }

    /** The share of a service's desired count kept as spare replacements while the old tasks are leaned. */
    static final double LEANED_SPARE_SHARE = 0.5;

    /**
     * Spares when the operator names none: as many as maxParallel, and while the old tasks are leaned at least
     * half the desired count. Leaning sends new calls to the new tasks only while they have room; an old task
     * waiting its turn still takes a call when they are full, and one such call that runs long decides the
     * rollout's end (nothing tells which call will). The room is what paces the old tasks' turns: a cordon waits
     * for a replacement to start, take calls and pass the gate, and each one waiting holds a place under
     * maximumPercent. RolloutBench over seeds 1–12 (20 tasks, strict rules, docs/benchmarks.md), mean / worst
     * ratio to the bound: with 30 % (6 spares) maxParallel 1 1.03 / 1.21, 2 1.06 / 1.30, 4 1.01 / 1.08, the
     * EC2 variant at 2 1.09 / 1.38; with 50 % (10) 1.03 / 1.11, 1.02 / 1.12, 1.01 / 1.02 and 1.01 / 1.07.
     * ECS then runs up to maxParallel + spares tasks above desired count for the rollout's length (160 % of it
     * at maxParallel 2, under the 200 % ECS's own rolling deploy allows by default), which the preflight's
     * headroom check counts; --spares or the wizard sets fewer where capacity is tight.
     */
    public static int defaultSpares(int maxParallel, int desiredCount, boolean lean) {
        return lean ? Math.max(maxParallel, (int) Math.ceil(LEANED_SPARE_SHARE * desiredCount)) : maxParallel;
    }

    /** The profile's settings for one service (cordon, call length, drain deadline), with the rollout defaults. */
    public static RolloutSettings of(Profile.ServicePolicy p, int maxParallel) {
        Profile.CordonSettings c = p.cordon();
        String method = switch (c.method()) {
            case EXEC_SIGNAL -> CordonMethod.EXEC_SIGNAL.key();
            case HTTP -> CordonMethod.HTTP.key();
            case NONE -> CordonMethod.NONE.key();
        };
        return new RolloutSettings(method, c.container().orElse(null), c.command(), c.drainUrl(), maxParallel, maxParallel,
                DEFAULT_LEASE, Duration.ofMinutes(20), DEFAULT_GATE, p.drain().deadline(), DEFAULT_LOCK_TTL, 3,
                p.callLength().median().toSeconds(), p.callLength().p99().toSeconds(), p.drain().survivalBar(),
                method.equals(CordonMethod.HTTP.key()));
    }

    public RolloutSettings withMaxParallel(int n) {
        return new RolloutSettings(cordon, execContainer, execCommand, drainUrl, n, spares, lease, renewBefore, gate,
                drainDeadline, lockTtl, failuresToPause, callMedianSeconds, callP99Seconds, riskBar, lean);
    }

    public RolloutSettings withSpares(int n) {
        return new RolloutSettings(cordon, execContainer, execCommand, drainUrl, maxParallel, n, lease, renewBefore, gate,
                drainDeadline, lockTtl, failuresToPause, callMedianSeconds, callP99Seconds, riskBar, lean);
    }

    public RolloutSettings withGate(Duration g) {
        return new RolloutSettings(cordon, execContainer, execCommand, drainUrl, maxParallel, spares, lease, renewBefore, g,
                drainDeadline, lockTtl, failuresToPause, callMedianSeconds, callP99Seconds, riskBar, lean);
    }

    public RolloutSettings withLease(Duration l, Duration before) {
        return new RolloutSettings(cordon, execContainer, execCommand, drainUrl, maxParallel, spares, l, before, gate,
                drainDeadline, lockTtl, failuresToPause, callMedianSeconds, callP99Seconds, riskBar, lean);
    }

    public RolloutSettings withLean(boolean on) {
        return new RolloutSettings(cordon, execContainer, execCommand, drainUrl, maxParallel, spares, lease, renewBefore, gate,
                drainDeadline, lockTtl, failuresToPause, callMedianSeconds, callP99Seconds, riskBar, on);
    }

    /** Leaning needs the lean route, which sits next to the http cordon's drain route. */
    public boolean leans() {
        return lean && method() == CordonMethod.HTTP;
    }

    public CordonMethod method() {
        return CordonMethod.of(cordon);
    }

    public CutRisk risk() {
        return new CutRisk(LognormalSurvival.ofMedianAndP99(callMedianSeconds, callP99Seconds));
    }

    /** How one old task is drained: cordon, wait (deadline alerts and extends, never forces), then StopTask when idle. */
    public DrainPlan drainPlan() {
        return new DrainPlan(method(), DrainPlan.Finish.STOP, drainDeadline, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND,
                lease, renewBefore, riskBar);
    }

    /**
     * The fallback for a task whose cordon cannot be trusted: no cordon and no risk-model stop, StopTask only
     * when it has no calls. Idle, even a worker that did get a first signal loses nothing to a second.
     */
    public DrainPlan idleOnlyPlan() {
        return new DrainPlan(CordonMethod.NONE, DrainPlan.Finish.STOP, drainDeadline,
                DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND, lease, renewBefore, 2.0);
    }
}
