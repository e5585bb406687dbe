package io.drainboard.guard;

import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The session figures an autoscaler should scale a voice service on instead of CPU: live sessions, sessions per
 * running task, and utilisation against the worker's capacity (tasks × sessions one task takes). Only from a reading
 * where every running task's calls are known: a number with unknown tasks in it would be a made-up zero.
 *
 * @param capacity sessions one task takes (the service's {@value #CAPACITY_TAG} tag); empty: no utilisation
 */
public record SessionFigures(String cluster, String service, int activeSessions, int runningTasks,
                             OptionalDouble sessionsPerTask, OptionalDouble utilization, Optional<Integer> capacity) {
    /** The service tag that says how many sessions one of its tasks takes (the worker's capacity). */
    public static final String CAPACITY_TAG = io.drainboard.drain.ChosenScaleIns.CAPACITY_TAG;

    /** The figures, or empty when a running task's calls are unknown (then nothing is published). */
    public static Optional<SessionFigures> of(ServiceSnapshot s) {
        int sessions = 0, running = 0;
        for (TaskSnapshot t : s.tasks()) {
            if (!"RUNNING".equals(t.lastStatus())) continue;
            if (!t.calls().known()) return Optional.empty();
            running++;
            sessions += t.calls().count();
        }
        Optional<Integer> capacity = capacity(s);
        OptionalDouble perTask = running == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) sessions / running);
        OptionalDouble util = running == 0 || capacity.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of((double) sessions / ((double) running * capacity.get()));
        return Optional.of(new SessionFigures(s.clusterName(), s.name(), sessions, running, perTask, util, capacity));
    }

    static Optional<Integer> capacity(ServiceSnapshot s) {
        try {
            int n = Integer.parseInt(s.tags().getOrDefault(CAPACITY_TAG, "").trim());
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
