package io.drainboard.drain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.drainboard.drain.PendingScaleIn.Hold.CORDONED;
import static io.drainboard.drain.PendingScaleIn.Hold.LEANED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingScaleInTest {
    private static final PendingScaleIn.Need NEED = new PendingScaleIn.Need(4, 0.7);

    private static PendingScaleIn.Task task(String arn, int calls, double idleIn) {
        return new PendingScaleIn.Task(arn, calls, idleIn);
    }

    private static final List<PendingScaleIn.Task> FLEET = List.of(task("a", 3, 900), task("b", 1, 120), task("c", 2, 300),
            task("d", 1, 60), task("e", 0, 0));

    @Test
    void aPendingScaleInHoldsTheSoonestIdleBackAndCordonsAnIdleOneToStopLater() {
        // 5 running, 2 desired, 7 calls need 3 at 0.7 of 4: a surplus of 2.
        PendingScaleIn.Decision d = PendingScaleIn.decide(2, 5, FLEET, Map.of(), NEED, 0, true, false);
        assertEquals(List.of("e"), d.cordon(), "the idle task first, cordoned before any stop");
        assertEquals(List.of("d"), d.lean(), "then the one predicted idle soonest");
        assertEquals(List.of(), d.stop(), "nothing is stopped on the reading that chose it");
        assertEquals(Map.of("e", CORDONED, "d", LEANED), d.held());
    }

    @Test
    void aCordonedTaskStillIdleAfterItsCordonIsStoppedAndABusyOneWaits() {
        List<PendingScaleIn.Task> fleet = List.of(task("a", 3, 900), task("b", 1, 120), task("c", 2, 300), task("d", 1, 60),
                task("e", 0, 0));
        PendingScaleIn.Decision d = PendingScaleIn.decide(2, 5, fleet, Map.of("e", CORDONED, "b", CORDONED), NEED, 0,
                false, false);
        assertEquals(List.of("e"), d.stop());
        assertEquals(Map.of("b", CORDONED), d.held(), "a cordoned task with a call keeps its cordon and waits");
        assertTrue(d.cordon().isEmpty() && d.lean().isEmpty(), "the two cordoned tasks are the surplus");
    }

    @Test
    void withoutALeanRouteABusyChoiceIsCordoned() {
        PendingScaleIn.Decision d = PendingScaleIn.decide(2, 5, FLEET, Map.of(), NEED, 0, false, false);
        assertEquals(List.of("e", "d"), d.cordon());
        assertEquals(List.of(), d.lean());
    }

    @Test
    void theSurplusIsCountedAboveWhatTheCallsNeedAtTheTarget() {
        // desired 2, but the calls peaked at 11 over the window: ⌈11 / 2.8⌉ = 4 tasks kept, a surplus of 1.
        PendingScaleIn.Decision d = PendingScaleIn.decide(2, 5, FLEET, Map.of(), NEED, 11, true, false);
        assertEquals(List.of("e"), d.cordon());
        assertEquals(List.of(), d.lean());
        PendingScaleIn.Decision none = PendingScaleIn.decide(2, 5, FLEET, Map.of(), NEED, 14, true, false);
        assertTrue(none.nothing(), "14 calls need all 5");
    }

    @Test
    void whenTheSurplusIsGoneLeansEndAndACordonedTaskStillGoesOnceIdle() {
        Map<String, PendingScaleIn.Hold> held = Map.of("d", LEANED, "e", CORDONED);
        PendingScaleIn.Decision d = PendingScaleIn.decide(5, 5, FLEET, held, NEED, 0, true, false);
        assertEquals(List.of("d"), d.endLean());
        assertEquals(List.of("e"), d.stop(), "one-way: ECS replaces it with a task that takes calls");
        assertEquals(Map.of(), d.held());
    }

    @Test
    void aDeploymentHoldsNothingNew() {
        PendingScaleIn.Decision d = PendingScaleIn.decide(2, 5, FLEET, Map.of("d", LEANED), NEED, 0, true, true);
        assertEquals(List.of("d"), d.endLean());
        assertTrue(d.lean().isEmpty() && d.cordon().isEmpty() && d.stop().isEmpty());
    }

    @Test
    void aLeanedTaskKeepsItsPlaceOnATie() {
        List<PendingScaleIn.Task> tie = List.of(task("x", 1, 60), task("y", 1, 60));
        PendingScaleIn.Decision d = PendingScaleIn.decide(1, 2, tie, Map.of("y", LEANED), NEED, 0, true, false);
        assertEquals(List.of("y"), d.lean(), "no flapping between equal tasks");
        assertEquals(List.of(), d.endLean());
    }
}
