package io.drainboard.fleet;

import java.time.Duration;
import java.util.ArrayList;
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
 * so a slow refresh never piles up behind itself, and hands each snapshot to the listeners. Listeners are
 * isolated: one that throws is reported by name ({@link ListenerFailure}) and the others are still told; a
 * read that succeeded is never reported as a failed refresh.
 */
public final class FleetRefresher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FleetRefresher.class.getName());
    private final FleetReader reader;
    private final Duration interval;
    private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();
    /**
     * Listeners added while a refresh is under way, until they are told its snapshot: they already see its partial
     * snapshots, on the same thread. The window connects while the first read (started with the opening) runs, and
     * that read is the one it shows cluster by cluster.
     */
    private final List<FleetListener> joining = new CopyOnWriteArrayList<>();
    private final AtomicReference<FleetSnapshot> latest = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile List<ListenerFailure> lastFailures = List.of();
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
     * refresher's own thread, after the refresh under way (whose partial snapshots it is handed meanwhile, on that
     * thread): a listener is never called from two threads.
     */
    public void addListener(FleetListener l) {
        if (started.get()) {
            joining.add(l);
            reader.showAgain(); // a first read under way hands it what it has read so far, on its own thread
            try {
                timer.execute(() -> {
                    if (joining.remove(l)) listen(l); // else removed before it was told anything
                });
            } catch (RejectedExecutionException closed) {
                joining.remove(l); // closed: nothing more to tell
            }
        } else {
            listen(l);
        }
    }

    /** Stops telling a listener (a window that switched to another profile); a refresh under way may still tell it once. */
    public void removeListener(FleetListener l) {
        joining.remove(l);
        listeners.remove(l);
    }

    private void listen(FleetListener l) {
        listeners.add(l);
        FleetSnapshot s = latest.get();
        if (s != null) {
            ListenerFailure f = tell(l, s);
            if (f != null) report(List.of(f));
        }
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
        // The first cluster is read first only for a window: a started refresher (the app's, whose window may still
        // be joining) or a listener that shows partial snapshots; a headless first read reads all side by side.
        FleetSnapshot s = reader.read(this::progress, started.get() || showing() ? this::progressShown : null);
        latest.set(s);
        List<ListenerFailure> failed = new ArrayList<>();
        for (FleetListener l : listeners) {
            ListenerFailure f = tell(l, s);
            if (f != null) failed.add(f);
        }
        lastFailures = List.copyOf(failed);
        if (!failed.isEmpty()) report(failed);
        return s;
    }

    /** A partial snapshot goes to {@link FleetListener#progress} only, and never becomes {@link #latest()}. */
    private void progress(FleetSnapshot partial) {
        for (FleetListener l : joinedOrJoining()) {
            try {
                l.progress(partial);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "listener " + l.name() + " failed on a partial snapshot", e);
            }
        }
    }

    /**
     * Completes once every listener that shows partial snapshots shows the one it was handed last. When none does yet
     * on a started refresher, never: the app starts the first read before its window connects (ProfileOpening), and
     * the reader then waits for the window (which is handed the partial snapshot again when it joins) or its own limit.
     */
    private java.util.concurrent.CompletionStage<?> progressShown() {
        List<java.util.concurrent.CompletableFuture<?>> all = new ArrayList<>();
        for (FleetListener l : joinedOrJoining()) {
            try {
                java.util.concurrent.CompletionStage<?> shown = l.progressShown();
                if (shown != FleetListener.SHOWS_NOTHING) all.add(shown.toCompletableFuture());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "listener " + l.name() + " failed to say whether it shows a partial snapshot", e);
            }
        }
        if (all.isEmpty() && started.get()) return new java.util.concurrent.CompletableFuture<>();
        return java.util.concurrent.CompletableFuture.allOf(all.toArray(java.util.concurrent.CompletableFuture[]::new));
    }

    private boolean showing() {
        return joinedOrJoining().stream().anyMatch(l -> l.progressShown() != FleetListener.SHOWS_NOTHING);
    }

    private List<FleetListener> joinedOrJoining() {
        if (joining.isEmpty()) return listeners;
        List<FleetListener> all = new ArrayList<>(listeners);
        all.addAll(joining);
        return all;
    }

    /** The listeners that threw on the latest refresh (empty when all took it). */
    public List<ListenerFailure> lastListenerFailures() {
        return lastFailures;
    }

    private static ListenerFailure tell(FleetListener l, FleetSnapshot s) {
        try {
            l.snapshot(s);
            return null;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "listener " + l.name() + " failed on snapshot " + s.sequence(), e);
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new ListenerFailure(l.name(), s.sequence(), msg.lines().findFirst().orElse(msg));
        }
    }

    /** Tells every listener (the window among them) which others failed; a failure to take the news is only logged. */
    private void report(List<ListenerFailure> failed) {
        for (FleetListener l : listeners) {
            for (ListenerFailure f : failed) {
                try {
                    l.listenerFailed(f);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "listener " + l.name() + " could not take a failure report", e);
                }
            }
        }
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
        for (FleetListener l : listeners) {
            try {
                l.closed();
            } catch (RuntimeException e) {
                // closing goes on for the others
            }
        }
    }
}
