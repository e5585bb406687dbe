package io.drainboard.sim.model;

import java.time.Instant;

/**
 * One task's answer to UpdateTaskProtection / GetTaskProtection: a ProtectedTask, or a failure with
 * the reason ECS gives (MISSING, TASK_NOT_VALID, DEPLOYMENT_BLOCKED; "API failure reasons").
 */
public record ProtectionResult(String taskArn, boolean protectionEnabled, Instant expirationDate,
                               String failureReason, String failureDetail) {
    static ProtectionResult of(TaskState t) {
        return new ProtectionResult(t.arn, t.protectionExpiresAt != null, t.protectionExpiresAt, null, null);
    }

    static ProtectionResult failure(String arn, String reason, String detail) {
        return new ProtectionResult(arn, false, null, reason, detail);
    }

    public boolean failed() {
        return failureReason != null;
    }
}
