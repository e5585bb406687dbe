package io.drainboard.scaling.lab;

import java.util.Optional;

/**
 * Where a policy's task-hours above the bound go, minute by minute, as shares of the bound's task-hours
 * (docs/benchmarks.md). Each minute's billed tasks are peeled down to the bound in order, each step clamped so the
 * parts add up to the ratio less one exactly:
 * <ol>
 *   <li>{@code held}: billed above the desired count (a scale-in ECS waits on: protected tasks with calls, the
 *   surplus the scale-in of chosen tasks has not let go yet);</li>
 *   <li>{@code lag}: desired above what a headroom policy aims at this minute (scale-in cooldown and the alarm's
 *   datapoints below 90 % of the target, a scale-out's overshoot, a minimum count);</li>
 *   <li>{@code room}: the spare task and the ramp's room ({@code max(spare, ramp × lead)});</li>
 *   <li>{@code share}: the share of the sessions kept idle on top;</li>
 *   <li>{@code whole}: the tasks this minute's sessions fill, rounded up, against the bound (which takes the most
 *   calls within the minute and looks a start-up lead ahead; negative where the policy ran short and callers waited).</li>
 * </ol>
 * For a policy that is not on the headroom load, {@code lag}, {@code room} and {@code share} are one part,
 * {@code lag} (desired above the tasks the sessions fill). {@code starting} is not a part: the billed tasks whose
 * worker takes no call yet (starting or warming up) or any more (cordoned and idle), for scale.
 */
public record Excess(double held, double lag, double room, double share, double whole, double starting) {
    public double total() {
        return held + lag + room + share + whole;
    }

    /**
     * @param shareOfSessions the headroom's share (empty: a policy not on the headroom load)
     */
    public static Excess of(LabResult r, LowerBound bound, int capacity, Optional<Double> shareOfSessions) {
        int[] billed = r.tasksPerMinute(), sessions = r.sessionsPerMinute(), desired = r.minutes().desired(),
                aim = r.minutes().aim(), serving = r.minutes().serving(), need = bound.tasks();
        long held = 0, lag = 0, room = 0, share = 0, whole = 0, starting = 0;
        for (int m = 0; m < billed.length && m < need.length; m++) {
            int p = billed[m];
            int d = Math.min(p, desired[m]);
            int n0 = (int) Math.ceil(sessions[m] / (double) capacity - 1e-9);
            int a = shareOfSessions.isPresent() ? Math.min(d, aim[m]) : d;
            int s = shareOfSessions.isPresent()
                    ? Math.min(a, (int) Math.ceil(sessions[m] * (1 + shareOfSessions.get()) / capacity - 1e-9)) : a;
            int o = Math.min(s, n0);
            held += p - d;
            lag += shareOfSessions.isPresent() ? d - a : d - o;
            room += shareOfSessions.isPresent() ? a - s : 0;
            share += shareOfSessions.isPresent() ? s - o : 0;
            whole += o - need[m];
            starting += Math.max(0, p - serving[m]);
        }
        double b = bound.taskHours() * 60;
        return new Excess(held / b, lag / b, room / b, share / b, whole / b, starting / b);
    }
}
