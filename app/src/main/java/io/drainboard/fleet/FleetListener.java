package io.drainboard.fleet;

/** Receives each new snapshot (on the refresher's thread; the UI hops to the FX thread itself). */
public interface FleetListener {
    void snapshot(FleetSnapshot snapshot);

    /** A refresh failed as a whole (not one cluster): the previous snapshot stays current. */
    default void refreshFailed(String message) {
    }
}
