package io.drainboard.fleet;

import io.drainboard.calls.CallsReading;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Faults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A first read hands out what it has read so far, marked partial, to views only: a cluster of one ListTasks page is
 * read long before one of four pages one after another, and shows meanwhile; the engines' snapshot and the
 * refresher's latest are only ever whole.
 */
class FleetReaderProgressTest {
    private static final Duration PAGE = Duration.ofMillis(300);
    private SimFleet fleet;

    @AfterEach
    void close() {
        if (fleet != null) fleet.close();
    }

    @Test
    void aFirstReadShowsTheClustersReadSoFarToViewsOnly() {
        fleet = SimFleet.with(Simulator.start(Simulator.Options.virtual(Path.of("..", "simulator", "src", "test",
                        "resources", "scenarios", "services-wide.yaml").toString())), 8, SimFleet.QUICK, ReadSettings.DEFAULT,
                Set.of(), (p, r) -> () -> CallsReading.disabled(p.sim().clock().instant()));
        // The wide cluster's 4 pages follow one another (4 x 300 ms); the narrow cluster's one page is read in 300 ms.
        fleet.sim.faults().set("ecs:ListTasks", new Faults.Rule(0, 0, 0, PAGE));
        FleetRefresher refresher = new FleetRefresher(fleet.reader, Duration.ofSeconds(5));
        List<FleetSnapshot> shown = new ArrayList<>(), acted = new ArrayList<>();
        refresher.addListener(new FleetListener() {
            @Override
            public void snapshot(FleetSnapshot s) {
                acted.add(s);
            }

            @Override
            public void progress(FleetSnapshot partial) {
                shown.add(partial);
            }
        });
        refresher.addListener(acted::add); // an engine: takes the default, which ignores partial snapshots

        FleetSnapshot whole = refresher.readOnce();
        assertFalse(whole.partial());
        assertFalse(shown.isEmpty(), "the narrow cluster was shown before the wide one was read");
        FleetSnapshot first = shown.get(0);
        assertTrue(first.partial());
        assertEquals(List.of("narrow"), first.clusters().stream().map(ClusterSnapshot::name).toList());
        assertEquals(6, first.tasks().count(), "the narrow cluster's tasks, whole");
        assertEquals("reading 1 of 2 clusters", first.progress().words());
        assertTrue(shown.stream().allMatch(s -> s.partial() && s.sequence() == whole.sequence()));
        assertEquals(2, acted.size(), "each engine was told once, of the whole snapshot");
        assertTrue(acted.stream().allMatch(s -> s == whole));
        assertEquals(whole, refresher.latest().orElseThrow());

        shown.clear();
        assertFalse(refresher.readOnce().partial());
        assertTrue(shown.isEmpty(), "later refreshes are shown whole");
    }
}
