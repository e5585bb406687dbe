package io.drainboard.rollout;

import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.aws.ServiceDeployGateway;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.CordonMethod;
import io.drainboard.drain.CordonOutcome;
import io.drainboard.drain.HttpCordon;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a rollout does to the world. The real implementation ({@link FleetRolloutEffects}) goes
 * through the AWS gateways and the cordoners and audits each mutation; a failure throws {@link StepFailed}
 * in the operator's words, and the engine tries the step again on its next pass.
 */
public interface RolloutEffects {
    Optional<ScalableTargetGateway.Scaling> scaling(String cluster, String service);

    void setScaling(String cluster, String service, ScalableTargetGateway.Scaling flags, String reason);

    List<TaskProtectionGateway.Outcome> protect(String cluster, List<String> tasks, int minutes, String reason);

    List<TaskProtectionGateway.Outcome> release(String cluster, List<String> tasks, String reason);

    void configure(String cluster, String service, ServiceDeployGateway.DeploymentSettings settings, String reason);

    void deploy(String cluster, String service, String taskDefinition, String reason);

    CordonOutcome cordon(String cluster, String service, String task, CordonMethod method, String reason);

    void stopTask(String cluster, String task, String reason);

    /**
     * The worker reports a raised load for {@code ttl} (zero ends the lean), through the lean route next to
     * the http cordon's drain route (docs/worker-snippets.md).
     */
    HttpCordon.Lean lean(String cluster, String task, Duration ttl, String reason);

    Map<String, String> tags(String resourceArn);

    /** Writes what the rollout observed at its end (its outcome) to the audit log. */
    default void record(String action, String target, String detail) {
    }

    /** A read-only profile: nothing may change, so no rollout may start, resume or abort through these effects. */
    default boolean readOnly() {
        return false;
    }

    void tag(String resourceArn, String key, String value, String reason);

    void untag(String resourceArn, String key, String reason);

    /** A step that did not happen, in the operator's words; the rollout retries it on its next pass. */
    final class StepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StepFailed(String message) {
            super(message);
        }

        public StepFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
