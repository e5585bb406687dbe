package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.drainboard.drain.Fixtures.NOW;
import static io.drainboard.drain.Fixtures.service;
import static io.drainboard.drain.Fixtures.task;
import static io.drainboard.drain.Fixtures.withDesired;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuardPolicyTest {
    private final GuardPolicy guard = new GuardPolicy(GuardPolicy.Settings.DEFAULT);

    private static String arn(String id) {
        return "arn:aws:ecs:us-east-1:1:task/c/" + id;
    }

    @Test
    void aBusyUnprotectedTaskIsProtected() {
        var d = guard.decide(service(task("busy", 3, Protection.OFF)), Map.of(), NOW);
        assertEquals(List.of(arn("busy")), d.protect());
        assertTrue(d.release().isEmpty());
    }

    @Test
    void aLeaseRunningLowIsRenewedButAFreshOneIsLeftAlone() {
        var d = guard.decide(service(
                task("low", 2, Protection.until(NOW.plus(Duration.ofMinutes(50)))),
                task("fresh", 2, Protection.until(NOW.plus(Duration.ofMinutes(70))))), Map.of(), NOW);
        assertEquals(List.of(arn("low")), d.protect());
    }

    @Test
    void anIdleTaskIsReleasedOnlyAfterTheHysteresisAndOnlyWhenEcsWantsToStopOne() {
        var svc = withDesired(1, task("idle", 0, Protection.until(NOW.plus(Duration.ofMinutes(90)))),
                task("busy", 2, Protection.until(NOW.plus(Duration.ofMinutes(90)))));
        var first = guard.decide(svc, Map.of(), NOW);
        assertTrue(first.release().isEmpty(), "just went idle: wait");
        var later = guard.decide(svc, first.idleSince(), NOW.plus(Duration.ofMinutes(2)));
        assertEquals(List.of(arn("idle")), later.release());

        var noScaleIn = service(task("idle", 0, Protection.until(NOW.plus(Duration.ofMinutes(90)))));
        var kept = guard.decide(noScaleIn, Map.of(arn("idle"), NOW.minusSeconds(3600)), NOW);
        assertTrue(kept.release().isEmpty(), "nothing waits to be stopped: the idle task stays in reserve");
    }

    @Test
    void aBusyTaskRefusedAtTheLimitGetsTheSlotOfTheLongestIdleGuardHeldTaskAndNeverOfABusyOne() {
        var on = Protection.until(NOW.plusSeconds(6000));
        var svc = withDesired(3, task("refused", 2, Protection.OFF), task("busy", 4, on), task("a", 0, on),
                task("b", 0, on), task("unknown", -1, on), task("mine", 0, on));
        var idle = Map.of(arn("a"), NOW.minusSeconds(300), arn("b"), NOW.minusSeconds(900), arn("mine"), NOW.minusSeconds(9000));
        var guardHolds = new GuardPolicy.View(t -> new ProtectionHolder(t.arn().endsWith("mine")
                ? ProtectionHolder.Kind.SOMEONE_ELSE : ProtectionHolder.Kind.GUARD_SERVICE, ""), false, true);
        var room = guard.roomFor(svc, List.of(arn("refused"), arn("busy")), idle, List.of(), guardHolds);
        assertEquals(List.of(arn("b")), room.release(), "one idle task for the one busy refused task, longest idle first");
        assertEquals(List.of(arn("refused")), room.busy());
        assertEquals(List.of(arn("a")), guard.roomFor(svc, List.of(arn("refused")), idle, List.of(arn("b")), guardHolds).release(),
                "not what the decision releases anyway");
        assertTrue(guard.roomFor(svc, List.of(arn("a")), idle, List.of(), guardHolds).release().isEmpty(), "only for a busy task");
        var selfProtecting = new GuardPolicy.View(guardHolds.holder(), true, true);
        var lastReadFailed = new GuardPolicy.View(guardHolds.holder(), false, false);
        assertTrue(guard.roomFor(svc, List.of(arn("refused")), idle, List.of(), selfProtecting).release().isEmpty());
        assertTrue(guard.roomFor(svc, List.of(arn("refused")), idle, List.of(), lastReadFailed).release().isEmpty());
    }

    @Test
    void anUnprotectedIdleTaskIsProtectedSoANewCallCannotBeCutByAScaleIn() {
        var d = guard.decide(service(task("idle", 0, Protection.OFF)), Map.of(), NOW);
        assertEquals(List.of(arn("idle")), d.protect());
    }

    @Test
    void onlyTheSurplusIsReleasedLongestIdleFirst() {
        var svc = withDesired(1, task("a", 0, Protection.until(NOW.plusSeconds(6000))),
                task("b", 0, Protection.until(NOW.plusSeconds(6000))));
        var d = guard.decide(svc, Map.of(arn("a"), NOW.minusSeconds(300), arn("b"), NOW.minusSeconds(900)), NOW);
        assertEquals(List.of(arn("b")), d.release());
    }

    @Test
    void aCallInBetweenResetsTheIdleClock() {
        var idle = withDesired(0, task("t", 0, Protection.until(NOW.plus(Duration.ofMinutes(90)))));
        var busy = withDesired(0, task("t", 1, Protection.until(NOW.plus(Duration.ofMinutes(90)))));
        var d1 = guard.decide(idle, Map.of(), NOW);
        var d2 = guard.decide(busy, d1.idleSince(), NOW.plusSeconds(60));
        var d3 = guard.decide(idle, d2.idleSince(), NOW.plusSeconds(150));
        assertTrue(d3.release().isEmpty(), "idle for 0 s again after the call");
    }

    @Test
    void unknownCallsNeverReleaseAndOnlyRenew() {
        var d = guard.decide(service(
                task("blind", -1, Protection.until(NOW.plus(Duration.ofMinutes(3)))),
                task("blind2", -1, Protection.OFF)), Map.of(arn("blind"), NOW.minusSeconds(3600)), NOW);
        assertEquals(List.of(arn("blind")), d.protect());
        assertTrue(d.release().isEmpty());
    }

    @Test
    void withoutALeaderAGuardProtectsAllThePolicyWouldAndReleasesNothing() {
        var svc = withDesired(4, task("busy", 2, Protection.OFF), task("idle", 0, Protection.OFF),
                task("low", 0, Protection.until(NOW.plus(Duration.ofMinutes(10)))),
                task("ours", 0, Protection.until(NOW.plus(Duration.ofMinutes(90)))));
        var protect = guard.protectWithoutLead(svc, NOW, GuardPolicy.View.OWN, true);
        assertEquals(List.of(arn("busy"), arn("low"), arn("idle")), protect, "the idle ones too, into a free slot, last");
        var scaleIn = withDesired(0, svc.tasks().toArray(new io.drainboard.fleet.TaskSnapshot[0]));
        assertEquals(List.of(arn("busy"), arn("low")), guard.protectWithoutLead(scaleIn, NOW, GuardPolicy.View.OWN, true),
                "the surplus is not released, and an idle unprotected task is left to the scale-in (maybe a dead leader's release)");
    }

    /**
     * Idle churn: the leader released an idle task for a scale-in and ECS has not stopped it yet. Protecting it again
     * while releasing another idle task would swap the two on every pass, and the scale-in would never complete.
     */
    @Test
    void anIdleTaskLeftUnprotectedForAScaleInIsNotProtectedAgainWhileEcsWaitsToStopOne() {
        var on = Protection.until(NOW.plusSeconds(6000));
        var svc = withDesired(2, task("released", 0, Protection.OFF), task("held", 0, on), task("busy", 3, on));
        var idle = Map.of(arn("released"), NOW.minusSeconds(600), arn("held"), NOW.minusSeconds(900));
        var d = guard.decide(svc, idle, NOW);
        assertEquals(List.of(), d.protect(), "the released task is the one ECS may stop");
        assertEquals(List.of(), d.release(), "one task above the desired count, and it is already unprotected");

        var twoAbove = withDesired(1, svc.tasks().toArray(new io.drainboard.fleet.TaskSnapshot[0]));
        assertEquals(List.of(arn("held")), guard.decide(twoAbove, idle, NOW).release());
        assertEquals(List.of(), guard.decide(twoAbove, idle, NOW).protect());

        var noScaleIn = withDesired(3, svc.tasks().toArray(new io.drainboard.fleet.TaskSnapshot[0]));
        assertEquals(List.of(arn("released")), guard.decide(noScaleIn, idle, NOW).protect(),
                "once ECS waits for nothing, an idle task is protected again");
        var lastReadFailed = new GuardPolicy.View(GuardPolicy.View.OWN.holder(), false, false);
        assertEquals(List.of(arn("released")), guard.decide(svc, idle, NOW, lastReadFailed).protect(),
                "after a failed read the idle task may have a call now: protected");
        assertEquals(List.of(), guard.protectWithoutLead(svc, NOW, GuardPolicy.View.OWN, true),
                "a replica that does not lead does not protect it either");
    }

    @Test
    void aStandbyBehindALiveLeaderProtectsOnlyBusyTasksNothingProtects() {
        var svc = withDesired(0, task("busy", 2, Protection.OFF), task("idle", 0, Protection.OFF),
                task("low", 2, Protection.until(NOW.plus(Duration.ofMinutes(10)))), task("blind", -1, Protection.OFF));
        assertEquals(List.of(arn("busy")), guard.protectWithoutLead(svc, NOW, GuardPolicy.View.OWN, false),
                "the idle task may be the leader's release; renewals are the leader's");
    }
}
