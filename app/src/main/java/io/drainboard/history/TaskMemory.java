package io.drainboard.history;

import io.drainboard.stops.TaskWatch;

import io.drainboard.calls.ActiveCall;
import io.drainboard.fleet.Protection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the recorder remembers about one task between refreshes (writer thread only). */
final class TaskMemory {
    final long id;
    String lastStatus = "";
    String desiredStatus = "";
    String health = "";
    Protection protection;
    Optional<Instant> startedAt = Optional.empty();
    List<ActiveCall> calls = List.of();
    /** Calls seen live on the task and not yet gone: room → row id. */
    final java.util.Map<String, Long> openCalls = new java.util.HashMap<>();
    /** Its call readings and kill clock, for judging its stop (the same watch every operation's outcome uses). */
    final TaskWatch watch = new TaskWatch();
    Instant lastSeen;
    Instant lastSeenWritten;
    boolean stopRecorded;
    /** No calls reading taken yet in this session (rows of an earlier session may exist). */
    boolean firstReading = true;

    TaskMemory(long id, Instant seen) {
        this.id = id;
        this.lastSeen = seen;
        this.lastSeenWritten = seen;
    }

}
