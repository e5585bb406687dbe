package io.drainboard.rollout;

/** How a rollout ended: every old task replaced and everything restored, or stopped at a safe point with a reason. */
public enum RolloutOutcome { COMPLETED, STOPPED }
