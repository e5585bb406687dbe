package io.drainboard.stops;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One task's stop as a console watched it (see {@link TaskWatch}): what ECS says (stop code, reason, who
 * started the task, exit code, times), why ({@link StopCause}), and the calls it took with it.
 *
 * @param killAt           when SIGKILL came, if known exactly
 * @param watched          calls were read on the task before it stopped (else only ECS's record is known)
 * @param unknownAtStop    the call source had no answer for the task at its last reading before the stop
 * @param vanishedAtSignal calls seen just before the worker's SIGTERM that were gone at the first reading after
 *                         it, although the worker exited 0: a worker that exits on SIGTERM (or a drain_timeout of
 *                         seconds) rather than draining, seen stopping at the signal; empty when that did not happen
 * @param goneNearSignal   two or more calls seen just before the SIGTERM and gone at the next reading, while the
 *                         worker stopped later than the signal: they ended, or the worker cut them — not known
 */
public record ObservedStop(String taskArn, String taskId, String revision, Optional<String> startedBy,
                           Optional<Instant> stoppingAt, Optional<Instant> killAt, Instant stoppedAt,
                           Optional<String> stopCode, Optional<String> stoppedReason, Optional<Integer> exitCode,
                           StopCause cause, CallsAtKill calls, boolean watched, boolean unknownAtStop,
                           OptionalInt vanishedAtSignal, OptionalInt goneNearSignal) {

    public StopVerdict verdict() {
        return new StopVerdict(exitCode, stopCode, calls);
    }

    /** The calls the stop most likely cut: the killed worker's, or those gone at once on a SIGTERM. */
    public int likelyCut() {
        StopVerdict v = verdict();
        return v.killed() ? v.callsCut() : vanishedAtSignal.orElse(0);
    }

    /** No count of the task's calls stands for the moment it stopped, and nothing says it cut none. */
    public boolean callsUnknown() {
        return likelyCut() == 0 && (!calls.known() || unknownAtStop || goneNearSignal.isPresent());
    }
}
