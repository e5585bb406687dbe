package io.drainboard.scaling.lab;

/**
 * Perfect-foresight capacity: at every minute just enough tasks for the calls then running, each launched
 * {@code leadMinutes} ahead (its start-up), and none kept a minute longer. No real policy can use fewer
 * task-hours with every call served at once; the lab reports each policy's task-hours against it.
 */
public record LowerBound(int[] tasks, double taskHours) {
    public static LowerBound of(CallPlan plan, int capacityPerTask, int leadMinutes) {
        return of(plan, capacityPerTask, leadMinutes, 0);
    }

    /**
     * The same with a share of every task's sessions kept idle at every minute (0.2: the 20 % a policy without
     * foresight keeps for the surge it cannot see coming): what such a policy costs at best, for the arithmetic in
     * docs/benchmarks.md. The bound the lab reports is {@code idleShare} 0.
     */
    public static LowerBound of(CallPlan plan, int capacityPerTask, int leadMinutes, double idleShare) {
        int[] calls = plan.concurrentPerMinute();
        int[] need = new int[calls.length];
        double usable = capacityPerTask * (1 - idleShare);
        for (int m = 0; m < calls.length; m++) need[m] = (int) Math.ceil(calls[m] / usable - 1e-9);
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

    /**
     * The same capacity held at each clock hour's most for the whole hour: what scaling on a perfect hourly forecast
     * costs at best (Application Auto Scaling's predictive scaling forecasts capacity per hour, docs/scaling.md), for
     * the arithmetic in docs/benchmarks.md.
     */
    public LowerBound hourly() {
        int[] out = new int[tasks.length];
        long sum = 0;
        for (int from = 0; from < tasks.length; from += 60) {
            int to = Math.min(tasks.length, from + 60), most = 0;
            for (int m = from; m < to; m++) most = Math.max(most, tasks[m]);
            for (int m = from; m < to; m++) out[m] = most;
            sum += (long) most * (to - from);
        }
        return new LowerBound(out, sum / 60.0);
    }
}
