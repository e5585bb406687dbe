package io.drainboard.profile;

/**
 * Credentials that cannot be had, with what to do about it in the operator's words ("run aws sso login
 * --profile voice-prod"). The message never contains a secret.
 */
public final class CredentialsException extends Exception {
    public CredentialsException(String message) {
        super(message);
    }
}
