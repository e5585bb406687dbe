package io.drainboard.drain;

import io.drainboard.aws.ssm.ExecFailure;
import io.drainboard.aws.ssm.ExecSignal;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code exec-signal} cordon (docs/exec-signal.md): ECS Exec runs the profile's signal command (default
 * {@code kill -TERM 1}) in the worker's container. The worker drains natively; ECS's stop clock does not
 * run. Its outcome is told apart: ECS refused ExecuteCommand (not sent, safe to try again, e.g. throttled)
 * or ECS accepted it and the session did not confirm the command ran (uncertain: the worker may be
 * draining, and a second signal would kill it with its calls).
 */
public final class ExecCordon implements Cordoner {
    private final Supplier<ExecSignal> signal;
    private final String command;
    private final Optional<String> container;

    /**
     * @param signal a fresh ExecSignal per cordon: a JDK HttpClient reused across data-channel sessions stopped
     *               opening websockets after a few sessions (seen against the simulator), and a cordon is rare
     */
    public ExecCordon(Supplier<ExecSignal> signal, String command, Optional<String> container) {
        this.signal = signal;
        this.command = command;
        this.container = container;
    }

    /** Sends the signal; {@code service} only names the session in errors. */
    public CordonOutcome send(String cluster, String service, String taskArn) {
        try {
            signal.get().run(cluster, service, taskArn, container, command);
            return CordonOutcome.sent();
        } catch (ExecFailure f) {
            return classify(f);
        }
    }

    @Override
    public String cordon(String cluster, String service, String taskArn) {
        CordonOutcome o = send(cluster, service, taskArn);
        return switch (o.kind()) {
            case SENT -> null;
            case NOT_SENT -> o.message();
            case UNCERTAIN -> o.message() + " — the signal may have been delivered: the drain treats the worker as signalled";
        };
    }

    static CordonOutcome classify(ExecFailure f) {
        return switch (f.kind()) {
            case EXEC_NOT_ENABLED, NOT_PERMITTED, AGENT_NOT_CONNECTED, NO_REGION -> CordonOutcome.notSent(f.getMessage());
            case EXECUTE_COMMAND_FAILED -> f.getCause() instanceof AwsServiceException s && s.statusCode() < 500
                    ? CordonOutcome.notSent(f.getMessage())
                    : CordonOutcome.uncertain(f.getMessage());
            // ExecuteCommand was accepted: the command may have run even though the session did not say so.
            default -> CordonOutcome.uncertain(f.getMessage());
        };
    }
}
