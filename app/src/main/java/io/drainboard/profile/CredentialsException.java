package io.drainboard.profile;

/**
 * Credentials that cannot be had, with what to do about it in the operator's words ("run aws sso login
 * --profile voice-prod"). The message is that one sentence; {@link #details()} says where the console
 * looked (files, the SDK's own words), for the operator who asks. Neither ever contains a secret.
 */
public final class CredentialsException extends Exception {
    private final String details;

    public CredentialsException(String message) {
        this(message, "");
    }

    public CredentialsException(String message, String details) {
        super(message);
        this.details = details == null ? "" : details;
    }

    /** Where the console looked and what the SDK said; empty when the message is all there is. */
    public String details() {
        return details;
    }
}
