package io.drainboard.sim.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker's drain rules and the load balancer's deregistration delay, on the model itself. */
class WorkerDrainTest {
    @Test
    void drainTimeoutEndsTheCallsThatOutliveIt() {
        ModelTestFleet f = new ModelTestFleet();
        ServiceState s = f.service("a", 2, new WorkerSpec(4, Duration.ofMinutes(10), "a"), 0);
        TaskState t = f.live(s).get(0);
        f.model.startCall(t, f.model.now(), Duration.ofMinutes(5));
        f.model.startCall(t, f.model.now(), Duration.ofMinutes(25));
        f.model.signalWorker(t);
        f.advance(Duration.ofMinutes(9));
        assertEquals(WorkerState.DRAINING, t.worker());
        f.advance(Duration.ofMinutes(2));
        assertEquals(WorkerState.EXITED, t.worker());
        assertEquals(0, t.exitCode());
        CallCounts c = f.model.callCounts(t);
        assertEquals(1, c.endedNormally());
        assertEquals(1, c.cutByDrainTimeout());
    }

    @Test
    void theWorkerKeepsServingThroughTheDeregistrationDelayAndGetsSigtermAfterIt() {
        ModelTestFleet f = new ModelTestFleet();
        ServiceState s = f.service("a", 1, new WorkerSpec(100, Duration.ofMinutes(60), "a"), 0.5);
        f.model.setDeregistrationDelay(s, Duration.ofSeconds(300));
        TaskState t = f.live(s).get(0);
        f.model.stopTask(t, null);
        assertEquals("DEACTIVATING", t.lastStatus());
        long before = f.model.callCounts(t).started();
        f.advance(Duration.ofSeconds(299));
        assertEquals("DEACTIVATING", t.lastStatus());
        assertEquals(WorkerState.SERVING, t.worker());
        assertTrue(f.model.callCounts(t).started() > before + 50, "LiveKit still dispatches to it");
        f.advance(Duration.ofSeconds(2));
        assertEquals("STOPPING", t.lastStatus());
        assertEquals(t.stoppingAt().plusSeconds(300), t.sigtermAt());
        assertEquals(WorkerState.DRAINING, t.worker());
    }

    @Test
    void aDailyCurveShapesArrivals() {
        ModelTestFleet f = new ModelTestFleet();
        ServiceState s = f.service("a", 2, new WorkerSpec(1000, Duration.ofMinutes(60), "a"), 0);
        double[] curve = new double[24];
        curve[1] = 1; // only 01:00–02:00 UTC
        f.model.setArrivalRate(s, 0.2, curve);
        f.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertEquals(0, f.model.callCounts(s).started());
        f.advance(Duration.ofMinutes(60).plusSeconds(1));
        long inHour = f.model.callCounts(s).started();
        assertTrue(inHour > 600 && inHour < 840, "≈ 720 expected, saw " + inHour);
        f.advance(Duration.ofMinutes(120));
        assertEquals(inHour, f.model.callCounts(s).started());
    }

    @Test
    void cordonIsOneWayAndOnlyWithTheDrainRoute() {
        ModelTestFleet f = new ModelTestFleet();
        WorkerSpec withRoute = new WorkerSpec(4, Duration.ofMinutes(60), "a", true, WorkerSpec.Runtime.NODE, 0, true, null);
        ServiceState s = f.service("a", 1, withRoute, 0);
        TaskState t = f.live(s).get(0);
        assertTrue(f.model.cordonWorker(t));
        assertEquals(WorkerState.CORDONED, t.worker());
        f.model.signalWorker(t); // a cordoned worker drains normally on its first SIGTERM
        assertEquals(WorkerState.DRAINING, t.worker());
        assertFalse(f.model.cordonWorker(t));
    }
}
