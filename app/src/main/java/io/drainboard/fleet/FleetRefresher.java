package io.drainboard.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the fleet every {@code interval} on its own thread (never the FX thread), with a fixed delay
 * so a slow refresh never piles up behind itself, and hands each snapshot to the listeners.
 */
public final class FleetRefresher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FleetRefresher.class.getName());
    private final FleetReader reader;
    private final Duration interval;
    private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<FleetSnapshot> latest = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fleet-refresh");
        t.setDaemon(true);
        return t;
    });

    public FleetRefresher(FleetReader reader, Duration interval) {
        this.reader = reader;
        this.interval = interval;
    }

    /**
     * Adds a listener and gives it the latest snapshot first. Once started, this happens on the
     * refresher's own thread, after the refresh under way: a listener is never called from two threads.
     */
    public void addListener(FleetListener l) {
        if (started.get()) {
            try {
                timer.execute(() -> listen(l));
            } catch (RejectedExecutionException closed) {
                // closed: nothing more to tell
            }
        } else {
            listen(l);
        }
    }

    /** Stops telling a listener (a window that switched to another profile); a refresh under way may still tell it once. */
    public void removeListener(FleetListener l) {
        listeners.remove(l);
    }

    private void listen(FleetListener l) {
        listeners.add(l);
        FleetSnapshot s = latest.get();
        if (s != null) l.snapshot(s);
    }

    /** Starts refreshing now, then every interval; once (the app starts it while the window is built). */
    public void start() {
        if (started.compareAndSet(false, true)) {
            timer.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Asks for a refresh as soon as the current one (if any) ends. */
    public void refreshNow() {
        timer.execute(this::refresh);
    }

    public Optional<FleetSnapshot> latest() {
        return Optional.ofNullable(latest.get());
    }

    public Duration interval() {
        return interval;
    }

    /** One refresh on the caller's thread (tests, headless mode); listeners are told as usual. */
    public FleetSnapshot readOnce() {
        FleetSnapshot s = reader.read();
        latest.set(s);
        for (FleetListener l : listeners) l.snapshot(s);
        return s;
    }

    private void refresh() {
        try {
            readOnce();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "fleet refresh failed", e);
            for (FleetListener l : listeners) l.refreshFailed("Refresh failed: " + e + "; retrying in "
                    + interval.toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
