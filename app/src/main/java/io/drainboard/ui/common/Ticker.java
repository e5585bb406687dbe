package io.drainboard.ui.common;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One shared second-tick for every clock on screen. Visible cells and labels listen to it and re-render
 * their own text, so countdowns tick without touching rows, lists or the table. It reads the console's
 * clock (the simulator's clock in the demo and in tests), so virtual time shows as it is.
 * <p>
 * A daemon thread posts one {@code runLater} a second rather than a {@code Timeline}: a running
 * animation keeps JavaFX pulsing 60 times a second, which an idle console must not pay for.
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
            ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(Workers.daemon("ui-ticker"));
            s.scheduleAtFixedRate(() -> Platform.runLater(Ticker::tick), 1000 - System.currentTimeMillis() % 1000,
                    1000, TimeUnit.MILLISECONDS);
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
