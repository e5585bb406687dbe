package io.drainboard.rollout;

import java.time.Instant;

/** One old task's drain as the journal keeps it. Mutable; owned by the engine. */
final class DrainMemo {
    public String task;
    public Direction direction;
    public Instant startedAt;
    public CordonState cordon = CordonState.NOT_YET;
    public Instant cordonedAt;
    public String cordonNote;
    /** Drained without cordon, stopped only when idle (cordon not trusted, or the operator chose it). */
    public boolean idleOnly;
    public boolean stopSent;
    public Instant endedAt;
    public String outcome;
    public int retries;

    DrainMemo() {
    }

    DrainMemo(String task, Direction direction, Instant startedAt) {
        this.task = task;
        this.direction = direction;
        this.startedAt = startedAt;
    }

    boolean ended() {
        return endedAt != null;
    }

    /** A signal may already have reached the worker: never cordon by ECS Exec again. */
    boolean mayBeSignalled() {
        return cordon != CordonState.NOT_YET;
    }
}
