package io.drainboard.history;

import io.drainboard.stops.StopCause;
import io.drainboard.stops.ExitCodes;
import io.drainboard.stops.StopVerdict;
import io.drainboard.stops.CallsAtKill;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One task stop as history knows it: what ECS said (stopCode, reason, exit code, times), why
 * ({@link StopCause}), and the calls it took with it ({@link CallsAtKill}).
 *
 * @param killAt     when SIGKILL came (ECS's executionStoppedAt, or the kill clock watched live)
 * @param backfilled learned after the fact (the console was not running), not watched live
 */
public record StopRecord(String taskArn, String taskId, String clusterName, String serviceName, String revision,
                         String launchType, String availabilityZone, Optional<String> startedBy,
                         Optional<Instant> stoppingAt, Optional<Instant> killAt, Instant stoppedAt,
                         Optional<String> stopCode, Optional<String> stoppedReason, Optional<Integer> exitCode,
                         StopCause cause, CallsAtKill calls, boolean backfilled) {

    /** What the stop did to its calls: the same verdict every operation's outcome uses. */
    public StopVerdict verdict() {
        return new StopVerdict(exitCode, stopCode, calls);
    }

    /** The worker died with its calls instead of finishing them (SIGKILL, second signal, crash, host lost). */
    public boolean killed() {
        return verdict().killed();
    }

    /** What the report names: the calls on the task when it was killed (0 if it was not killed). */
    public int callsCut() {
        return verdict().callsCut();
    }

    public int callsCutAtLeast() {
        return verdict().callsCutAtLeast();
    }

    public boolean cutCalls() {
        return verdict().cutCalls();
    }

    /** When it happened, for ordering and the timeline: the kill if known, else when it stopped. */
    public Instant at() {
        return killAt.orElse(stoppedAt);
    }

    /** "3", "2–3", "≥ 1 (no count)", with where the number came from; what the stops list shows. */
    public String callsCutText() {
        return verdict().callsCutText();
    }

    /** "LiveKit, 3 s before SIGKILL" / "CloudWatch 1-min, 25 s before SIGKILL (backfilled)". */
    public String callsBasis() {
        if (!calls.known()) return backfilled ? "no datapoint before the stop" : "not watched before the stop";
        String gap = calls.gapBefore(at()).map(StopRecord::seconds).orElse("?");
        return calls.source() + ", " + gap + " before " + (exitCode.orElse(-1) == ExitCodes.SIGKILL ? "SIGKILL" : "the stop")
                + (backfilled ? " (backfilled)" : "");
    }

    private static String seconds(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 120 ? s + " s" : (s / 60) + " min";
    }
}
