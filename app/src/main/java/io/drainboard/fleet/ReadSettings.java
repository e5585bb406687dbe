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
 * @param bucketPerRefresh       ListTasks and DescribeTasks requests one refresh may send in one account and region:
 *                               both draw on ECS's "cluster resource read" bucket (burst 100, refill 20 a second,
 *                               docs/aws-facts.md#throttling), so at a 5 s refresh 100 requests is what the bucket
 *                               refills, of which the console takes 95 ({@link #forRefresh}). Lists and the describes a refresh must send (new and changing tasks) come
 *                               first; re-reads of settled tasks whose data aged get what the last refresh left
 *                               ({@link RereadBudget}), and wait (their data older) when nothing is left
 */
public record ReadSettings(Duration settledTaskMaxAge, int settledTaskMaxRefreshes, Duration deregistrationDelay,
                           int stoppedTasksPerService, int bucketPerRefresh) {
    /** ECS's refill of the cluster resource read bucket, requests a second. */
    public static final int CLUSTER_RESOURCE_READ_REFILL = 20;
    public static final ReadSettings DEFAULT = new ReadSettings(Duration.ofSeconds(30), 10, Duration.ofSeconds(300), 50,
            CLUSTER_RESOURCE_READ_REFILL * 5 * 95 / 100);

    /** Without a cap on re-reads. */
    public ReadSettings(Duration settledTaskMaxAge, int settledTaskMaxRefreshes, Duration deregistrationDelay,
                        int stoppedTasksPerService) {
        this(settledTaskMaxAge, settledTaskMaxRefreshes, deregistrationDelay, stoppedTasksPerService, Integer.MAX_VALUE);
    }

    /** Every task described on every refresh (no steady-state saving, no cap). */
    public ReadSettings describeEverything() {
        return new ReadSettings(Duration.ZERO, 0, deregistrationDelay, stoppedTasksPerService, Integer.MAX_VALUE);
    }

    /**
     * The re-read cap for this refresh interval: 95 % of what ECS's bucket refills in it; the rest (1 request a second)
     * is left to the other tools of the account, which share the bucket.
     */
    public ReadSettings forRefresh(Duration interval) {
        long perRefresh = Math.max(1, interval.toMillis() * CLUSTER_RESOURCE_READ_REFILL * 95 / 100 / 1000);
        return new ReadSettings(settledTaskMaxAge, settledTaskMaxRefreshes, deregistrationDelay, stoppedTasksPerService,
                (int) Math.min(Integer.MAX_VALUE, perRefresh));
    }
}
