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

    /**
     * Completes once the partial snapshot last handed to {@link #progress} is on screen (a window: its rows laid out).
     * A first read starts reading the clusters after the first one then, so that they do not take the CPU from that
     * first layout (FleetReader); listeners that show nothing keep this default.
     */
    default java.util.concurrent.CompletionStage<?> progressShown() {
        return SHOWS_NOTHING;
    }

    /** What {@link #progressShown} says by default: this listener shows no partial snapshot. */
    java.util.concurrent.CompletionStage<?> SHOWS_NOTHING = java.util.concurrent.CompletableFuture.completedFuture(null);

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
