package io.drainboard.ui;

import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.FleetSnapshot;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The one bridge from the refresher's thread to the FX thread: the latest snapshot wins, and it is
 * applied at most once per pulse (the Phoebus throttle pattern, shared/reference/javafx-style-and-build.md §5).
 */
final class SnapshotBridge implements FleetListener {
    private final AtomicReference<FleetSnapshot> pending = new AtomicReference<>();
    private final Consumer<FleetSnapshot> apply;
    private final Consumer<String> failure;
    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            FleetSnapshot s = pending.getAndSet(null);
            if (s != null) apply.accept(s);
        }
    };

    SnapshotBridge(Consumer<FleetSnapshot> apply, Consumer<String> failure) {
        this.apply = apply;
        this.failure = failure;
    }

    void start(Clock clock) {
        Ticker.useClock(clock);
        Platform.runLater(pulse::start);
    }

    void stop() {
        Platform.runLater(pulse::stop);
    }

    @Override
    public void snapshot(FleetSnapshot snapshot) {
        pending.set(snapshot);
    }

    @Override
    public void refreshFailed(String message) {
        Platform.runLater(() -> failure.accept(message));
    }
}
