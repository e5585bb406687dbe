package io.drainboard.sim.model;

import java.util.Arrays;

/**
 * What became of the calls offered to a service one by one: served at once, served after waiting for a
 * worker (the caller hears ringing), or refused when no worker freed up within the caller's patience. Waits
 * are kept in whole seconds (one-second retries), so percentiles of the wait are exact to the second.
 */
public final class Offers {
    private long offered;
    private long refused;
    private int[] waits = new int[256];
    private int served;
    private int waiting;

    void offered() { offered++; }

    /** The caller found no worker free and waits (a room whose agent dispatch has no job yet). */
    void waits() { waiting++; }

    /** A waiting caller gave up. */
    void refused() {
        refused++;
        waiting--;
    }

    /** A caller was served; {@code afterWaiting} when it had waited (see {@link #waits}). */
    void served(int waitedSeconds, boolean afterWaiting) {
        if (afterWaiting) waiting--;
        if (served == waits.length) waits = Arrays.copyOf(waits, waits.length * 2);
        waits[served++] = waitedSeconds;
    }

    /** Callers waiting for a worker now. */
    public int waitingNow() {
        return waiting;
    }

    /** An immutable copy. */
    public Snapshot snapshot() {
        return new Snapshot(offered, refused, Arrays.copyOf(waits, served));
    }

    /**
     * @param waitsSeconds one entry per served call: how long it waited for a worker, in seconds
     */
    public record Snapshot(long offered, long refused, int[] waitsSeconds) {
        public long served() { return waitsSeconds.length; }

        /** Served calls that waited longer than {@code seconds}. */
        public long waitedLongerThan(int seconds) {
            long n = 0;
            for (int w : waitsSeconds) if (w > seconds) n++;
            return n;
        }
    }
}
