package io.drainboard.rollout;

import java.time.Duration;
import java.util.List;

/**
 * The dry run: what a rollout would do, before anything changes — the order in which old tasks would be
 * drained (predicted idle soonest first), how long it should take as a range, the calls it puts at risk
 * (none: every task is idle when it is stopped), and each change it makes to the service.
 */
public record RolloutPlan(String serviceKey, String fromLabel, String toLabel, int maxParallel, int maximumPercent,
                          int extraTasks, List<Drain> order, Duration low, Duration high, int callsAffected,
                          List<String> changes, List<String> notes) {
    public RolloutPlan {
        order = List.copyOf(order);
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    /**
     * One old task in drain order, with its calls now and when it would be idle if cordoned now (10th–90th pct);
     * {@code callsKnown} false: the call source had no answer for it, so neither is known (never shown as 0).
     */
    public record Drain(int position, String taskId, int calls, double oldestSeconds, double idleP10, double idleP90,
                        boolean callsKnown) {
        public Drain(int position, String taskId, int calls, double oldestSeconds, double idleP10, double idleP90) {
            this(position, taskId, calls, oldestSeconds, idleP10, idleP90, true);
        }

        public String line() {
            if (!callsKnown) return String.format("%2d. %s  calls unknown, idle time unknown", position, taskId);
            return String.format("%2d. %s  %d call(s)%s, idle in %s–%s", position, taskId, calls,
                    calls == 0 ? "" : ", oldest " + Progress.minutes(oldestSeconds), Progress.minutes(idleP10),
                    Progress.minutes(idleP90));
        }
    }

    public String durationWords() {
        return Progress.duration(low) + "–" + Progress.duration(high);
    }

    /** The plan as the headless runner prints it. */
    public List<String> lines() {
        List<String> out = new java.util.ArrayList<>();
        out.add("plan: " + serviceKey + " " + fromLabel + " → " + toLabel + ", " + order.size() + " task(s), maxParallel "
                + maxParallel + ", predicted " + durationWords() + ", calls affected: " + callsAffected);
        for (String c : changes) out.add("  change: " + c);
        for (Drain d : order) out.add("  " + d.line());
        for (String n : notes) out.add("  note: " + n);
        return out;
    }
}
