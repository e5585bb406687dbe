package io.drainboard.ui.common;

import javafx.application.Platform;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Work off the FX thread, its result back on it, its failure shown: the one way the window reads a file, queries
 * the history or calls the engine without freezing, and never shows a stack trace. Both callbacks run on the FX
 * thread, in the order the work was given (one worker thread runs it in turn).
 * <p>
 * It is also the only place in the window that makes threads (ArchitectureTest): each is a named daemon, so none
 * keeps the JVM alive after the window closes and each is easy to find in a thread dump, and a worker's thread
 * ends when it has been idle a while, so one opened for a single job (opening a profile, closing a console,
 * starting a browser) leaves nothing behind.
 */
public final class OffFx implements Executor, AutoCloseable {
    /** Blocking work; what it throws goes to the failure callback. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    private static final Duration IDLE = Duration.ofSeconds(30);

    private final Executor worker;

    /** On a worker of the caller's (a rollout session's thread, a test's direct executor). */
    public OffFx(Executor worker) {
        this.worker = worker;
    }

    /** On a daemon thread of its own, named for a thread dump; jobs run one at a time, in the order given. */
    public static OffFx thread(String name) {
        ThreadPoolExecutor one = new ThreadPoolExecutor(1, 1, IDLE.toMillis(), TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), daemon(name));
        one.allowCoreThreadTimeOut(true);
        return new OffFx(one);
    }

    /**
     * Runs {@code onFx} on the FX thread about once a second, on the wall clock's second, from a daemon thread:
     * one {@code runLater} a second rather than a {@code Timeline}, whose animation would keep JavaFX pulsing 60
     * times a second while the console sits idle.
     */
    public static void everySecond(String name, Runnable onFx) {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, daemon(name));
        s.scheduleAtFixedRate(() -> Platform.runLater(onFx), 1000 - System.currentTimeMillis() % 1000, 1000,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code work} on the worker; {@code done} gets its result on the FX thread, or {@code failed} gets what it
     * threw (there too; an error such as a class that failed to load arrives wrapped in an
     * {@link ExecutionException}, so a window waiting for the work always hears back). What {@code done} or
     * {@code failed} throw is the FX thread's, as for any event handler.
     */
    public <T> void run(Work<T> work, Consumer<? super T> done, Consumer<? super Exception> failed) {
        worker.execute(() -> {
            T v;
            try {
                v = work.run();
            } catch (Exception e) {
                Platform.runLater(() -> failed.accept(e));
                return;
            } catch (LinkageError e) {
                Platform.runLater(() -> failed.accept(new ExecutionException(e)));
                return;
            }
            Platform.runLater(() -> done.accept(v));
        });
    }

    /**
     * Runs {@code job} on the worker with nothing to bring back to the window: its outcome goes elsewhere (a
     * profile opening's future, a rollout session's listeners) or nowhere (closing a console nobody shows).
     */
    @Override
    public void execute(Runnable job) {
        worker.execute(job);
    }

    /** A callback another thread calls, moved onto the FX thread (an engine's listener, a future's result). */
    public static <T> Consumer<T> onFx(Consumer<T> c) {
        return v -> Platform.runLater(() -> c.accept(v));
    }

    /** A failure in one line: its message, or its kind when it has none. */
    public static String words(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        if (worker instanceof ExecutorService s) s.shutdownNow();
    }
}
