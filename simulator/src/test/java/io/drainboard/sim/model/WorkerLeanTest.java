package io.drainboard.sim.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lean route on the model: LiveKit's load-weighted pick (docs/livekit-facts.md#dispatch) sees the raised load. */
class WorkerLeanTest {
    private static final WorkerSpec WITH_ROUTES = new WorkerSpec(4, Duration.ofMinutes(60), "a", true,
            WorkerSpec.Runtime.PYTHON, 0, true, null);

    @Test
    void aLeanedWorkerGetsFewNewCallsButStillTakesThemWhenTheOthersAreFull() {
        ModelTestFleet f = new ModelTestFleet();
        ServiceState s = f.service("a", 2, new WorkerSpec(1000, Duration.ofMinutes(60), "a", true,
                WorkerSpec.Runtime.PYTHON, 0, true, null), 0);
        List<TaskState> live = f.live(s);
        TaskState leaned = live.get(0);
        TaskState other = live.get(1);
        assertTrue(f.model.leanWorker(leaned, Duration.ofHours(1)));
        f.model.setArrivalRate(s, 0.5);
        f.advance(Duration.ofMinutes(30));
        long onLeaned = f.model.callCounts(leaned).started();
        long onOther = f.model.callCounts(other).started();
        // Weights 0.01 vs ≈ 1 − (a few calls / 1000): about one call in a hundred.
        assertTrue(onOther > 800, "the other worker takes the calls: " + onOther);
        assertTrue(onLeaned < onOther / 20.0, "leaned " + onLeaned + " vs " + onOther);

        // Full elsewhere: the leaned worker is still available (its floor is below full), so no call is lost.
        ModelTestFleet g = new ModelTestFleet();
        ServiceState small = g.service("b", 2, WITH_ROUTES, 0);
        TaskState l = g.live(small).get(0);
        TaskState full = g.live(small).get(1);
        for (int i = 0; i < 4; i++) g.model.startCall(full, g.model.now(), Duration.ofHours(2));
        g.model.leanWorker(l, Duration.ofHours(1));
        g.model.setArrivalRate(small, 0.01);
        g.advance(Duration.ofMinutes(5));
        assertTrue(g.model.callCounts(l).started() > 0, "the leaned worker takes calls when nobody else can");
        assertEquals(0, g.model.groundTruth().callsUnserved(), "no call found every worker unavailable");
    }

    @Test
    void theLeanLapsesOnItsOwnAndZeroEndsIt() {
        ModelTestFleet f = new ModelTestFleet();
        ServiceState s = f.service("a", 1, WITH_ROUTES, 0);
        TaskState t = f.live(s).get(0);
        assertEquals(0, t.reportedLoad(f.model.now()));
        f.model.leanWorker(t, Duration.ofMinutes(10));
        assertEquals(0.99, t.reportedLoad(f.model.now()), 1e-9);
        f.model.startCall(t, f.model.now(), Duration.ofHours(1));
        assertEquals(0.99, t.reportedLoad(f.model.now()), 1e-9, "max(real load, floor)");
        f.advance(Duration.ofMinutes(10));
        assertFalse(t.leaned(f.model.now()));
        assertEquals(0.25, t.reportedLoad(f.model.now()), 1e-9);
        f.model.leanWorker(t, Duration.ofMinutes(10));
        f.model.leanWorker(t, Duration.ZERO);
        assertEquals(0.25, t.reportedLoad(f.model.now()), 1e-9);
    }

    @Test
    void onlyWorkersWithTheLeanRouteLean() {
        ModelTestFleet f = new ModelTestFleet();
        ServiceState drainOnly = f.service("a", 1, new WorkerSpec(4, Duration.ofMinutes(60), "a", true,
                WorkerSpec.Runtime.PYTHON, 0, true, null, false, 0.99), 0);
        TaskState t = f.live(drainOnly).get(0);
        assertFalse(f.model.leanWorker(t, Duration.ofMinutes(10)));
        assertFalse(t.leaned(f.model.now()));
        ServiceState none = f.service("b", 1, new WorkerSpec(4, Duration.ofMinutes(60), "b"), 0);
        assertFalse(f.model.leanWorker(f.live(none).get(0), Duration.ofMinutes(10)));
    }
}
