package io.drainboard.drain;

/** A mutating action asked of a read-only profile: refused before anything is audited or sent. */
public final class ReadOnlyException extends RuntimeException {
    public ReadOnlyException(String action) {
        super("'" + action + "' is not possible: this profile is read-only. Open an operator profile to act on the fleet.");
    }
}
