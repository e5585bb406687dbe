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
        return !s.deploying() && s.runningCount() + s.pendingCount() <= s.desiredCount()
                && t.taskDefinitionArn().equals(s.taskDefinitionArn()) && "RUNNING".equals(t.desiredStatus());
    }

    /** The two calls a regrant makes, through the caller's own audited effects, with the caller's reasons. */
    public interface Calls {
        List<TaskProtectionGateway.Outcome> release(List<String> tasks);

        List<TaskProtectionGateway.Outcome> protect(List<String> tasks);
    }

    /**
     * What a release-then-protect did.
     *
     * @param outcomes the renewals' outcomes, those of the tasks released replaced by their new grants
     * @param exposed  tasks released whose protection was not granted again: unprotected now
     */
    public record Regrant(List<TaskProtectionGateway.Outcome> outcomes, List<String> exposed) {
    }

    /**
     * Renewals ECS refused at its protected-task limit granted again where that is safe: each such task that the
     * snapshot shows protected and {@link #regrantIsSafe} is released and protected again at once (release first).
     * A task whose release is refused keeps its refusal and the lease it has; one released and not protected again
     * is reported as exposed. Guard mode, the guard service, a safe scale-in and a rollout all renew through this.
     */
    public static Regrant regrant(ServiceSnapshot s, List<TaskProtectionGateway.Outcome> renewals, Calls calls) {
        List<String> again = new ArrayList<>();
        for (TaskProtectionGateway.Outcome o : renewals) {
            if (o.ok() || !blocked(o.message())) continue;
            s.tasks().stream().filter(t -> t.arn().equals(o.taskArn())).findFirst()
                    .filter(t -> t.protection().state() == Protection.State.ON)
                    .filter(t -> regrantIsSafe(s, t)).ifPresent(t -> again.add(t.arn()));
        }
        if (again.isEmpty()) return new Regrant(renewals, List.of());
        List<String> released = calls.release(again).stream().filter(TaskProtectionGateway.Outcome::ok)
                .map(TaskProtectionGateway.Outcome::taskArn).toList();
        if (released.isEmpty()) return new Regrant(renewals, List.of());
        List<TaskProtectionGateway.Outcome> renewed = calls.protect(released);
        List<String> exposed = new ArrayList<>(released);
        renewed.stream().filter(TaskProtectionGateway.Outcome::ok).forEach(o -> exposed.remove(o.taskArn()));
        List<TaskProtectionGateway.Outcome> out = new ArrayList<>();
        for (TaskProtectionGateway.Outcome o : renewals) if (!released.contains(o.taskArn())) out.add(o);
        out.addAll(renewed);
        return new Regrant(out, List.copyOf(exposed));
    }

    /**
     * A guard's batch of renewals through {@link #regrant}, with the guard's reasons (in one thread: the guard's
     * effects are not sent off it). Elsewhere the lease the task has is the cushion and the refusal stays in the
     * outcomes.
     *
     * @param who "guard mode", "guard service": the audit reason's subject
     */
    public static List<TaskProtectionGateway.Outcome> regrantRefused(ProtectionActions actions, ServiceSnapshot s,
                                                                     List<TaskProtectionGateway.Outcome> renewals,
                                                                     int minutes, String who) {
        return regrant(s, renewals, new Calls() {
            @Override
            public List<TaskProtectionGateway.Outcome> release(List<String> tasks) {
                return actions.release(s.clusterName(), tasks, who
                        + ": released to be protected again at once (ECS refused the renewal at its protected-task limit)");
            }

            @Override
            public List<TaskProtectionGateway.Outcome> protect(List<String> tasks) {
                return actions.protect(s.clusterName(), tasks, minutes, who + ": protected again after release");
            }
        }).outcomes();
    }
}
