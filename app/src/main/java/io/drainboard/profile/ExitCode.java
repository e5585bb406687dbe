package io.drainboard.profile;

/**
 * The exit codes of every window-less command ({@code --rollout}, {@code --iam-policy}, {@code guard}, …), so a
 * pipeline can tell "try again later" from "fix your arguments" from "calls may have been cut". The 64–78 range
 * follows BSD {@code sysexits.h} (https://man.freebsd.org/cgi/man.cgi?query=sysexits), which shells and CI
 * runners already know. docs/rollout.md lists them for operators.
 */
public enum ExitCode {
    /** Done, and what was observed is clean (for a rollout: no calls on any task when it stopped). */
    OK(0),
    /** Stopped before the end (paused, aborted, interrupted); nothing cut was observed; a later run can resume. */
    STOPPED(1),
    /** Refused before changing anything: the preflight failed, or another engine holds the service. */
    REFUSED(2),
    /** Ended, but not clean: a task stopped with calls on it, by SIGKILL, or with its calls unknown. Alarm on it. */
    NOT_CLEAN(3),
    /** A check ran and found problems ({@code --check}: scaling findings; {@code scaling-lab}: a policy cut calls). */
    FINDINGS(4),
    /** Bad or unknown command-line arguments. */
    USAGE(64),
    /** A named input does not exist: the profile file, the cluster, the service, the task definition. */
    NOT_FOUND(66),
    /** AWS or LiveKit cannot be reached, or keeps failing (5xx), after retries. */
    UNAVAILABLE(69),
    /** The data directory or a journal cannot be written. */
    CANNOT_WRITE(73),
    /** Throttled, or another transient condition, after retries: run again later. */
    TRY_AGAIN(75),
    /** Not permitted: a read-only profile asked to change the fleet, or AWS denied access. */
    NOT_PERMITTED(77),
    /** The profile is invalid (every problem is printed with file and line). */
    CONFIG(78);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
