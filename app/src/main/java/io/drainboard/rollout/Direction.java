package io.drainboard.rollout;

/** Toward the new revision, or back to the one the service ran before (the same process, reversed). */
public enum Direction { FORWARD, ROLLBACK }
