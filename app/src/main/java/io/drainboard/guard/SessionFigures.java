package io.drainboard.guard;

import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import io.drainboard.drain.SessionHeadroom;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The session figures an autoscaler should scale a voice service on instead of CPU: live sessions, sessions per
 * running task, and utilisation against the worker's capacity (tasks × sessions one task takes). Only from a reading
 * where every running task's calls are known: a number with unknown tasks in it would be a made-up zero.
 *
 * @param capacity     sessions one task takes (the service's {@value #CAPACITY_TAG} tag); empty: no utilisation
 * @param headroomLoad (sessions + the ramp-sized headroom) ÷ (desired tasks × capacity), what the recommended policy
 *                     tracks ({@link SessionHeadroom}); empty without a capacity or before {@link #withHeadroom}
 * @param tasksNeeded  the tasks those sessions and that headroom need (for the operator: the count the policy aims at)
 */
public record SessionFigures(String cluster, String service, int activeSessions, int runningTasks, int desiredTasks,
                             OptionalDouble sessionsPerTask, OptionalDouble utilization, Optional<Integer> capacity,
                             OptionalDouble headroomLoad, OptionalInt tasksNeeded) {
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
        return Optional.of(new SessionFigures(s.clusterName(), s.name(), sessions, running, s.desiredCount(), perTask, util,
                capacity, OptionalDouble.empty(), OptionalInt.empty()));
    }

    /** With the headroom load and the tasks needed at this ramp (sessions a minute); unchanged without a capacity. */
    public SessionFigures withHeadroom(double ramp, SessionHeadroom h) {
        if (capacity.isEmpty()) return this;
        int c = capacity.get();
        return new SessionFigures(cluster, service, activeSessions, runningTasks, desiredTasks, sessionsPerTask,
                utilization, capacity, OptionalDouble.of(h.load(activeSessions, ramp, desiredTasks, c)),
                OptionalInt.of(h.tasksNeeded(activeSessions, ramp, c)));
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
