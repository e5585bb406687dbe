package io.drainboard.rollout;

import io.drainboard.stops.StopLine;

import java.time.Instant;
import java.util.Optional;

/**
 * A task the rollout watched, as the journal keeps it: its last call reading (so an engine resumed after a
 * crash still knows what the task carried), when this rollout signalled it, and, once seen, how it stopped.
 * Mutable; owned by the engine.
 */
final class StopMemo {
    public String task;
    /** One of the tasks this rollout set out to replace (outgoing when first seen). */
    public boolean old;
    /** The calls at the last reading (null: the source had no answer), and when. */
    public Integer calls;
    public Instant readAt;
    /** When this rollout's ECS Exec cordon signalled the worker. */
    public Instant signalledAt;
    /** When the task was first missing from a complete read without a stop record. */
    public Instant missingSince;
    /** How it stopped, once seen (null until then). */
    public Instant stoppedAt;
    public boolean clean;
    public boolean callsUnknown;
    public int likelyCut;
    public String problem;

    StopMemo() {
    }

    StopMemo(String task, boolean old) {
        this.task = task;
        this.old = old;
    }

    boolean stopped() {
        return stoppedAt != null;
    }

    void stopped(StopLine l, Instant at) {
        stoppedAt = at;
        clean = l.clean();
        callsUnknown = l.callsUnknown();
        likelyCut = l.likelyCut();
        problem = l.problem().orElse(null);
    }

    StopLine line() {
        return new StopLine(RolloutContext.shortId(task), old, clean, callsUnknown, likelyCut, Optional.ofNullable(problem));
    }
}
