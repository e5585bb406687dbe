package io.drainboard.ui.common;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One shared second-tick for every clock on screen. Visible cells and labels listen to it and re-render
 * their own text, so countdowns tick without touching rows, lists or the table. It reads the console's
 * clock (the simulator's clock in the demo and in tests), so virtual time shows as it is.
 * <p>
 * It ticks through {@link OffFx#everySecond}, not a {@code Timeline}: a running animation keeps JavaFX pulsing
 * 60 times a second, which an idle console must not pay for.
 */
public final class Ticker {
    private static final ReadOnlyObjectWrapper<Instant> NOW = new ReadOnlyObjectWrapper<>(Instant.now());
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static volatile Clock clock = Clock.systemUTC();

    private Ticker() {
    }

    /** Call on the FX thread. */
    public static void useClock(Clock c) {
        clock = c;
        tick();
    }

    /** The current "now", ticking once a second; call on the FX thread. */
    public static ReadOnlyObjectProperty<Instant> now() {
        if (STARTED.compareAndSet(false, true)) {
            OffFx.everySecond("ui-ticker", Ticker::tick);
        }
        return NOW.getReadOnlyProperty();
    }

    public static Instant instant() {
        return now().get();
    }

    /** Re-reads the clock at once (after a snapshot, or when a test moved virtual time). */
    public static void tick() {
        NOW.set(clock.instant());
    }
}
