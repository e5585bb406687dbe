package io.drainboard.drain;

import io.drainboard.aws.ssm.ExecFailure;
import io.drainboard.aws.ssm.ExecSignal;
import io.drainboard.fleet.AwsErrors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code exec-signal} cordon (docs/exec-signal.md): ECS Exec runs the profile's signal command (default
 * {@code kill -TERM 1}) in the worker's container. The worker drains natively; ECS's stop clock does not
 * run. Its outcome is told apart: ECS refused ExecuteCommand (not sent, safe to try again, e.g. throttled)
 * or ECS accepted it and the session did not confirm the command ran (uncertain: the worker may be
 * draining, and a second signal would kill it with its calls). Before the signal the task is marked
 * ({@link SignalMark}); a task already marked, by anyone, is never signalled again.
 */
public final class ExecCordon implements Cordoner {
    private final Supplier<ExecSignal> signal;
    private final String command;
    private final Optional<String> container;
    private final SignalMark mark;

    /**
     * @param signal a fresh ExecSignal per cordon: a JDK HttpClient reused across data-channel sessions stopped
     *               opening websockets after a few sessions (seen against the simulator), and a cordon is rare
     * @param mark   the task's signal mark, read and written before the signal
     */
    public ExecCordon(Supplier<ExecSignal> signal, String command, Optional<String> container, SignalMark mark) {
        this.signal = signal;
        this.command = command;
        this.container = container;
        this.mark = mark;
    }

    /** Sends the signal, unless the task was signalled before; {@code service} only names the session in errors. */
    public CordonOutcome send(String cluster, String service, String taskArn) {
        try {
            SignalMark.Claim claim = mark.claim(taskArn);
            switch (claim.kind()) {
                case OTHER -> {
                    return alreadySignalled(claim.mark());
                }
                case WAITING -> {
                    return CordonOutcome.waiting("not signalled yet: its mark (tag " + SignalMark.TAG + ") is written and"
                            + " not yet in ECS's reads; the signal follows once it shows, so no two consoles both send it");
                }
                case MINE -> { }
            }
        } catch (SdkException e) {
            return CordonOutcome.notSent("the task's signal mark (tag " + SignalMark.TAG + ") cannot be read or written ("
                    + AwsErrors.explain(e) + "); not signalled, tried again later");
        }
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
            case NOT_SENT, WAITING -> o.message();
            case UNCERTAIN -> o.message() + " — the signal may have been delivered: the drain treats the worker as signalled";
        };
    }

    /** As {@link #cordon}, an UNCERTAIN signal worded for the drain, a WAITING one left to be asked again. */
    @Override
    public CordonOutcome attempt(String cluster, String service, String taskArn) {
        CordonOutcome o = send(cluster, service, taskArn);
        return o.kind() == CordonOutcome.Kind.UNCERTAIN ? CordonOutcome.uncertain(o.message()
                + " — the signal may have been delivered: the drain treats the worker as signalled") : o;
    }

    /** Treated as sent: the worker may be draining already, and a second signal would kill it with its calls. */
    private static CordonOutcome alreadySignalled(String how) {
        return CordonOutcome.uncertain("already signalled (" + SignalMark.TAG + " " + how + "): a worker is never"
                + " signalled twice");
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
