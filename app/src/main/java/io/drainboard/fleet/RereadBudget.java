package io.drainboard.fleet;

import io.drainboard.aws.EcsGateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many settled tasks one refresh may re-read in one account and region, so that a steady-state refresh stays
 * within ECS's "cluster resource read" bucket, which ListTasks and DescribeTasks share (docs/aws-facts.md#throttling;
 * the arithmetic is in docs/benchmarks.md). It is {@link ReadSettings#bucketPerRefresh()} less what the last refresh
 * there had to send anyway (every ListTasks page, and the DescribeTasks of new, changing and stopping tasks), and
 * never less than one request, so that every settled task is still re-read in time. It is handed out a whole
 * DescribeTasks (100 tasks) at a time, to one cluster's list, so that the requests it allows are the requests sent.
 * It also counts what this refresh spends, for the next one.
 * <p>
 * When more settled tasks are due than it allows, the oldest data goes first ({@link #oldestFirst}): otherwise the
 * lists whose pages come back first would take every batch, and a task on a slow page could wait for ever.
 */
final class RereadBudget {
    private final AtomicLong requestsLeft;
    private final AtomicLong listPages = new AtomicLong();
    private final AtomicLong mustDescribe = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();
    /** Due tasks described after this wait for a later refresh; null: every due task may be re-read. */
    private volatile Instant describedBy;

    /** @param spentLastRefresh requests the last refresh had to send in this account and region; -1: not known */
    RereadBudget(ReadSettings settings, long spentLastRefresh) {
        long requests = settings.bucketPerRefresh() == Integer.MAX_VALUE || spentLastRefresh < 0 ? Integer.MAX_VALUE
                : Math.max(1, settings.bucketPerRefresh() - spentLastRefresh);
        this.requestsLeft = new AtomicLong(requests);
    }

    static RereadBudget unlimited() {
        return new RereadBudget(ReadSettings.DEFAULT.describeEverything(), -1);
    }

    /**
     * Given when every due task of this account and region was last described, lets only the oldest this refresh can
     * re-read take part: those described at or before the (capacity)-th oldest. Tasks described by one DescribeTasks
     * share its time, so a few more than the capacity may qualify; the rest of them are the oldest next time.
     */
    void oldestFirst(List<Instant> dueDescribedAt) {
        if (!limited()) return;
        long capacity = requestsLeft.get() * EcsGateway.DESCRIBE_TASKS_BATCH;
        if (dueDescribedAt.size() <= capacity) return;
        List<Instant> sorted = new ArrayList<>(dueDescribedAt);
        sorted.sort(null);
        describedBy = sorted.get((int) capacity - 1);
    }

    /** Whether the bucket limits this refresh's re-reads at all (else every due task is re-read, in any order). */
    boolean limited() {
        return requestsLeft.get() < Integer.MAX_VALUE;
    }

    /** Whether a due task described at this time is among the oldest this refresh may re-read. */
    boolean mayReread(Instant describedAt) {
        Instant by = describedBy;
        return by == null || !describedAt.isAfter(by);
    }

    /** Whether one more DescribeTasks of settled tasks (up to 100) may be sent now. */
    boolean takeBatch() {
        return requestsLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** A settled task due for a re-read that waits for a later refresh. */
    void defer() {
        deferred.incrementAndGet();
    }

    void listed() {
        listPages.incrementAndGet();
    }

    void mustDescribe() {
        mustDescribe.incrementAndGet();
    }

    /** Requests this refresh had to send whatever the budget: its list pages and its must-describes, in batches. */
    long spent() {
        return listPages.get() + (mustDescribe.get() + EcsGateway.DESCRIBE_TASKS_BATCH - 1) / EcsGateway.DESCRIBE_TASKS_BATCH;
    }

    /** Settled tasks due for a re-read that waited for a later refresh. */
    long deferred() {
        return deferred.get();
    }
}
