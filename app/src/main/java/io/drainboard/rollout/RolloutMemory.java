package io.drainboard.rollout;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a rollout must remember to be resumed by another console process: written whole to the
 * journal with every event, so the last line is the state. Mutable; owned by one engine at a time.
 */
final class RolloutMemory {
    public String id;
    public RolloutSpec spec;
    public String owner;
    public String host;
    public Instant startedAt;
    public Direction direction = Direction.FORWARD;
    /** The task definition the current direction deploys. */
    public String target;
    public String targetLabel;
    public Originals originals;
    public EnumSet<Step> done = EnumSet.noneOf(Step.class);
    public String lockId;
    public Instant lockUntil;
    /** Old tasks this rollout protected, and until when. */
    public Map<String, Instant> protectedUntil = new TreeMap<>();
    public Map<String, DrainMemo> drains = new LinkedHashMap<>();
    /** Old tasks this rollout leaned (asked to report a raised load), and until when the worker keeps it. */
    public Map<String, Instant> leanedUntil = new TreeMap<>();
    /** Why this rollout stopped leaning for good (the workers have no lean route), or null. */
    public String leanOff;
    public String pausedBecause;
    /** Replacements failing before this instant were already seen by the operator (deploy or resume). */
    public Instant failuresSince;
    public boolean abortRequested;
    public String abortReason;
    /** Every task of the service seen live during the rollout: its last reading, and how it stopped once seen. */
    public Map<String, StopMemo> watched = new LinkedHashMap<>();
    public Instant endedAt;
    public RolloutOutcome outcome;
    public String endReason;

    boolean ended() {
        return endedAt != null;
    }

    long drained(Direction d) {
        return drains.values().stream().filter(m -> m.direction == d && m.ended()).count();
    }
}
