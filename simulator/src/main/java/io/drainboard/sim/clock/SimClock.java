package io.drainboard.sim.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulator's virtual clock. In manual mode time moves only when a test calls {@link #advance},
 * so hours of traffic run in seconds; in scaled mode it follows the wall clock times a factor (1 for
 * the demo, more to fast-forward). The console reads the same instant through {@link Clock}.
 */
public final class SimClock extends Clock {
    private final Object lock = new Object();
    private Instant base;
    private long baseNanos;
    private double factor;

    private SimClock(Instant start, double factor) {
        this.base = start;
        this.baseNanos = System.nanoTime();
        this.factor = factor;
    }

    /** Time stands still until {@link #advance} is called. */
    public static SimClock manual(Instant start) {
        return new SimClock(start, 0);
    }

    /** Time runs at {@code factor} times wall-clock speed from {@code start}. */
    public static SimClock scaled(Instant start, double factor) {
        if (factor <= 0) throw new IllegalArgumentException("factor must be > 0, was " + factor);
        return new SimClock(start, factor);
    }

    @Override
    public Instant instant() {
        synchronized (lock) {
            if (factor == 0) return base;
            long elapsed = System.nanoTime() - baseNanos;
            return base.plusNanos((long) (elapsed * factor));
        }
    }

    /** Moves virtual time forward; in scaled mode this is a jump on top of the running clock. */
    public void advance(Duration d) {
        if (d.isNegative()) throw new IllegalArgumentException("time does not run backwards: " + d);
        synchronized (lock) {
            rebase();
            base = base.plus(d);
        }
    }

    /** Changes speed from now on; 0 freezes the clock (manual mode). */
    public void setFactor(double newFactor) {
        if (newFactor < 0) throw new IllegalArgumentException("factor must be >= 0");
        synchronized (lock) {
            rebase();
            factor = newFactor;
        }
    }

    public double factor() {
        synchronized (lock) {
            return factor;
        }
    }

    private void rebase() {
        long nowNanos = System.nanoTime();
        if (factor != 0) base = base.plusNanos((long) ((nowNanos - baseNanos) * factor));
        baseNanos = nowNanos;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulator clock is UTC only");
    }
}
