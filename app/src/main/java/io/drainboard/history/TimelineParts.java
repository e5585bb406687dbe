package io.drainboard.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The records a {@link Timeline} is made of. */
public final class TimelineParts {
    private TimelineParts() {
    }

    /** A stretch of time history watched live (outside them the live series says nothing). */
    public record Span(Instant from, Instant to) {
    }

    /** A deployment from its creation until it completed, failed or was replaced; open while in progress. */
    public record Deployment(String id, String taskDefinition, String status, String rolloutState, String reason,
                             Instant start, Optional<Instant> end, boolean backfilled) {
        /** "support-agent:42" from the task definition ARN. */
        public String revision() {
            return taskDefinition == null ? "?" : taskDefinition.substring(taskDefinition.lastIndexOf('/') + 1);
        }
    }

    /** Desired, running and pending counts from {@code at} on (a change of desired is a scale event). */
    public record Counts(Instant at, int desired, int running, int pending) {
    }

    public record Event(Instant at, String message, boolean backfilled) {
    }

    public record ProtectionChange(Instant at, String taskArn, String state, Optional<Instant> expiresAt) {
    }

    /** An operator's action from the audit log (intent and result joined by id). */
    public record Action(String id, Instant at, String operator, String action, List<String> targets, String reason,
                         String outcome) {
        public Action {
            targets = List.copyOf(targets);
        }
    }

    /** One call as LiveKit showed it: when it began, the last time it was seen, and whether a kill cut it. */
    public record Call(String room, String taskArn, Optional<Instant> startedAt, Instant lastSeen,
                       Optional<Instant> endedAt, boolean cut) {
    }
}
