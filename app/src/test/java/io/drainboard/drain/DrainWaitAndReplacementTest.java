package io.drainboard.drain;

import io.drainboard.drain.DrainStateMachineEdgesTest.Effects;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.drainboard.drain.DrainStateMachineEdgesTest.counts;
import static io.drainboard.drain.DrainStateMachineEdgesTest.drain;
import static io.drainboard.drain.DrainStateMachineEdgesTest.other;
import static io.drainboard.drain.DrainStateMachineEdgesTest.waiting;
import static io.drainboard.drain.DrainStateMachineEdgesTest.withCalls;
import static io.drainboard.drain.Fixtures.NOW;
import static io.drainboard.drain.Fixtures.service;
import static io.drainboard.drain.Fixtures.stopped;
import static io.drainboard.drain.Fixtures.task;
import static io.drainboard.drain.Fixtures.withDesired;
import static io.drainboard.drain.Fixtures.withStopped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drain while it waits and once its task has stopped, at the edges the state-machine tests leave open: which
 * task it watches, what it says while an effect has not answered, a renewal ECS refuses while a scale-in waits, a
 * task hidden by an incomplete read, ECS stopping the task itself, and what counts as its replacement. Each is what
 * an operator would see go wrong: a busy task stopped, a second signal, a lease released into a scale-in, a drain
 * reported done while the service is short of a task.
 */
class DrainWaitAndReplacementTest {
    private static final Protection HELD = Protection.until(NOW.plusSeconds(3600));

    @Test
    void theDrainWatchesItsOwnTaskNotTheServicesFirst() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        d.step(service(task("busy", 3, HELD), task("old", 0, HELD)), NOW.plusSeconds(60), fx);
        assertTrue(fx.sent.contains("stop"), "its own task is idle: " + fx.sent + " " + d.status().reason());

