package io.drainboard.drain;

import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finishing a scale-in that ECS holds back because every surplus task is protected. Target tracking lowers the desired
 * count, but ECS stops no protected task (Developer Guide "Protect your Amazon ECS tasks from being terminated by
 * scale-in events"), and LiveKit's dispatch weights workers by 1 − load, so the emptiest task gets the next call and no
 * task goes idle: the service keeps every task for hours (docs/scaling.md, "Scale-in of chosen tasks"). No scaling
 * setting picks which tasks to give up; this does, one pass at a time.
 * <p>
 * While the service runs more tasks than desired (and than its calls need at the policy's target, {@link Need}), the
 * surplus is chosen idle-soonest (idle ones first, then by when
 * their calls are predicted to end, fewer calls on a tie) and held back from new calls: leaned where the workers serve
 * the lean route — reversible, and a leaned worker still takes a call when every other is full, so a surge that comes
 * back meets no refused caller — else cordoned (one-way). A chosen task with no call is cordoned, and let go
 * ({@link Decision#stop}) on a later pass whose reading, taken after the cordon, still shows it idle: nothing can have
 * been dispatched to it in between. The lab's pass stops it (StopTask); the guard releases its protection and ECS's
 * waiting scale-in stops it ({@link ChosenScaleIns}): cordoned, it takes no call in between. With the count already
 * lowered, ECS starts no replacement for it. When the surplus is gone (the desired count came back up) leans end; a
 * cordoned task cannot take calls again, so it is still let go once idle. Never a task with calls, never one whose calls are unknown (the caller leaves those out), never
 * during a deployment (the rollout owns the tasks then).
 */
public final class PendingScaleIn {
    /** How a task is held back from new calls. */
    public enum Hold {
        /** Lean route: LiveKit weighs it by 1 − 0.99; ended when the surplus is gone. */
        LEANED,
        /** Drain route (server.drain()): no new calls, one-way. */
        CORDONED
    }

    /**
     * A running task whose calls are known.
     *
     * @param idleInSeconds when its calls are predicted to have ended (median; 0 when idle)
     */
    public record Task(String arn, int calls, double idleInSeconds) {
        /** From the fleet snapshot, with the risk model's forecast (docs/drain.md, Risk model). */
        public static Task of(TaskSnapshot t, Instant now, CutRisk risk) {
            int n = t.calls().count();
            return new Task(t.arn(), n, n == 0 ? 0 : CallAges.forecast(t, now, risk).median());
        }
    }

    /**
     * What to do in this pass, and the holds to carry to the next.
     *
     * @param lean    busy tasks to lean (again: a lean lapses on its own, so each pass renews it)
     * @param endLean tasks leaned before that the service needs again
     * @param cordon  tasks to cordon: idle chosen ones (stopped on a later pass), busy ones where there is no lean route
     * @param stop    cordoned tasks still idle in a reading taken after their cordon: let them go (the lab stops them, the guard releases them for ECS to stop)
     */
    public record Decision(List<String> lean, List<String> endLean, List<String> cordon, List<String> stop,
                           Map<String, Hold> held) {
        public boolean nothing() {
            return lean.isEmpty() && endLean.isEmpty() && cordon.isEmpty() && stop.isEmpty();
        }
    }

    private PendingScaleIn() {
    }

    /** The tasks to give up: running above the larger of the desired count and what the calls need ({@link Need}). */
    public static int surplus(int desired, int running, int calls, int peakCalls, Need need) {
        return Math.max(0, running - Math.max(desired, need.tasksFor(Math.max(calls, peakCalls))));
    }

    /**
     * What the running calls need. The scaling metric is averaged over every task that publishes it, the surplus
     * included, so while a scale-in is pending target tracking sees a lower load than the tasks it keeps will carry
     * and lowers the desired count again (capacity × metric ÷ target, Application Auto Scaling User Guide, "Target
     * tracking scaling policies"). Without the surplus that second step would not have come: stopping down to it puts
     * the rest above the target and the next scale-out starts tasks again (docs/scaling.md). So the surplus is
     * counted above the larger of the desired count and the tasks the calls need at the target — the most calls
     * over the last {@link #WINDOW}, the window target tracking's own scale-in alarm looks at (15 datapoints of a
     * minute below 90 % of the target), since a scale-in justified by one quiet minute undoes itself in the next.
     *
     * @param sessionsPerTask the calls a task holds
     * @param targetLoad      the policy's target worker load, in (0, 1]
     */
    public record Need(int sessionsPerTask, double targetLoad) {
        public Need {
            if (sessionsPerTask < 1 || !(targetLoad > 0 && targetLoad <= 1)) {
                throw new IllegalArgumentException("sessions per task ≥ 1 and a target load in (0, 1]");
            }
        }

        /** Target tracking's low alarm: 15 one-minute datapoints. */
        public static final java.time.Duration WINDOW = java.time.Duration.ofMinutes(15);

        /** The tasks {@code calls} need at the target load. */
        public int tasksFor(int calls) {
            return (int) Math.ceil(calls / (sessionsPerTask * targetLoad) - 1e-9);
        }
    }

    /**
     * @param desired   the service's desired count
     * @param running   its tasks RUNNING and not told to stop (those whose calls are unknown included)
     * @param tasks     the running tasks whose calls are known, read after the previous pass's cordons
     * @param held      the holds of the previous pass
     * @param need      the sessions a task holds and the policy's target worker load: the service keeps at least the
     *                  tasks its calls need at that load
     * @param peakCalls the most calls the service held at once over the last {@link Need#WINDOW} (0 when unknown:
     *                  the calls now count)
     * @param leanRoute the workers serve the lean route
     * @param deploying more than one deployment: leans end, nothing new is held
     */
    public static Decision decide(int desired, int running, List<Task> tasks, Map<String, Hold> held, Need need,
                                  int peakCalls, boolean leanRoute, boolean deploying) {
        List<String> lean = new ArrayList<>(), endLean = new ArrayList<>(), cordon = new ArrayList<>(), stop = new ArrayList<>();
        Map<String, Hold> next = new LinkedHashMap<>();
        List<Task> free = new ArrayList<>();
        int calls = 0;
        for (Task t : tasks) calls += t.calls();
        int surplus = deploying ? 0 : surplus(desired, running, calls, peakCalls, need);
        int cordoned = 0;
        for (Task t : tasks) {
            Hold h = held.get(t.arn());
            if (h == Hold.CORDONED) {
                // One-way: idle, it goes (replaced by ECS if the service needs it); busy, it waits for its calls.
                if (t.calls() == 0) stop.add(t.arn());
                else next.put(t.arn(), Hold.CORDONED);
                cordoned++;
            } else {
                free.add(t);
            }
        }
        int want = Math.max(0, surplus - cordoned);
        free.sort(Comparator.comparingDouble(Task::idleInSeconds).thenComparingInt(Task::calls)
                .thenComparing(t -> held.get(t.arn()) != Hold.LEANED).thenComparing(Task::arn));
        for (int i = 0; i < free.size(); i++) {
            Task t = free.get(i);
            boolean chosen = i < want;
            if (chosen && t.calls() == 0) {
                // Stopped on a later pass, once a reading taken after the cordon still shows it idle.
                cordon.add(t.arn());
                next.put(t.arn(), Hold.CORDONED);
            } else if (chosen && leanRoute) {
                lean.add(t.arn());
                next.put(t.arn(), Hold.LEANED);
            } else if (chosen) {
                cordon.add(t.arn());
                next.put(t.arn(), Hold.CORDONED);
            } else if (held.get(t.arn()) == Hold.LEANED) {
                endLean.add(t.arn());
            }
        }
        return new Decision(lean, endLean, cordon, stop, next);
    }
}
