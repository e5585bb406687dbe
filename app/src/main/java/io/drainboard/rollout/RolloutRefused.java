package io.drainboard.rollout;

import io.drainboard.profile.ExitCode;

/**
 * A rollout that may not start or resume here, said before anything is sent or journaled: another engine
 * drives it, the profile is read-only, the journal cannot be written. Carries the exit code a pipeline acts on.
 */
public final class RolloutRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ExitCode code;

    public RolloutRefused(ExitCode code, String message) {
        super(message);
        this.code = code;
    }

    public ExitCode code() {
        return code;
    }
}
