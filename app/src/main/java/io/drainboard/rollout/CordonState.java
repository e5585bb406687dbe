package io.drainboard.rollout;

/** Where a task's cordon stands, as journaled. */
enum CordonState {
    NOT_YET,
    /** About to be sent: if the console died here, whether it went out is unknown. */
    INTENT,
    SENT,
    /** Sent, but its outcome is unknown (ECS Exec session not confirmed): treated as sent, never sent twice. */
    UNCERTAIN
}
