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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

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
    private static final Path LEAD_FIRST = Path.of("..", "simulator", "src", "test", "resources", "scenarios",
            "lead-first.yaml");
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

    /**
     * The cluster first in the tree's order is read ahead of the others and handed out before any other cluster's read
     * even starts, though it is the slow one (4 ListTasks pages of 300 ms one after another against beta's 1); the
     * others are read once it is on screen.
     */
    @Test
    void theFirstClusterInTheTreeIsReadAndShownBeforeTheOthers() {
        fleet = quietFleet();
        fleet.sim.faults().set("ecs:ListTasks", new Faults.Rule(0, 0, 0, PAGE));
        List<FleetSnapshot> shown = new CopyOnWriteArrayList<>();
        List<Long> sentWhenShown = new CopyOnWriteArrayList<>();
        List<Long> sentWhenOnScreen = new CopyOnWriteArrayList<>();
        FleetSnapshot whole = fleet.reader.read(p -> {
            shown.add(p);
            sentWhenShown.add(fleet.requests.stats().counts().sent("ecs:ListServices"));
        }, () -> {
            sentWhenOnScreen.add(fleet.requests.stats().counts().sent("ecs:ListServices"));
            return CompletableFuture.completedFuture(null);
        });

        assertFalse(shown.isEmpty());
        FleetSnapshot first = shown.get(0);
        assertEquals(List.of("alpha"), first.clusters().stream().map(ClusterSnapshot::name).toList(),
                "the first partial snapshot is the tree's first cluster, though beta reads in a quarter of the time");
        assertEquals(400, first.tasks().count());
        assertEquals("reading 1 of 2 clusters", first.progress().words());
        assertEquals(1L, sentWhenShown.get(0), "no other cluster was asked anything before the first was shown");
        assertEquals(1L, sentWhenOnScreen.get(0), "nor before the window said it was on screen");
        assertEquals(List.of("alpha", "beta"), whole.clusters().stream().map(ClusterSnapshot::name).toList());
        assertEquals(406, whole.tasks().count());
    }

    /**
     * With no window (a headless command's refresher, never started, whose listeners show nothing) the clusters are read
     * side by side as before: beta's one page ends first, and the first cluster's read holds nothing back.
     */
    @Test
    void withoutAWindowTheClustersAreReadSideBySide() {
        fleet = quietFleet();
        fleet.sim.faults().set("ecs:ListTasks", new Faults.Rule(0, 0, 0, PAGE));
        FleetRefresher refresher = new FleetRefresher(fleet.reader, Duration.ofHours(1));
        Watcher engine = new Watcher(); // takes progress, but says it shows nothing
        refresher.addListener(engine);
        FleetSnapshot whole = refresher.readOnce();
        assertEquals(406, whole.tasks().count());
        assertFalse(engine.partials.isEmpty());
        assertEquals(List.of("beta"), engine.partials.get(0).clusters().stream().map(ClusterSnapshot::name).toList());
    }

    /**
     * The other clusters wait for the window to say the first one is on screen; a window that never says so holds
     * them {@link FleetReader} Progress.LEAD_SHOWN_AT_MOST at most (without the wait, beta's one page followed at once).
     */
    @Test
    void theOtherClustersWaitUntilTheFirstIsOnScreen() {
        fleet = quietFleet();
        long[] handedOut = new long[1];
        long[] askedAtHandOut = new long[1];
        FleetSnapshot whole = fleet.reader.read(p -> {
            if (handedOut[0] == 0) {
                handedOut[0] = System.nanoTime();
                askedAtHandOut[0] = fleet.requests.stats().counts().sent("ecs:ListServices");
            }
        }, CompletableFuture::new); // never on screen
        long held = System.nanoTime() - handedOut[0];

        assertEquals(1L, askedAtHandOut[0], "beta was not asked anything before alpha was handed out");
        assertTrue(held >= FleetReader.leadShownAtMost().toNanos(), "beta's read waited for alpha to be on screen: "
                + held / 1_000_000 + " ms");
        assertEquals(406, whole.tasks().count());
        assertEquals(2L, fleet.requests.stats().counts().sent("ecs:ListServices"));
    }

    /**
     * A listener added while the first read runs (the window, which connects meanwhile: the app starts the read first) is
     * handed its partial snapshots, even when it joins after the first cluster was handed out.
     */
    @Test
    void aListenerThatJoinsDuringTheFirstReadSeesItsPartialSnapshots() {
        fleet = quietFleet();
        fleet.sim.faults().set("ecs:ListTasks", new Faults.Rule(0, 0, 0, PAGE));
        FleetRefresher refresher = new FleetRefresher(fleet.reader, Duration.ofHours(1));
        Watcher early = new Watcher(), late = new Watcher();
        refresher.addListener(new FleetListener() {
            @Override
            public void snapshot(FleetSnapshot s) {
            }

            @Override
            public void progress(FleetSnapshot partial) {
                if (partial.clusters().size() == 1) refresher.addListener(late); // joins after alpha was handed out
            }
        });
        refresher.start(); // the first read runs on the refresher's thread
        refresher.addListener(early);
        FleetSnapshot s = early.whole.orTimeout(60, TimeUnit.SECONDS).join();
        late.whole.orTimeout(60, TimeUnit.SECONDS).join();
        refresher.close();
        assertFalse(s.partial());
        for (Watcher w : List.of(early, late)) {
            assertFalse(w.partials.isEmpty(), "a joining listener saw the first cluster while the rest was read");
            assertEquals(List.of("alpha"), w.partials.get(0).clusters().stream().map(ClusterSnapshot::name).toList());
            assertTrue(w.partials.stream().allMatch(p -> p.partial() && p.sequence() == s.sequence()));
        }
    }

    private static final class Watcher implements FleetListener {
        final List<FleetSnapshot> partials = new CopyOnWriteArrayList<>();
        final CompletableFuture<FleetSnapshot> whole = new CompletableFuture<>();

        @Override
        public void snapshot(FleetSnapshot s) {
            whole.complete(s);
        }

        @Override
        public void progress(FleetSnapshot partial) {
            partials.add(partial);
        }
    }

    private static SimFleet quietFleet() {
        return SimFleet.with(Simulator.start(Simulator.Options.virtual(LEAD_FIRST.toString())), 8, SimFleet.QUICK,
                ReadSettings.DEFAULT, Set.of(), (p, r) -> () -> CallsReading.disabled(p.sim().clock().instant()));
    }
}
