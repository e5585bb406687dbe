package io.drainboard.stops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The calls a stop took with it: the last count seen on the task before it was killed, when and by which
 * source, and a lower bound. Between that reading and the kill, calls can only have ended (a draining worker
 * takes no new ones), so {@code seen} is an upper bound once the reading is after SIGTERM, and exact when the
 * reading is close to the kill; a SIGKILL means at least one call was still there
 * ({@link ExitCodes#lowerBound}). docs/history.md, "Calls cut by a stop", explains the method and its limits.
 *
 * @param seen  the last count seen before the kill; empty when no reading covers the task
 * @param rooms the calls of that reading (LiveKit only): the calls that vanished at the kill
 */
public record CallsAtKill(OptionalInt seen, Optional<Instant> seenAt, int lower, String source, List<String> rooms) {
    public CallsAtKill {
        rooms = List.copyOf(rooms);
    }

    public static CallsAtKill unknown(Optional<Integer> exit) {
        return new CallsAtKill(OptionalInt.empty(), Optional.empty(), ExitCodes.lowerBound(exit), "", List.of());
    }

    /**
     * @param samples      the task's readings, oldest first
     * @param killEarliest the soonest the kill can have happened (equal to {@code killLatest} when known exactly)
     * @param killLatest   the latest it can have happened (SIGKILL time, else when the task stopped)
     */
    public static CallsAtKill from(List<CallSample> samples, Instant killEarliest, Instant killLatest,
                                   Optional<Integer> exit, String source) {
        int last = -1;
        for (int i = 0; i < samples.size(); i++) {
            if (!samples.get(i).at().isAfter(killLatest)) last = i;
        }
        // A reading inside the kill window that shows the calls gone was taken after the kill: look before it.
        while (last > 0 && samples.get(last).count() == 0 && !samples.get(last).at().isBefore(killEarliest)) last--;
        if (last < 0) return unknown(exit);
        CallSample s = samples.get(last);
        return new CallsAtKill(OptionalInt.of(s.count()), Optional.of(s.at()), Math.min(ExitCodes.lowerBound(exit),
                Math.max(1, s.count())), source, s.rooms());
    }

    /** The most calls the stop can have cut: the count seen, never below the lower bound. */
    public int upper() {
        return Math.max(lower, seen.orElse(lower));
    }

    public boolean known() {
        return seen.isPresent();
    }

    /** How long before the kill the count was read; a short gap means the count is (nearly) exact. */
    public Optional<Duration> gapBefore(Instant kill) {
        return seenAt.map(t -> Duration.between(t, kill));
    }
}
