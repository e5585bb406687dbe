package io.drainboard.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.util.Duration;

import java.time.Clock;
import java.time.Instant;

/**
 * One shared second-tick for every countdown on screen: visible cells listen to it and re-render their
 * own text, so clocks tick without touching rows or the table. Reads the console's clock (the
 * simulator's virtual clock in the demo).
 */
final class Ticker {
    private static final ReadOnlyObjectWrapper<Instant> NOW = new ReadOnlyObjectWrapper<>(Instant.now());
    private static volatile Clock clock = Clock.systemUTC();
    private static Timeline timeline;

    private Ticker() {
    }

    static void useClock(Clock c) {
        clock = c;
    }

    /** Must be called on the FX thread. */
    static ReadOnlyObjectProperty<Instant> now() {
        if (timeline == null) {
            timeline = new Timeline(new KeyFrame(Duration.seconds(1), e -> NOW.set(clock.instant())));
            timeline.setCycleCount(Timeline.INDEFINITE);
            timeline.play();
        }
        return NOW.getReadOnlyProperty();
    }
}
