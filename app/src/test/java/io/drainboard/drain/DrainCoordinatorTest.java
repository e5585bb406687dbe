package io.drainboard.drain;

import io.drainboard.calls.CallsReading;
import io.drainboard.fleet.CallsStatus;
import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.drainboard.drain.Fixtures.NOW;
import static io.drainboard.drain.Fixtures.service;
import static io.drainboard.drain.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DrainCoordinatorTest {
    private static FleetSnapshot fleet(ServiceSnapshot s, long seconds) {
        return new FleetSnapshot(1, "p", "us-east-1", NOW.plusSeconds(seconds), Duration.ZERO,
                List.of(new ClusterSnapshot("c", "arn:c", List.of(s), Optional.empty())),
                CallsStatus.ok("livekit", NOW), List.of());
    }

    @Test
    void theBudgetLetsOnlyNTasksOfAServiceDrainAtOnce() {
        TaskDrainTest.Recorder fx = new TaskDrainTest.Recorder();
        DrainCoordinator c = new DrainCoordinator(fx, new CutRisk(LognormalSurvival.ofMedianAndP99(240, 1500)), 1);
        ServiceSnapshot svc = service(task("a", 2, Protection.OFF), task("b", 2, Protection.OFF));
        c.drain("c", "svc", svc.tasks().get(0).arn(), DrainPlan.defaults(CordonMethod.HTTP), NOW);
        c.drain("c", "svc", svc.tasks().get(1).arn(), DrainPlan.defaults(CordonMethod.HTTP), NOW);
        c.snapshot(fleet(svc, 0));
        c.snapshot(fleet(svc, 5));
        assertEquals(List.of("protect 60", "cordon http"), fx.calls, "the second drain waits for the first");
        assertEquals(1, c.active("c", "svc"));

        ServiceSnapshot firstIdle = service(task("a", 0, Protection.OFF), task("b", 2, Protection.OFF));
        c.snapshot(fleet(firstIdle, 60));      // a: stop → awaiting replacement (still counts)
        assertEquals("stop", fx.calls.get(2));
        c.drainOf(svc.tasks().get(0).arn()).orElseThrow().cancel();
        c.snapshot(fleet(firstIdle, 70));      // a finished → b starts
        assertEquals("protect 60", fx.calls.get(3));
    }

    @Test
    void aTaskIsNotDrainedTwice() {
        TaskDrainTest.Recorder fx = new TaskDrainTest.Recorder();
        DrainCoordinator c = new DrainCoordinator(fx, new CutRisk(LognormalSurvival.ofMedianAndP99(240, 1500)), 2);
        String arn = task("a", 2, Protection.OFF).arn();
        c.drain("c", "svc", arn, DrainPlan.defaults(CordonMethod.HTTP), NOW);
        c.drain("c", "svc", arn, DrainPlan.defaults(CordonMethod.HTTP), NOW);
        assertEquals(1, c.statuses().size());
    }
}
