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
    private volatile boolean stopped;

    SnapshotBridge(Digester digester, Consumer<Update> apply, Consumer<String> failure) {
        this(digester, apply, failure, f -> { });
    }

    /** @param partFailed another listener (the engines, history) failed on a refresh that was read fine */
    SnapshotBridge(Digester digester, Consumer<Update> apply, Consumer<String> failure,
                   Consumer<io.drainboard.fleet.ListenerFailure> partFailed) {
        this.digester = digester;
        this.apply = apply;
        this.failure = failure;
        this.partFailed = partFailed;
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
        snapshot(partial);
    }

    private void drain() {
        queued.set(false);
        Digest d = pending.getAndSet(null);
        if (d == null || stopped) return;
        List<Activity> news = new ArrayList<>();
        for (Activity a; (a = activities.poll()) != null; ) news.add(a);
        apply.accept(new Update(d, rows.take(), news));
    }

    @Override
    public void refreshFailed(String message) {
        if (!stopped) Platform.runLater(() -> failure.accept(message));
    }
}
