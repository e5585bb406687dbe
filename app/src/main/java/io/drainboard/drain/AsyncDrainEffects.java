package io.drainboard.drain;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drain effects sent on an effects executor instead of the caller's thread: the engine decides on the
 * snapshot (under its own lock, in microseconds) and the HTTP cordon (up to 10 s), the ECS Exec signal (up to
 * 30 s), StopTask and protection go out here, holding no engine lock, so a slow worker delays neither the next
 * refresh nor anything the window reads. A call answers {@link DrainEffects.Result#inFlight} until its answer
 * is in; the same call on a later step then gets that answer (at most one of each kind per task is on its way,
 * so asking again never sends twice). With a direct executor ({@code Runnable::run}) it answers at once, as the
 * plain effects do. Audit-only records are written on the caller's thread: they send nothing.
 */
public final class AsyncDrainEffects implements DrainEffects {
    private static final Logger LOG = Logger.getLogger(AsyncDrainEffects.class.getName());

    private record Key(String taskArn, String kind) {
    }

    /** One effect sent; {@code answer} is set once, by the executor. */
    private static final class Sent {
        final String what;
        volatile Result<?> answer;

        Sent(String what) {
            this.what = what;
        }
    }

    private final DrainEffects effects;
    private final Executor executor;
    private final Map<Key, Sent> sent = new ConcurrentHashMap<>();

    public AsyncDrainEffects(DrainEffects effects, Executor executor) {
        this.effects = effects;
        this.executor = executor;
    }

    @Override
    public Result<Instant> protect(String cluster, String taskArn, int minutes, String reason) {
        return send(taskArn, "protect", "UpdateTaskProtection", () -> effects.protect(cluster, taskArn, minutes, reason));
    }

    @Override
    public Result<Void> cordon(String cluster, String service, String taskArn, CordonMethod method, String reason) {
        return send(taskArn, "cordon", "the cordon (" + method.key() + ")",
                () -> effects.cordon(cluster, service, taskArn, method, reason));
    }

    @Override
    public Result<Void> stopTask(String cluster, String taskArn, String reason) {
        return send(taskArn, "stop", "StopTask", () -> effects.stopTask(cluster, taskArn, reason));
    }

    @Override
    public Result<Void> release(String cluster, String taskArn, String reason) {
        return send(taskArn, "release", "the release (UpdateTaskProtection)",
                () -> effects.release(cluster, taskArn, reason));
    }

    @Override
    public Result<Instant> reprotect(String cluster, String taskArn, int minutes, String reason) {
        return send(taskArn, "reprotect", "the release and protection again (UpdateTaskProtection twice)",
                () -> effects.reprotect(cluster, taskArn, minutes, reason));
    }

    @Override
    public void record(String action, String cluster, String taskArn, String detail) {
        effects.record(action, cluster, taskArn, detail);
    }

    /** Forgets a task's answers nobody will ask for (its drain ended another way). */
    public void forget(String taskArn) {
        sent.keySet().removeIf(k -> k.taskArn().equals(taskArn));
    }

    /** Effects on their way, by task: what was sent (for tests and diagnostics). */
    public Map<String, String> inFlight() {
        Map<String, String> out = new java.util.TreeMap<>();
        sent.forEach((k, s) -> {
            if (s.answer == null) out.put(k.taskArn(), s.what);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private <T> Result<T> send(String taskArn, String kind, String what, Supplier<Result<T>> call) {
        Key key = new Key(taskArn, kind);
        Sent s = sent.get(key);
        if (s != null) {
            if (s.answer == null) return Result.inFlight(what);
            sent.remove(key, s);
            return (Result<T>) s.answer;
        }
        Sent fresh = new Sent(what);
        sent.put(key, fresh);
        try {
            executor.execute(() -> {
                Result<T> answer;
                try {
                    answer = call.get();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, what + " for " + taskArn + " failed", e);
                    answer = Result.failed(what + " failed: " + e.getMessage());
                }
                fresh.answer = answer;
            });
        } catch (RuntimeException rejected) {
            sent.remove(key, fresh);
            return Result.failed(what + " was not sent: the console is closing");
        }
        if (fresh.answer != null) { // a direct executor answered already
            sent.remove(key, fresh);
            return (Result<T>) fresh.answer;
        }
        return Result.inFlight(what);
    }
}
