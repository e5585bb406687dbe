package io.drainboard.fleet;

/** Receives each new snapshot (on the refresher's thread; the UI hops to the FX thread itself). */
public interface FleetListener {
    void snapshot(FleetSnapshot snapshot);

    /**
     * A partial snapshot of a first read still going on ({@link FleetSnapshot#partial()}): for a window to show what
     * has been read so far. Only views take it; the engines and the history keep this default and never see one.
     */
    default void progress(FleetSnapshot partial) {
    }

    /** A refresh failed as a whole (not one cluster): the previous snapshot stays current. */
    default void refreshFailed(String message) {
    }

    /**
     * Another listener threw on a snapshot that was read and handed out fine (the others were all told): this is
     * not a failed refresh.
     */
    default void listenerFailed(ListenerFailure failure) {
    }

    /** The refresher stopped for good (its console is closing): no snapshot will come again. */
    default void closed() {
    }

    /** What this listener is, in the operator's words, for reports of its failures. */
    default String name() {
        return getClass().getSimpleName();
    }
}
