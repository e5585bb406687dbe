package io.drainboard.scaling;

import io.drainboard.profile.Profile;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What readiness needs to know about a service besides its scaling configuration, each figure with where it
 * came from (shown next to it): the live fleet (launch type, stopTimeout, busy and unprotected tasks), the
 * history store (the last peak, the steepest ramp), CloudWatch (how CPU follows sessions) and the operator's
 * settings (sessions per task, drain_timeout, call length).
 *
 * @param busyTasks       running tasks with at least one call now
 * @param busyUnprotected of those, tasks without scale-in protection: a scale-in may pick them
 * @param peak            the most sessions history saw, with the tasks running then; empty without history
 * @param rampPerMinute   the steepest rise of sessions over 5 minutes in history, per minute
 * @param startup         how long a new task takes from launch to taking calls
 * @param cpuCorrelation  Pearson's r between the service's CPU and its worker load per minute over the last day
 * @param direct          the console's profile's {@code guard.scaling.direct}: readiness cannot see the profile a guard
 *                        service runs with, only its own (the findings say so)
 * @param guardLeads      a guard service holds the service's leadership lease now (its tag, live)
 */
public record ServiceFacts(String cluster, String service, String launchType, int runningTasks, int desiredCount,
                           Optional<Integer> stopTimeoutSeconds, int busyTasks, int busyUnprotected, int sessionsNow,
                           int capacityPerTask, String capacityBasis, Duration drainTimeout, String drainTimeoutBasis,
                           Duration medianCall, Duration p99Call, String callBasis, Optional<Peak> peak,
                           Optional<Double> rampPerMinute, Duration startup, String startupBasis,
                           Optional<Double> cpuCorrelation, Optional<Profile.DirectScaling> direct, boolean guardLeads) {
    /** Without direct scaling in the profile, and no guard service leading. */
    public ServiceFacts(String cluster, String service, String launchType, int runningTasks, int desiredCount,
                        Optional<Integer> stopTimeoutSeconds, int busyTasks, int busyUnprotected, int sessionsNow,
                        int capacityPerTask, String capacityBasis, Duration drainTimeout, String drainTimeoutBasis,
                        Duration medianCall, Duration p99Call, String callBasis, Optional<Peak> peak,
                        Optional<Double> rampPerMinute, Duration startup, String startupBasis,
                        Optional<Double> cpuCorrelation) {
        this(cluster, service, launchType, runningTasks, desiredCount, stopTimeoutSeconds, busyTasks, busyUnprotected,
                sessionsNow, capacityPerTask, capacityBasis, drainTimeout, drainTimeoutBasis, medianCall, p99Call, callBasis,
                peak, rampPerMinute, startup, startupBasis, cpuCorrelation, Optional.empty(), false);
    }

    /** The same facts with the profile's direct scaling and whether a guard service leads. */
    public ServiceFacts withGuard(Optional<Profile.DirectScaling> d, boolean leads) {
        return new ServiceFacts(cluster, service, launchType, runningTasks, desiredCount, stopTimeoutSeconds, busyTasks,
                busyUnprotected, sessionsNow, capacityPerTask, capacityBasis, drainTimeout, drainTimeoutBasis, medianCall,
                p99Call, callBasis, peak, rampPerMinute, startup, startupBasis, cpuCorrelation, d, leads);
    }

    /** The most sessions seen at once, when, and how many tasks ran then. */
    public record Peak(Instant at, int sessions, int tasks) {
        public double idleShare(int capacityPerTask) {
            return tasks <= 0 ? 0 : 1 - sessions / (double) (capacityPerTask * tasks);
        }
    }

    public String key() {
        return cluster + "/" + service;
    }

    public boolean fargate() {
        return "FARGATE".equalsIgnoreCase(launchType);
    }
}
