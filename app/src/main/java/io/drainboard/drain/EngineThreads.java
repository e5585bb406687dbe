package io.drainboard.drain;

import io.drainboard.fleet.FleetSnapshot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the engines' work runs, so that nothing an engine sends holds up a refresh:
 * <ul>
 * <li>{@link #effects()}: the drains' effects (HTTP cordon, ECS Exec signal, StopTask, protection), a few at a
 *     time, each on its own, holding no engine lock ({@link AsyncDrainEffects});</li>
 * <li>{@link #step}: guard mode, scale-ins and the EC2 engines, which send AWS calls while they step, on one
 *     engine thread, on the newest snapshot only (a step still running when two more arrive skips the older).</li>
 * </ul>
 * {@link #inline()} runs everything on the caller's thread: a virtual-time test moves time only between its
 * own steps, so an effect sent later on another thread would go out at a later virtual instant than decided.
 */
public final class EngineThreads implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EngineThreads.class.getName());
    /** Effects in flight at once; more wait their turn and show as sent meanwhile. */
    static final int EFFECTS_AT_ONCE = 4;

    private final ExecutorService effectsPool;
    private final ExecutorService engine;
    private final Map<String, AtomicReference<FleetSnapshot>> newest = new ConcurrentHashMap<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private EngineThreads(ExecutorService effectsPool, ExecutorService engine) {
        this.effectsPool = effectsPool;
        this.engine = engine;
    }

    /** Effects on a small pool, engine steps on one thread of their own. */
    public static EngineThreads background() {
        return new EngineThreads(Executors.newFixedThreadPool(EFFECTS_AT_ONCE, daemon("drain-effects")),
                Executors.newSingleThreadExecutor(daemon("fleet-engine")));
    }

    /** Everything on the caller's thread. */
    public static EngineThreads inline() {
        return new EngineThreads(null, null);
    }

    /** Where effects are sent. */
    public Executor effects() {
        return effectsPool == null ? Runnable::run : effectsPool;
    }

    /**
     * Runs {@code step} on this snapshot on the engine thread (or the caller's, inline), after any earlier step of
     * the same name; only the newest snapshot waiting for a name is stepped.
     */
    public void step(String name, FleetSnapshot s, Consumer<FleetSnapshot> step) {
        if (engine == null) {
            step.accept(s);
            return;
        }
        AtomicReference<FleetSnapshot> slot = newest.computeIfAbsent(name, k -> new AtomicReference<>());
        if (slot.getAndSet(s) != null) return; // a run is queued and will take the newest
        try {
            engine.execute(() -> {
                FleetSnapshot next = slot.getAndSet(null);
                if (next == null) return;
                try {
                    step.accept(next);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, name + " failed on snapshot " + next.sequence(), e);
                    failure.set(new IllegalStateException(name + " failed on refresh #" + next.sequence() + ": "
                            + e.getMessage(), e));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            slot.set(null);
        }
    }

    /**
     * Throws (once) what an engine step threw on the engine thread, so the refresher reports it for its listener
     * on the next refresh ({@code fleet.ListenerFailure}); nothing when all went well.
     */
    public void rethrowFailure() {
        RuntimeException e = failure.getAndSet(null);
        if (e != null) throw e;
    }

    @Override
    public void close() {
        if (engine != null) engine.shutdownNow();
        if (effectsPool != null) effectsPool.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
