package io.drainboard.fleet;

import java.time.Duration;

/**
 * Tuning of the read path.
 *
 * @param settledTaskMaxAge      a settled task (RUNNING, desired RUNNING, healthy or without health check)
 *                               is described again once its data is about this old (spread per task so
 *                               re-reads do not bunch up) …
 * @param settledTaskMaxRefreshes … or after this many refreshes, whichever comes first
 * @param deregistrationDelay    assumed load balancer deregistration delay when the target group's is not
 *                               known (ELB's default, 300 s)
 * @param stoppedTasksPerService how many recently stopped tasks a service keeps in its snapshot
 */
public record ReadSettings(Duration settledTaskMaxAge, int settledTaskMaxRefreshes, Duration deregistrationDelay,
                           int stoppedTasksPerService) {
    public static final ReadSettings DEFAULT = new ReadSettings(Duration.ofSeconds(30), 10, Duration.ofSeconds(300), 50);

    /** Every task described on every refresh (no steady-state saving). */
    public ReadSettings describeEverything() {
        return new ReadSettings(Duration.ZERO, 0, deregistrationDelay, stoppedTasksPerService);
    }
}
