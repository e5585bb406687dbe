package io.drainboard.fleet;

/**
 * One listener threw on a snapshot that was read fine: the fleet is current, but that part of the console
 * (named in the operator's words) did not act on it.
 *
 * @param listener {@link FleetListener#name()} of the one that failed
 * @param sequence the snapshot it failed on
 * @param error    what it threw, one line
 */
public record ListenerFailure(String listener, long sequence, String error) {
    /** One line for the status line and the activity feed. */
    public String words() {
        return listener + " did not act on refresh #" + sequence + " (" + error + "); the fleet was read and is shown,"
                + " the next refresh tries again";
    }
}
