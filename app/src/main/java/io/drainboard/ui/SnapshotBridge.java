package io.drainboard.ui;

import io.drainboard.ui.model.Digest;
import io.drainboard.ui.model.Digester;
import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.ui.model.Activity;
import io.drainboard.ui.tasks.PendingRows;
import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The one bridge from the refresher's thread to the FX thread (the Phoebus throttle, docs/ui.md, How it stays live and fast):
 * each snapshot is digested on the refresher's thread; row changes pile up per task (latest wins) and
 * the latest digest wins for everything else; at most one {@code runLater} is queued at a time, so a
 * burst of snapshots costs one FX pass. Activities of digests that were skipped are kept, so no change
 * goes unreported.
 */
final class SnapshotBridge implements FleetListener {
    /** What one FX pass applies. */
    record Update(Digest latest, PendingRows.Batch rows, List<Activity> activities) {
    }

    private final Digester digester;
    private final AtomicReference<Digest> pending = new AtomicReference<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final PendingRows rows = new PendingRows();
    private final ConcurrentLinkedQueue<Activity> activities = new ConcurrentLinkedQueue<>();
    private final Consumer<Update> apply;
    private final Consumer<String> failure;
    private final Consumer<io.drainboard.fleet.ListenerFailure> partFailed;
    private final Consumer<Runnable> afterLayout;
    /** Completed once the partial snapshot handed over last is laid out on screen. */
    private volatile CompletableFuture<Void> partialShown = CompletableFuture.completedFuture(null);
    private volatile boolean stopped;

    SnapshotBridge(Digester digester, Consumer<Update> apply, Consumer<String> failure) {
        this(digester, apply, failure, f -> { }, Runnable::run);
    }

    /**
     * @param partFailed  another listener (the engines, history) failed on a refresh that was read fine
     * @param afterLayout runs its argument on the FX thread after the next layout pulse of the view
     */
    SnapshotBridge(Digester digester, Consumer<Update> apply, Consumer<String> failure,
                   Consumer<io.drainboard.fleet.ListenerFailure> partFailed, Consumer<Runnable> afterLayout) {
        this.digester = digester;
        this.apply = apply;
        this.failure = failure;
        this.partFailed = partFailed;
        this.afterLayout = afterLayout;
    }

    @Override
    public String name() {
        return "The window";
    }

    @Override
    public void listenerFailed(io.drainboard.fleet.ListenerFailure f) {
        if (!stopped) Platform.runLater(() -> partFailed.accept(f));
    }

    void stop() {
        stopped = true;
        partialShown.complete(null);
    }

    @Override
    public void snapshot(FleetSnapshot snapshot) {
        if (stopped) return;
        Digest d = digester.digest(snapshot);
        rows.add(d.rows(), d.removed(), d.allRows());
        activities.addAll(d.activities());
        pending.set(d);
        if (queued.compareAndSet(false, true)) Platform.runLater(this::drain);
    }

    /** The clusters a first read has got so far: shown like a snapshot (the view does not count it as shown). */
    @Override
    public void progress(FleetSnapshot partial) {
        partialShown = new CompletableFuture<>();
        snapshot(partial);
    }

    /** The partial snapshot handed over last is on screen (or this window stopped showing snapshots). */
    @Override
    public CompletionStage<?> progressShown() {
        return stopped ? CompletableFuture.completedFuture(null) : partialShown;
    }

    private void drain() {
        queued.set(false);
        CompletableFuture<Void> shown = partialShown; // read before the digest: a newer partial brings a newer one
        Digest d = pending.getAndSet(null);
        if (d == null || stopped) {
            shown.complete(null);
            return;
        }
        List<Activity> news = new ArrayList<>();
        for (Activity a; (a = activities.poll()) != null; ) news.add(a);
        try {
            apply.accept(new Update(d, rows.take(), news));
        } finally {
            afterLayout.accept(() -> shown.complete(null));
        }
    }

    @Override
    public void refreshFailed(String message) {
        if (!stopped) Platform.runLater(() -> failure.accept(message));
    }
}
