package io.drainboard.fleet;

import io.drainboard.Console;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A window that switches profile takes its listeners off the old refresher (virtual-time simulator). */
class RefresherListenersTest {
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
