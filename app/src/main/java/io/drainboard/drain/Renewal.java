package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.Optional;

/**
 * A renewal that ECS refuses with DEPLOYMENT_BLOCKED. ECS documents only that the error means "the service has
 * more protected tasks than the desired count" (Developer Guide "Protect your Amazon ECS tasks from being
 * terminated by scale-in events"); whether renewing a task that is already protected counts is not documented
 * (docs/simulator.md "Rules and switches"). Where it counts, a service whose every task is protected — guard mode's
 * steady state, a rollout's start — can renew none of them, and each lease would simply run out. Two answers:
 * <ul>
 *   <li>the task is still protected: keep the protection it has and try again later (never a failure while the
 *       lease holds);</li>
 *   <li>ECS is waiting to stop nothing — one deployment, no more tasks than desired, the task of the service's
 *       revision — so the task may be released and protected again at once: nothing would stop it in between.</li>
 * </ul>
 */
public final class Renewal {
    private Renewal() {
    }

    /** The refusal is ECS's protected-task limit. */
    public static boolean blocked(String error) {
        return error != null && error.startsWith("DEPLOYMENT_BLOCKED");
    }

    /** Until when the task is protected by what we or the snapshot know, if it is protected after {@code now}. */
    public static Optional<Instant> heldUntil(Optional<TaskSnapshot> task, Instant ours, Instant now) {
        Instant seen = task.map(TaskSnapshot::protection).filter(p -> p.state() == Protection.State.ON)
                .flatMap(Protection::expiresAt).orElse(null);
        Instant best = seen == null ? ours : ours == null ? seen : (seen.isAfter(ours) ? seen : ours);
        return best != null && best.isAfter(now) ? Optional.of(best) : Optional.empty();
    }

    /**
     * Releasing the task and protecting it again is safe: the service has one deployment, no more tasks than it
     * wants, and the task runs its revision, so no scale-in or deployment is waiting for an unprotected task.
     */
    public static boolean regrantIsSafe(ServiceSnapshot s, TaskSnapshot t) {
        return s.deployments().size() <= 1 && s.runningCount() + s.pendingCount() <= s.desiredCount()
                && t.taskDefinitionArn().equals(s.taskDefinitionArn()) && "RUNNING".equals(t.desiredStatus());
    }
}
