package io.drainboard.drain;

import java.time.Instant;
import java.util.Optional;

/**
 * What a drain does to the fleet. The real implementation goes through the AWS/LiveKit gateways and
 * is audited; each call returns an error message in the operator's words, or empty on success.
 */
public interface DrainEffects {
    /** Protects (or re-protects) the task; returns the new expiry, or the error. */
    Result<Instant> protect(String cluster, String taskArn, int minutes, String reason);

    /** Cordons a task of {@code service} (named in the operator's fix-it text when it fails). */
    Result<Void> cordon(String cluster, String service, String taskArn, CordonMethod method, String reason);

    /** StopTask. The engine guarantees it is never called on a signalled task that still has calls. */
    Result<Void> stopTask(String cluster, String taskArn, String reason);

    Result<Void> release(String cluster, String taskArn, String reason);

    /** How {@link #reprotect} says the release itself was refused (the task is still protected as it was). */
    String RELEASE_REFUSED = "release refused: ";

    /**
     * Releases the task and protects it again at once, in that order, as one effect: ECS refused to renew its
     * protection (DEPLOYMENT_BLOCKED, {@link Renewal}) while it waits to stop nothing. One effect, so that effects
     * sent off the caller's thread can never protect first and release after.
     */
    default Result<Instant> reprotect(String cluster, String taskArn, int minutes, String reason) {
        Result<Void> off = release(cluster, taskArn, reason + "; released to be protected again at once");
        if (!off.ok()) return Result.failed(RELEASE_REFUSED + off.error().orElse("no answer"));
        return protect(cluster, taskArn, minutes, reason + "; protected again after its release");
    }

    static boolean releaseRefused(String error) {
        return error.startsWith(RELEASE_REFUSED);
    }

    /** Records a decision the drain took on its own (a deadline policy applied, an alarm) in the audit log. */
    void record(String action, String cluster, String taskArn, String detail);

    /**
     * Success with a value, the reason it failed, or (effects sent off the caller's thread, {@link AsyncDrainEffects})
     * that it is on its way: {@code sending} says what, and the answer comes to the same call on a later step.
     */
    record Result<T>(Optional<T> value, Optional<String> error, Optional<String> sending) {
        public static <T> Result<T> ok(T v) {
            return new Result<>(Optional.ofNullable(v), Optional.empty(), Optional.empty());
        }

        public static <T> Result<T> failed(String why) {
            return new Result<>(Optional.empty(), Optional.of(why), Optional.empty());
        }

        /** Sent and not answered yet. */
        public static <T> Result<T> inFlight(String what) {
            return new Result<>(Optional.empty(), Optional.empty(), Optional.of(what));
        }

        /** Answered, and not with a failure. */
        public boolean ok() {
            return error.isEmpty() && sending.isEmpty();
        }

        public boolean pending() {
            return sending.isPresent();
        }
    }
}
