package io.drainboard.fleet;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * More settled tasks due than the bucket lets a refresh re-read: the oldest data goes first, whichever list's pages
 * come back first — else a task on a slow page could show the same stale data for ever.
 */
class RereadBudgetTest {
    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");
    /** 8 requests a refresh, 7 of them spent on lists: one DescribeTasks of 100 settled tasks is left. */
    private static final ReadSettings TIGHT = new ReadSettings(Duration.ofSeconds(30), 10, Duration.ofSeconds(300), 50, 8);

    @Test
    void whenMoreAreDueThanOneRefreshCanReReadOnlyTheOldestTakePart() {
        RereadBudget budget = new RereadBudget(TIGHT, 7);
        List<Instant> due = new ArrayList<>();
        for (int i = 0; i < 150; i++) due.add(T0.plusSeconds(i)); // task i last described i seconds after T0
        budget.oldestFirst(due);
        assertTrue(budget.mayReread(T0), "the oldest");
        assertTrue(budget.mayReread(T0.plusSeconds(99)), "the 100th oldest");
        assertFalse(budget.mayReread(T0.plusSeconds(100)), "the 101st waits: a batch is 100 tasks");
        assertFalse(budget.mayReread(T0.plusSeconds(149)));
    }

    @Test
    void whenEveryDueTaskFitsNoneWaitsAndAnUnlimitedBudgetNeverSorts() {
        RereadBudget budget = new RereadBudget(TIGHT, 7);
        List<Instant> due = new ArrayList<>();
        for (int i = 0; i < 100; i++) due.add(T0.plusSeconds(i));
        budget.oldestFirst(due);
        assertTrue(budget.mayReread(T0.plusSeconds(3600)));

        RereadBudget unlimited = RereadBudget.unlimited();
        for (int i = 0; i < 1000; i++) due.add(T0.plusSeconds(i));
        unlimited.oldestFirst(due);
        assertTrue(unlimited.mayReread(T0.plusSeconds(3600)));
    }

    @Test
    void oneDescribeOfSettledTasksARefreshWhenTheListsTookTheRest() {
        RereadBudget budget = new RereadBudget(TIGHT, 7);
        assertEquals(0, budget.deferred());
        assertTrue(budget.takeBatch());
        assertFalse(budget.takeBatch(), "one batch a refresh");
    }
}
