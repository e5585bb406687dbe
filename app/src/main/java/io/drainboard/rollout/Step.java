package io.drainboard.rollout;

/** Milestones of a rollout, each journaled once reached; a resumed rollout skips those already reached. */
enum Step {
    /** Our lock tag is written; it is confirmed on the next pass (ECS has no conditional tagging). */
    LOCK_WRITTEN, LOCKED,
    /** The service's deployment configuration and scaling state before we changed anything. */
    ORIGINALS,
    SCALE_IN_SUSPENDED,
    /** Rollback only: maximumPercent 100 so tasks stopped to get back to desired count are not replaced. */
    SHED_CONFIG_SET,
    /** Rollback only: no more running tasks than desired count, so all of them can be protected. */
    SHED,
    /** Every running task of the outgoing revision is protected. */
    PROTECTED,
    /** maximumPercent lets ECS start maxParallel tasks above desired count. */
    SURGE_SET,
    /** UpdateService to the target revision was sent. */
    DEPLOYED,
    /** The deployment configuration was changed (surge or shed) and must be put back. */
    CONFIG_CHANGED,
    RESTORED_CONFIG, RESTORED_SCALING, RELEASED, UNLOCKED
}