        Effects fx2 = new Effects();
        TaskDrain e = waiting(fx2, CordonMethod.HTTP);
        e.step(service(task("idle", 0, HELD), task("old", 2, HELD)), NOW.plusSeconds(60), fx2);
        assertFalse(fx2.sent.contains("stop"), "another task's being idle stops nothing: " + fx2.sent);
    }

    @Test
    void whileAnEffectHasNotAnsweredTheDrainSaysSoAndACancelledDrainNoLonger() {
        Effects fx = new Effects();
        fx.protectInFlight = true;
        TaskDrain d = drain(CordonMethod.HTTP);
        d.step(withCalls(2), NOW, fx);
        assertEquals("sent protect, no answer yet", d.status().reason());
        assertEquals(Optional.of("protect"), d.status().sending());
        d.cancel();
        assertTrue(d.status().reason().startsWith("cancelled by the operator"), d.status().reason());
        assertEquals(Optional.empty(), d.status().sending(), "a cancelled drain waits for nothing");

        Effects later = new Effects();
        TaskDrain w = waiting(later, CordonMethod.HTTP);
        String waiting = w.status().reason();
        later.protectInFlight = true;
        w.step(withCalls(2), NOW.plus(Duration.ofMinutes(41)), later);
        assertEquals("sent protect, no answer yet; " + waiting, w.status().reason(), "what it waited for stays in view");
    }

    @Test
    void aStopOrReleaseStillUnansweredIsSentOnceAndTheNextStepTakesItsAnswer() {
        Effects fx = new Effects();
        fx.stopInFlight = true;
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        d.step(withCalls(0), NOW.plusSeconds(60), fx);
        assertEquals(DrainPhase.STOPPING, d.phase());
        assertEquals(Optional.of("stop"), d.status().sending());
        fx.stopInFlight = false;
        d.step(withCalls(0), NOW.plusSeconds(65), fx);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase(), d.status().reason());

        Effects rx = new Effects();
        rx.releaseInFlight = true;
        TaskDrain r = waiting(rx, CordonMethod.HTTP, DrainPlan.Finish.RELEASE, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        r.step(withCalls(0), NOW.plusSeconds(60), rx);
        assertEquals(DrainPhase.RELEASING, r.phase(), "not released until ECS says so");
        assertEquals(Optional.of("release"), r.status().sending());
        rx.releaseInFlight = false;
        r.step(withCalls(0), NOW.plusSeconds(65), rx);
        assertEquals(DrainPhase.DONE, r.phase(), r.status().reason());
        assertEquals(List.of("protect", "cordon", "release", "release"), rx.sent);
    }

    @Test
    void aRefusedRenewalWhileAScaleInWaitsKeepsTheLeaseAndIsNeverReleased() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        fx.blockedProtects = 1;
        ServiceSnapshot scaleInWaiting = withDesired(0, task("old", 2, HELD));
        d.step(scaleInWaiting, NOW.plus(Duration.ofMinutes(41)), fx);
        assertFalse(fx.sent.contains("release"), "released now, the task is the one the scale-in stops: " + fx.sent);
        assertEquals(DrainPhase.WAITING, d.phase(), d.status().reason());
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(60))), d.status().protectedUntil());
    }

    @Test
    void aReGrantStillUnansweredHoldsEveryOtherDecision() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        fx.blockedProtects = 1;
        fx.reprotectInFlight = true;
        d.step(withCalls(0), NOW.plus(Duration.ofMinutes(41)), fx);
        assertEquals(List.of("protect", "cordon", "protect", "reprotect"), fx.sent, "no stop before the new lease answered");
        assertEquals(Optional.of("release and protect"), d.status().sending());
        assertEquals(DrainPhase.WAITING, d.phase());
    }

    @Test
    void aRenewalThatAnswersAtOnceLetsTheSameStepStopTheIdleTask() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        d.step(withCalls(0), NOW.plus(Duration.ofMinutes(41)), fx);
        assertEquals(List.of("protect", "cordon", "protect", "stop"), fx.sent);
    }

    @Test
    void resumingStoppingWhenIdleChangesNothingOnADrainThatIsNotHeld() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.EXEC_SIGNAL);
        d.resumeStoppingWhenIdle(NOW.plusSeconds(30));
        d.step(withCalls(0), NOW.plusSeconds(60), fx);
        assertFalse(fx.sent.contains("stop"), "the worker took its signal and exits by itself; a second kills it: " + fx.sent);
        assertEquals("idle; the signalled worker exits by itself", d.status().reason());
    }

    @Test
    void fromTheCordonOnTheDrainSaysWhatItWaitsFor() {
        Effects fx = new Effects();
        TaskDrain busy = drain(CordonMethod.HTTP);
        busy.step(withCalls(2), NOW, fx);
        busy.step(withCalls(2), NOW, fx);
        assertTrue(busy.status().reason().startsWith("cordoned by http; waiting for calls to end: 2 calls, oldest 5 m,"),
                busy.status().reason());

        TaskDrain idle = drain(CordonMethod.HTTP);
        idle.step(withCalls(0), NOW, fx);
        idle.step(withCalls(0), NOW, fx);
        assertEquals("cordoned by http; waiting for calls to end", idle.status().reason());

        TaskDrain unknown = drain(CordonMethod.HTTP);
        unknown.step(withCalls(-1), NOW, fx);
        unknown.step(withCalls(-1), NOW, fx);
        assertEquals("cordoned by http; waiting for calls to end", unknown.status().reason(), "never a count it does not know");
    }

    @Test
    void aHiddenTaskWithALongLeaseIsWaitedForWithoutARenewal() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        d.step(service(task("other", 1, HELD)).withError("DescribeTasks throttled"), NOW.plus(Duration.ofMinutes(5)), fx);
        assertEquals(List.of("protect", "cordon"), fx.sent);
        assertEquals(DrainPhase.WAITING, d.phase());
        assertEquals("the task is not in this refresh (DescribeTasks throttled): waiting, not acting blind", d.status().reason());
        d.step(service(task("other", 1, HELD)), NOW.plus(Duration.ofMinutes(6)), fx);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase(), "absent from a complete read: it stopped");
    }

    @Test
    void aHiddenTaskWhoseRenewalHasNotAnsweredWaitsForTheAnswer() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        String waiting = d.status().reason();
        fx.protectInFlight = true;
        d.step(service().withError("task list incomplete"), NOW.plus(Duration.ofMinutes(41)), fx);
        assertEquals(Optional.of("protect"), d.status().sending());
        assertEquals("sent protect, no answer yet; " + waiting, d.status().reason());
    }

    @Test
    void aHiddenTaskWhoseRenewalFailsSaysWhyNotThatItIsHidden() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        fx.protectError = "AccessDeniedException";
        d.step(service().withError("task list incomplete"), NOW.plus(Duration.ofMinutes(41)), fx);
        assertEquals(DrainPhase.FAILED, d.phase());
        assertTrue(d.status().reason().startsWith("could not protect the task: AccessDeniedException"), d.status().reason());
    }

    @Test
    void aTaskSeenInAnIncompleteReadIsActedOnAndAnotherTasksStopSaysNothingOfIt() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        d.step(withCalls(0).withError("another cluster's read failed"), NOW.plusSeconds(60), fx);
        assertTrue(fx.sent.contains("stop"), "the task itself was read, idle: " + fx.sent);

        Effects fx2 = new Effects();
        TaskDrain e = waiting(fx2, CordonMethod.HTTP);
        e.step(withStopped(withDesired(1), List.of(stopped("other", NOW)), Optional.of("task list incomplete")),
                NOW.plusSeconds(60), fx2);
        assertEquals(DrainPhase.WAITING, e.phase(), "its own stop was not seen: it may still run with calls");
    }

    @Test
    void aTaskEcsIsStoppingIsNotSentStopTaskAgain() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        TaskSnapshot t = task("old", 0, HELD);
        TaskSnapshot stopping = new TaskSnapshot(t.arn(), t.id(), "c", "svc", t.taskDefinitionArn(), "svc", 1, "FARGATE",
                "us-east-1a", "RUNNING", "STOPPED", "HEALTHY", t.startedAt(), Optional.of(NOW), HELD, t.calls(), t.stopTimeout());
        d.step(service(stopping), NOW.plusSeconds(60), fx);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase());
        assertEquals(List.of("protect", "cordon"), fx.sent, "ECS already stops it");
        assertEquals("ECS is stopping the task; waiting for its replacement", d.status().reason());
    }

    @Test
    void onlyATaskRunningNowThatStartedAfterTheDrainIsItsReplacement() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        d.step(withCalls(0), NOW.plusSeconds(600), fx);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase());

        d.step(counts(1, 1, other("older", "RUNNING", NOW.minusSeconds(60))), NOW.plusSeconds(700), fx);
        assertEquals("waiting for the replacement to run", d.status().reason(),
                "a task that ran before the drain is no replacement, even at the desired count");
        d.step(counts(1, 1, other("crashed", "STOPPED", NOW.plusSeconds(650))), NOW.plusSeconds(700), fx);
        assertEquals("waiting for the replacement to run", d.status().reason(), "a replacement that started and stopped runs nothing");
        d.step(counts(2, 1, other("new", "RUNNING", NOW.plusSeconds(650))), NOW.plusSeconds(700), fx);
        assertEquals("waiting for the replacement to run", d.status().reason(), "the service is still a task short");
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase());
        assertEquals(List.of(), fx.recorded, "no outcome before it is done");
    }

    @Test
    void aDoneDrainRecordsItsOutcome() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        d.step(withCalls(0), NOW.plusSeconds(600), fx);
        ServiceSnapshot seen = withStopped(counts(1, 1, other("new", "RUNNING", NOW.plusSeconds(650))),
                List.of(stopped("old", NOW.plusSeconds(600))), Optional.empty());
        for (int i = 0; i < 3 && d.phase() != DrainPhase.DONE; i++) d.step(seen, NOW.plusSeconds(700 + i * 5), fx);
        assertEquals(DrainPhase.DONE, d.phase(), d.status().reason());
        assertEquals(List.of("drain-outcome"), fx.recorded, "the outcome goes to the audit log");
    }

    @Test
    void aFailureBeforeAnyProtectionSaysNothingOfALease() {
        Effects fx = new Effects();
        fx.protectError = "AccessDeniedException";
        TaskDrain d = drain(CordonMethod.HTTP);
        d.step(withCalls(2), NOW, fx);
        assertEquals("could not protect the task: AccessDeniedException", d.status().reason());
    }

    @Test
    void theDeadlineIsReachedOnlyOnceItHasPassed() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP, DrainPlan.Finish.STOP, DrainPlan.DeadlinePolicy.ASK_TO_FORCE);
        Instant deadline = d.status().deadline();
        d.step(withCalls(2), deadline, fx);
        assertEquals(DrainPhase.WAITING, d.phase(), "at the deadline itself the drain still waits");
        d.step(withCalls(2), deadline.plusSeconds(1), fx);
        assertEquals(DrainPhase.HELD, d.phase());
    }
}
