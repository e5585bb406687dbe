package io.drainboard.drain;

import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.fleet.ServiceSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A busy task outranks an idle one for ECS's protection slots. ECS refuses to protect a task with DEPLOYMENT_BLOCKED
 * when "the service has more protected tasks than the desired count" (Developer Guide "Protect your Amazon ECS tasks
 * from being terminated by scale-in events"): during a deploy, or while a scale-in waits on busy tasks, a busy task the
 * guard did not protect yet can be refused pass after pass while an idle task holds a slot, and the next scale-in
 * stops the busy one (docs/benchmarks.md, guard chaos seed 82). So when a busy task is refused at the limit, the guard
 * releases as many idle tasks it holds ({@link GuardPolicy#roomFor}) and asks again for the busy ones. Only the guard
 * that leads may do this (it releases); a busy task is never released.
 */
public final class GuardRoom {
    private GuardRoom() {
    }

    /** What making room did: the idle tasks released, and the protections' outcomes with the retried ones' answers. */
    public record Made(List<String> released, List<TaskProtectionGateway.Outcome> protections) {
    }

    /**
     * @param protections the outcomes of the guard's protect batch
     * @param idleSince   the decision's idle clocks (the longest-idle task goes first)
     * @param releasing   what the decision releases anyway (not counted twice)
     * @param who         "guard mode", "guard service": the audit reason's subject
     */
    public static Made forBusy(GuardPolicy policy, ProtectionActions actions, ServiceSnapshot s,
                               List<TaskProtectionGateway.Outcome> protections, Map<String, java.time.Instant> idleSince,
                               List<String> releasing, GuardPolicy.View view, int minutes, String who) {
        List<String> refused = new ArrayList<>();
        for (TaskProtectionGateway.Outcome o : protections) {
            if (!o.ok() && Renewal.blocked(o.message())) refused.add(o.taskArn());
        }
        GuardPolicy.Room room = policy.roomFor(s, refused, idleSince, releasing, view);
        if (room.release().isEmpty()) return new Made(List.of(), protections);
        List<String> released = actions.release(s.clusterName(), room.release(),
                who + ": idle task released to make room for a busy one ECS refused to protect at its protected-task limit")
                .stream().filter(TaskProtectionGateway.Outcome::ok).map(TaskProtectionGateway.Outcome::taskArn).toList();
        if (released.isEmpty()) return new Made(List.of(), protections);
        List<String> again = room.busy().subList(0, Math.min(released.size(), room.busy().size()));
        List<TaskProtectionGateway.Outcome> retried = actions.protect(s.clusterName(), again, minutes,
                who + ": busy task protected in the room an idle task left");
        List<TaskProtectionGateway.Outcome> out = new ArrayList<>();
        for (TaskProtectionGateway.Outcome o : protections) if (!again.contains(o.taskArn())) out.add(o);
        out.addAll(retried);
        return new Made(released, out);
    }
}
