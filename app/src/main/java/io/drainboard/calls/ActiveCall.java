package io.drainboard.calls;

import java.time.Instant;

/** One live call as LiveKit reports it: its room, the task whose worker serves it, and when it began. */
public record ActiveCall(String room, String taskArn, Instant startedAt) {
}
