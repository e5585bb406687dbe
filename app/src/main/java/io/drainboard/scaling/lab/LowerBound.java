package io.drainboard.scaling.lab;

/**
 * Perfect-foresight capacity: at every minute just enough tasks for the calls then running, each launched
 * {@code leadMinutes} ahead (its start-up), and none kept a minute longer. No real policy can use fewer
 * task-hours with every call served at once; the lab reports each policy's task-hours against it.
 */
public record LowerBound(int[] tasks, double taskHours) {
    public static LowerBound of(CallPlan plan, int capacityPerTask, int leadMinutes) {
        int[] calls = plan.concurrentPerMinute();
        int[] need = new int[calls.length];
        for (int m = 0; m < calls.length; m++) need[m] = (calls[m] + capacityPerTask - 1) / capacityPerTask;
        int[] tasks = new int[calls.length];
        long sum = 0;
        for (int m = 0; m < calls.length; m++) {
            int best = need[m];
            for (int k = 1; k <= leadMinutes && m + k < calls.length; k++) best = Math.max(best, need[m + k]);
            tasks[m] = best;
            sum += best;
        }
        return new LowerBound(tasks, sum / 60.0);
    }
}
