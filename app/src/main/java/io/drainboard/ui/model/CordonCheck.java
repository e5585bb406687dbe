package io.drainboard.ui.model;


import io.drainboard.profile.Profile.CordonMethod;
import io.drainboard.fleet.ServiceSnapshot;

import java.util.Optional;

/**
 * Whether a safe drain's cordon can work on a service, said before anyone drains. exec-signal runs its command
 * through ECS Exec, which ECS refuses for a task whose service did not enable it when the task started
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html): the drain would fail at its first
 * step and leave the task protected.
 */
public final class CordonCheck {
    private CordonCheck() {
    }

    /** The readiness warning, when the service's cordon method cannot work on it. */
    public static Optional<Readiness.Warning> warning(CordonMethod method, ServiceSnapshot s) {
        return problem(method, s).map(p -> new Readiness.Warning(Readiness.Level.WARN, "Safe drain cannot cordon "
                + s.name() + ": ECS Exec is off", p));
    }

    /** What is wrong and what to do, in one sentence; empty when the cordon can work. */
    public static Optional<String> problem(CordonMethod method, ServiceSnapshot s) {
        if (method != CordonMethod.EXEC_SIGNAL || s.enableExecuteCommand()) return Optional.empty();
        return Optional.of("Its cordon is exec-signal, which needs ECS Exec: a safe drain would fail at the cordon and"
                + " leave the task protected. Enable it (`aws ecs update-service --cluster " + s.clusterName()
                + " --service " + s.name() + " --enable-execute-command --force-new-deployment`; tasks started before"
                + " keep it off) or set this service's cordon.method to http.");
    }
}
