package io.drainboard.drain;

import io.drainboard.aws.ssm.ExecFailure;
import io.drainboard.aws.ssm.ExecSignal;

import java.util.Optional;

/**
 * The {@code exec-signal} cordon (DESIGN.md §3): ECS Exec runs the profile's signal command (default
 * {@code kill -TERM 1}) in the worker's container. The worker drains natively; ECS's stop clock does
 * not run. If the outcome is unknown (connection lost after the command may have run), the drain must
 * treat the worker as signalled: never send it another signal.
 */
public final class ExecCordon implements Cordoner {
    private final ExecSignal signal;
    private final String command;
    private final Optional<String> container;

    public ExecCordon(ExecSignal signal, String command, Optional<String> container) {
        this.signal = signal;
        this.command = command;
        this.container = container;
    }

    @Override
    public String cordon(String cluster, String taskArn) {
        try {
            signal.run(cluster, cluster, taskArn, container, command);
            return null;
        } catch (ExecFailure e) {
            return e.getMessage() + (e.outcomeUnknown()
                    ? " — the signal may have been delivered: the drain treats the worker as signalled" : "");
        }
    }
}
