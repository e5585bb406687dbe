package io.drainboard.ui.common;

import javafx.application.Platform;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Work off the FX thread, its result back on it, its failure shown: the one way the window reads a file, queries
 * the history or calls the engine without freezing, and never shows a stack trace. Both callbacks run on the FX
 * thread, in the order the work was given (one worker thread runs it in turn).
 */
public final class OffFx implements AutoCloseable {
    /** Blocking work; what it throws goes to the failure callback. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    private final Executor worker;

    /** On a worker of the caller's (a rollout session's thread, a test's direct executor). */
    public OffFx(Executor worker) {
        this.worker = worker;
    }

    /** On a daemon thread of its own, named for a thread dump. */
    public static OffFx thread(String name) {
        return new OffFx(Workers.single(name));
    }

    /**
     * Runs {@code work} on the worker; {@code done} gets its result on the FX thread, or {@code failed} gets what it
     * threw (there too). What {@code done} or {@code failed} throw is the FX thread's, as for any event handler.
     */
    public <T> void run(Work<T> work, Consumer<? super T> done, Consumer<? super Exception> failed) {
        worker.execute(() -> {
            T v;
            try {
                v = work.run();
            } catch (Exception e) {
                Platform.runLater(() -> failed.accept(e));
                return;
            }
            Platform.runLater(() -> done.accept(v));
        });
    }

    /** A callback another thread calls, moved onto the FX thread (an engine's listener, a future's result). */
    public static <T> Consumer<T> onFx(Consumer<T> c) {
        return v -> Platform.runLater(() -> c.accept(v));
    }

    /** A failure in one line: its message, or its kind when it has none. */
    public static String words(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        if (worker instanceof ExecutorService s) s.shutdownNow();
    }
}
