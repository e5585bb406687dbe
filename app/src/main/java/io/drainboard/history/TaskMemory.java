package io.drainboard.history;

import io.drainboard.calls.ActiveCall;
import io.drainboard.fleet.KillClock;
import io.drainboard.fleet.Protection;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** What the recorder remembers about one task between refreshes (writer thread only). */
final class TaskMemory {
    /** Readings kept for a task ECS is stopping: enough to cover stopTimeout (≤ 120 s on Fargate) at any refresh. */
    static final int SAMPLES_WHILE_STOPPING = 256;

    final long id;
    String lastStatus = "";
    String desiredStatus = "";
    String health = "";
    Protection protection;
    Optional<Instant> startedAt = Optional.empty();
    List<ActiveCall> calls = List.of();
    /** Calls seen live on the task and not yet gone: room → row id. */
    final java.util.Map<String, Long> openCalls = new java.util.HashMap<>();
    final Deque<CallSample> samples = new ArrayDeque<>();
    Optional<KillClock> kill = Optional.empty();
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

    /** Keeps only the latest reading while the task runs; all of them once ECS is stopping it. */
    void sample(CallSample s, boolean stopping) {
        if (!samples.isEmpty() && !s.at().isAfter(samples.peekLast().at())) return;
        samples.addLast(s);
        int keep = stopping ? SAMPLES_WHILE_STOPPING : 2;
        while (samples.size() > keep) samples.removeFirst();
    }
}
