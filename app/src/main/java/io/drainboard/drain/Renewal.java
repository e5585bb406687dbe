package io.drainboard.drain;

import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * A guard's batch of renewals with those ECS refused at its protected-task limit granted again where that is
     * safe: each such task that is still protected and {@link #regrantIsSafe} is released and protected again at once
     * (release first, in one thread: the guard's effects are not sent off it). Elsewhere the lease the task has is
     * the cushion and the refusal stays in the outcomes. Guard mode and the guard service both renew through this.
     *
     * @param who "guard mode", "guard service": the audit reason's subject
     */
    public static List<TaskProtectionGateway.Outcome> regrantRefused(ProtectionActions actions, ServiceSnapshot s,
                                                                     List<TaskProtectionGateway.Outcome> renewals,
                                                                     int minutes, String who) {
        List<String> again = new ArrayList<>();
        for (TaskProtectionGateway.Outcome o : renewals) {
            if (o.ok() || !blocked(o.message())) continue;
            s.tasks().stream().filter(t -> t.arn().equals(o.taskArn())).findFirst()
                    .filter(t -> t.protection().state() == Protection.State.ON)
                    .filter(t -> regrantIsSafe(s, t)).ifPresent(t -> again.add(t.arn()));
        }
        if (again.isEmpty()) return renewals;
        List<TaskProtectionGateway.Outcome> released = actions.release(s.clusterName(), again,
                who + ": released to be protected again at once (ECS refused the renewal at its protected-task limit)");
        List<String> ok = released.stream().filter(TaskProtectionGateway.Outcome::ok).map(TaskProtectionGateway.Outcome::taskArn).toList();
        List<TaskProtectionGateway.Outcome> renewed = actions.protect(s.clusterName(), ok, minutes,
                who + ": protected again after release");
        List<TaskProtectionGateway.Outcome> out = new ArrayList<>();
        for (TaskProtectionGateway.Outcome o : renewals) if (!ok.contains(o.taskArn())) out.add(o);
        out.addAll(renewed);
        return out;
    }
}
