package io.drainboard.sim.model;

import java.time.Instant;

/**
 * One live call: a LiveKit room with one agent participant on a task's worker. The agent carries the
 * task ARN in its attributes as docs/livekit-facts.md#agent-participants describes (default key {@code ecs.task_arn}).
 */
public record CallState(String roomName, String roomSid, String participantSid, String agentIdentity,
                        TaskState task, Instant startedAt, Instant endsAt) {
}
