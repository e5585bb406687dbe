package io.drainboard.scaling.lab;

/**
 * What one policy did with the replayed calls, from the simulator's ground truth.
 *
 * @param waitedOver10s   served calls that waited more than 10 s for a worker
 * @param refused         calls whose caller gave up before a worker was free
 * @param cut             calls cut (a scale-in's SIGKILL or a drain timeout)
 * @param peakUtilisation the largest share of serving workers' capacity in use in any minute
 * @param taskHours       tasks billed (from launch until stopped) over the replay
 * @param scaleOuts       scaling activities that added tasks
 * @param tasksPerMinute  billed tasks each minute; {@code sessionsPerMinute} sessions each minute (for charts)
 * @param minutes         the rest of each minute's reading, for where the task-hours go ({@link Minutes})
 */
public record LabResult(String policy, long offered, long waitedOver10s, long refused, long cut, double peakUtilisation,
                        double taskHours, double boundTaskHours, int scaleOuts, int scaleIns, int[] tasksPerMinute,
                        int[] sessionsPerMinute, Minutes minutes) {
    /**
     * Each minute's desired count, callers waiting for a worker, the tasks a headroom policy aimed at
     * ({@code ⌈(sessions + headroom) ÷ capacity⌉}, 0 for other policies), and the billed tasks whose worker takes
     * calls or holds some (the rest are starting, warming up, or cordoned and idle), at the minute's end.
     */
    public record Minutes(int[] desired, int[] waiting, int[] aim, int[] serving) {
    }

    public double waitedShare() {
        return offered == 0 ? 0 : waitedOver10s / (double) offered;
    }

    public double refusedShare() {
        return offered == 0 ? 0 : refused / (double) offered;
    }

    public double costRatio() {
        return boundTaskHours == 0 ? 0 : taskHours / boundTaskHours;
    }
}
