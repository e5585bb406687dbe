package io.drainboard.sim.cloudwatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every whole minute of virtual time, brings the fleet to that minute and runs the listeners (metric
 * sampling, scaling alarms, lifecycle-hook timeouts), in time order. The fleet is event-driven and lazy,
 * so minutes are caught up whenever someone looks: before each request, and from a timer when the
 * clock runs on its own.
 */
public final class MinuteTicker {
    /** The fleet's lock and its own notion of now (it may trail the clock until something reads it). */
    public interface Fleet {
        Object lock();

        Instant now();

        void advanceTo(Instant t);
    }

    private final Clock clock;
    private final Fleet fleet;
    private final List<Consumer<Instant>> listeners = new CopyOnWriteArrayList<>();
    private volatile Instant next;

    /** Ticks from the first whole minute at or after {@code from}. */
    public MinuteTicker(Clock clock, Fleet fleet, Instant from) {
        this.clock = clock;
        this.fleet = fleet;
        Instant floor = from.truncatedTo(ChronoUnit.MINUTES);
        this.next = floor.equals(from) ? floor : floor.plus(Duration.ofMinutes(1));
    }

    public void onMinute(Consumer<Instant> listener) {
        listeners.add(listener);
    }

    /** Runs every minute up to the clock's now that has not run yet. Cheap when there is none. */
    public void catchUp() {
        if (clock.instant().isBefore(next)) return;
        synchronized (fleet.lock()) {
            Instant now = clock.instant();
            while (!next.isAfter(now)) {
                Instant minute = next;
                if (fleet.now().isBefore(minute)) fleet.advanceTo(minute);
                for (Consumer<Instant> l : listeners) l.accept(minute);
                next = minute.plus(Duration.ofMinutes(1));
            }
        }
    }

    /** The next minute that will run. */
    public Instant next() {
        return next;
    }
}
