package io.drainboard.stops;

import java.time.Instant;
import java.util.List;

/** A task's live calls as one reading saw them: how many, and the rooms when the source names them (LiveKit). */
public record CallSample(Instant at, int count, List<String> rooms) {
    public CallSample {
        rooms = List.copyOf(rooms);
    }
}
