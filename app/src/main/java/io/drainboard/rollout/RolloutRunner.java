package io.drainboard.rollout;

import io.drainboard.fleet.FleetSnapshot;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drives an engine to its end: refresh, step, report, wait, again. The wait is injected: wall time for a
 * real fleet, the simulator's virtual clock in tests.
 */
public final class RolloutRunner {
    /** How the runner waits between passes. */
    @FunctionalInterface
    public interface Pacer {
        void await(Duration d) throws InterruptedException;

        static Pacer wallClock() {
            return d -> Thread.sleep(d.toMillis());
        }
    }

    private RolloutRunner() {
    }

    /**
     * Runs until the rollout ends or {@code limit} passes; a refresh that fails is reported and retried.
     * Returns the last status.
     */
    public static RolloutStatus run(RolloutEngine engine, Supplier<FleetSnapshot> refresh, Pacer pacer, Duration interval,
                                    long limit, Consumer<RolloutStatus> report) throws InterruptedException {
        RolloutStatus last = engine.status();
        for (long i = 0; i < limit && !engine.ended(); i++) {
            try {
                last = engine.step(refresh.get());
            } catch (RuntimeException e) {
                // The read path failed as a whole (or the journal could not be written): nothing was acted on.
                last = engine.status();
                report.accept(last);
                pacer.await(interval);
                continue;
            }
            report.accept(last);
            if (engine.ended()) break;
            pacer.await(interval);
        }
        return last;
    }
}
