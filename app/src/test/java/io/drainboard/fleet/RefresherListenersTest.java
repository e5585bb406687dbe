package io.drainboard.fleet;

import io.drainboard.Console;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A window that switches profile takes its listeners off the old refresher, and one listener that throws
 * neither starves the others nor turns a good read into "Refresh failed" (virtual-time simulator).
 */
class RefresherListenersTest {
    /** Records what the refresher told it. */
    private static final class Witness implements FleetListener {
        final List<Long> seen = new CopyOnWriteArrayList<>();
        final List<String> refreshFailures = new CopyOnWriteArrayList<>();
        final List<ListenerFailure> others = new CopyOnWriteArrayList<>();
        /** Counts down on each of the first two snapshots. */
        final CountDownLatch twice = new CountDownLatch(2);
        /** Counts down on each of the first two failure reports (they come after every listener was told). */
        final CountDownLatch twoReports = new CountDownLatch(2);

        @Override
        public void snapshot(FleetSnapshot s) {
            seen.add(s.sequence());
            twice.countDown();
        }

        @Override
        public void refreshFailed(String message) {
            refreshFailures.add(message);
        }

        @Override
        public void listenerFailed(ListenerFailure f) {
            others.add(f);
            twoReports.countDown();
        }
    }

    private static final FleetListener BROKEN = new FleetListener() {
        @Override
        public void snapshot(FleetSnapshot s) {
            throw new IllegalStateException("the drain engine broke");
        }

        @Override
        public String name() {
            return "Drains";
        }
    };

    @Test
    void aThrowingListenerIsReportedByNameAndTheOthersAreStillTold() throws Exception {
        Simulator sim = Simulator.start(Simulator.Options.virtual("demo"));
        try (Console c = Console.onSimulator(ProfileLoader.parse(Path.of("listeners.yaml"),
                "name: listeners\nregion: us-east-1\nsimulator: {scenario: demo}\n"), sim)) {
            Witness before = new Witness();
            Witness after = new Witness();
            c.refresher().addListener(before);
            c.refresher().addListener(BROKEN);
            c.refresher().addListener(after);

            FleetSnapshot s = c.refresher().readOnce(); // the read succeeded: no exception for the caller
            assertEquals(List.of(s.sequence()), after.seen, "the listener after the broken one was told");
            assertEquals(List.of(new ListenerFailure("Drains", s.sequence(), "the drain engine broke")),
                    c.refresher().lastListenerFailures());
            assertEquals(List.of("Drains"), after.others.stream().map(ListenerFailure::listener).toList());
            assertEquals(List.of("Drains"), before.others.stream().map(ListenerFailure::listener).toList());

            // On the refresher's own thread too: a listener's failure is not "Refresh failed".
            Witness later = new Witness();
            c.refresher().addListener(later); // told the latest snapshot at once
            c.refresher().refreshNow();
            assertTrue(after.twice.await(60, TimeUnit.SECONDS), "the scheduled refresh reached the last listener");
            assertTrue(after.twoReports.await(60, TimeUnit.SECONDS), "the scheduled refresh reported the failure too");
            assertEquals(List.of(), after.refreshFailures, "the read succeeded, so no listener hears it failed");
            assertTrue(after.others.size() >= 2 && after.others.get(1).words().startsWith("Drains did not act on refresh #"),
                    after.others.toString());
        }
    }
    @Test
    void aRemovedListenerIsNotToldOfLaterRefreshes() throws Exception {
        Simulator sim = Simulator.start(Simulator.Options.virtual("demo"));
        try (Console c = Console.onSimulator(ProfileLoader.parse(Path.of("listeners.yaml"),
                "name: listeners\nregion: us-east-1\nsimulator: {scenario: demo}\n"), sim)) {
            List<Long> kept = new CopyOnWriteArrayList<>();
            List<Long> removed = new CopyOnWriteArrayList<>();
            FleetListener keep = s -> kept.add(s.sequence());
            FleetListener gone = s -> removed.add(s.sequence());
            c.refresher().addListener(keep);
            c.refresher().addListener(gone);
            c.refresher().readOnce();
            c.refresher().removeListener(gone);
            c.refresher().readOnce();
            assertEquals(List.of(1L, 2L), kept);
            assertEquals(List.of(1L), removed);
        }
    }
}
