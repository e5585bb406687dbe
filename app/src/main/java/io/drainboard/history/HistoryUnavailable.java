package io.drainboard.history;

/** The history store cannot be used; the message says why and what to do, in the operator's words. */
public final class HistoryUnavailable extends Exception {
    public HistoryUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public HistoryUnavailable(String message) {
        super(message);
    }
}
