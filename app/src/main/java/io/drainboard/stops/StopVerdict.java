package io.drainboard.stops;

import java.util.Optional;

/**
 * What a stop did to the calls on its task, told from what ECS recorded (exit code, stop code) and the calls
 * seen before the kill ({@link CallsAtKill}). The one rule the incident report, the history and every
 * operation's outcome (rollout, safe drain, safe scale-in, instance drain) use to say "this stop cut calls".
 */
public record StopVerdict(Optional<Integer> exitCode, Optional<String> stopCode, CallsAtKill calls) {

    /** The worker died with its calls instead of finishing them (SIGKILL, second signal, crash, host lost). */
    public boolean killed() {
        return ExitCodes.killed(exitCode, stopCode);
    }

    /** The calls on the task when it was killed (0 if it was not killed): at most this many were cut. */
    public int callsCut() {
        return killed() ? calls.upper() : 0;
    }

    public int callsCutAtLeast() {
        return killed() ? calls.lower() : 0;
    }

    public boolean cutCalls() {
        return callsCut() > 0;
    }

    /** "3", "2–3", "≥ 1 (no count before the kill)", "unknown" or "0". */
    public String callsCutText() {
        if (!killed()) return "0";
        if (!calls.known()) return callsCutAtLeast() > 0 ? "≥ " + callsCutAtLeast() + " (no count before the kill)" : "unknown";
        int lo = callsCutAtLeast(), hi = callsCut();
        return lo == hi ? String.valueOf(hi) : lo + "–" + hi;
    }

    /** "SIGKILL", "exit 1", "exit 0", "no exit code": how the worker ended, in the words an operator searches for. */
    public String how() {
        if (exitCode.isEmpty()) return stopCode.map(c -> "host lost (" + c + ")").orElse("no exit code");
        return exitCode.get() == ExitCodes.SIGKILL ? "SIGKILL (exit 137)" : "exit " + exitCode.get();
    }
}
