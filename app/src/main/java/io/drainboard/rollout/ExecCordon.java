package io.drainboard.rollout;

import io.drainboard.aws.ssm.ExecFailure;
import io.drainboard.aws.ssm.ExecSignal;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The exec-signal cordon with its outcome told apart (DESIGN.md §3): ECS refused ExecuteCommand (not sent,
 * safe to try again, e.g. throttled) or ECS accepted it and the session did not confirm the command ran
 * (uncertain: the worker may be draining, and a second signal would kill it with its calls).
 */
final class ExecCordon {
    private final Supplier<ExecSignal> signal;

    /**
     * @param signal a fresh ExecSignal per cordon: a JDK HttpClient reused across data-channel sessions stopped
     *               opening websockets after a few sessions (seen against the simulator), and a cordon is rare
     */
    ExecCordon(Supplier<ExecSignal> signal) {
        this.signal = signal;
    }

    RolloutEffects.CordonOutcome cordon(String cluster, String service, String task, Optional<String> container,
                                        String command) {
        try {
            signal.get().run(cluster, service, task, container, command);
            return RolloutEffects.CordonOutcome.sent();
        } catch (ExecFailure f) {
            return classify(f);
        }
    }

    static RolloutEffects.CordonOutcome classify(ExecFailure f) {
        return switch (f.kind()) {
            case EXEC_NOT_ENABLED, NOT_PERMITTED, AGENT_NOT_CONNECTED -> RolloutEffects.CordonOutcome.notSent(f.getMessage());
            case EXECUTE_COMMAND_FAILED -> f.getCause() instanceof AwsServiceException s && s.statusCode() < 500
                    ? RolloutEffects.CordonOutcome.notSent(f.getMessage())
                    : RolloutEffects.CordonOutcome.uncertain(f.getMessage());
            // ExecuteCommand was accepted: the command may have run even though the session did not say so.
            default -> RolloutEffects.CordonOutcome.uncertain(f.getMessage());
        };
    }
}
