package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.drainboard.drain.Fixtures.NOW;
import static io.drainboard.drain.Fixtures.service;
import static io.drainboard.drain.Fixtures.task;
import static io.drainboard.drain.Fixtures.withDesired;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One task's drain at the edges the main tests leave open: refused effects, operator decisions, a task the read
 * cannot see, and the replacement check. Each asserts what the operator would see go wrong: a call cut, a lease
 * lapsing, a task stopped too early, a drain reported done too soon (docs/benchmarks.md, test strength).
 */
class DrainStateMachineEdgesTest {
    static final String ARN = "arn:aws:ecs:us-east-1:1:task/c/old";
    static final CutRisk RISK = new CutRisk(LognormalSurvival.ofMedianAndP99(240, 1500));

    /** Records what the drain asked for and answers as told; the engine seam, not an AWS client. */
    static final class Effects implements DrainEffects {
        final List<String> sent = new ArrayList<>();
        final List<String> recorded = new ArrayList<>();
        String protectError, cordonError, stopError, releaseError;
        /** The next this-many protect calls are refused at ECS's protected-task limit. */
        int blockedProtects;
        boolean protectInFlight, stopInFlight, releaseInFlight, reprotectInFlight;

        @Override
        public Result<Instant> protect(String cluster, String taskArn, int minutes, String reason) {
            sent.add("protect");
            if (protectInFlight) return Result.inFlight("protect");
            if (blockedProtects > 0) {
                blockedProtects--;
                return Result.failed("DEPLOYMENT_BLOCKED: more protected tasks than the desired count");
            }
            return protectError != null ? Result.failed(protectError) : Result.ok(NOW.plus(Duration.ofMinutes(minutes)));
        }

        @Override
        public Result<Void> cordon(String cluster, String service, String taskArn, CordonMethod method, String reason) {
            sent.add("cordon");
            return cordonError != null ? Result.failed(cordonError) : Result.ok(null);
        }

        @Override
        public Result<Void> stopTask(String cluster, String taskArn, String reason) {
            sent.add("stop");
            if (stopInFlight) return Result.inFlight("stop");
            return stopError != null ? Result.failed(stopError) : Result.ok(null);
        }

        @Override
        public Result<Void> release(String cluster, String taskArn, String reason) {
            sent.add("release");
            if (releaseInFlight) return Result.inFlight("release");
            return releaseError != null ? Result.failed(releaseError) : Result.ok(null);
        }

        @Override
        public Result<Instant> reprotect(String cluster, String taskArn, int minutes, String reason) {
            if (reprotectInFlight) {
                sent.add("reprotect");
                return Result.inFlight("release and protect");
            }
            return DrainEffects.super.reprotect(cluster, taskArn, minutes, reason);
        }

        @Override
        public void record(String action, String cluster, String taskArn, String detail) {
            recorded.add(action);
        }
    }

    static ServiceSnapshot withCalls(int calls) {
        return service(task("old", calls, Protection.until(NOW.plusSeconds(3600))));
    }

    static TaskDrain drain(CordonMethod m) {
        return new TaskDrain("c", "svc", ARN, DrainPlan.defaults(m), RISK, NOW);
    }

    static TaskDrain drain(CordonMethod m, DrainPlan.Finish finish, DrainPlan.DeadlinePolicy policy) {
        DrainPlan p = DrainPlan.defaults(m);
        return new TaskDrain("c", "svc", ARN, new DrainPlan(m, finish, p.deadline(), policy, p.lease(), p.renewBefore(),
                p.riskBar()), RISK, NOW);
    }

    /** Protected and cordoned, now waiting for its calls to end. */
    static void toWaiting(TaskDrain d, Effects fx, int calls) {
        d.step(withCalls(calls), NOW, fx);
        d.step(withCalls(calls), NOW, fx);
        assertEquals(DrainPhase.WAITING, d.phase(), d.status().reason());
    }

    /** A drain protected and cordoned, now waiting for its 2 calls to end. */
    static TaskDrain waiting(Effects fx, CordonMethod m) {
        TaskDrain d = drain(m);
        toWaiting(d, fx, 2);
        return d;
    }

    static TaskDrain waiting(Effects fx, CordonMethod m, DrainPlan.Finish finish, DrainPlan.DeadlinePolicy policy) {
        TaskDrain d = drain(m, finish, policy);
        toWaiting(d, fx, 2);
        return d;
    }

    static TaskSnapshot other(String id, String lastStatus, Instant startedAt) {
        TaskSnapshot t = task(id, 0, Protection.OFF);
        return new TaskSnapshot(t.arn(), t.id(), "c", "svc", t.taskDefinitionArn(), "svc", 1, "FARGATE", "us-east-1b",
                lastStatus, "RUNNING", "HEALTHY", Optional.of(startedAt), Optional.empty(), Protection.OFF, t.calls(),
                t.stopTimeout());
    }

    static ServiceSnapshot counts(int desired, int running, TaskSnapshot... tasks) {
        ServiceSnapshot s = withDesired(desired, tasks);
        return new ServiceSnapshot("c", "svc", s.arn(), "FARGATE", desired, running, 0, s.taskDefinitionArn(),
                List.of(), List.of(tasks));
    }

    @Test
    void aReleaseFinishHandsTheIdleTaskToEcsWithoutStoppingIt() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP, DrainPlan.Finish.RELEASE, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        d.step(withCalls(0), NOW.plusSeconds(600), fx);
        assertEquals(List.of("protect", "cordon", "release"), fx.sent);
        assertEquals(DrainPhase.DONE, d.phase());
    }

    @Test
    void aRefusedReleaseFailsTheDrainAndSaysTheProtectionStays() {
        Effects fx = new Effects();
        fx.releaseError = "AccessDeniedException";
        TaskDrain d = waiting(fx, CordonMethod.HTTP, DrainPlan.Finish.RELEASE, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        d.step(withCalls(0), NOW.plusSeconds(600), fx);
        assertEquals(DrainPhase.FAILED, d.phase());
        assertTrue(d.status().reason().contains("protection stays until"), d.status().reason());
    }

    @Test
    void aFailedCordonFailsTheDrainInsteadOfWaitingAsIfCordoned() {
        Effects fx = new Effects();
        fx.cordonError = "ECS Exec is not enabled";
        TaskDrain d = drain(CordonMethod.HTTP);
        d.step(withCalls(2), NOW, fx);
        d.step(withCalls(2), NOW, fx);
        assertEquals(DrainPhase.FAILED, d.phase());
        assertTrue(d.status().alarms().get(0).contains("cordon"), d.status().alarms().toString());
    }

    @Test
    void aRefusedStopTaskFailsTheDrainLoudly() {
        Effects fx = new Effects();
        fx.stopError = "ThrottlingException";
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        d.step(withCalls(0), NOW.plusSeconds(600), fx);
        assertEquals(DrainPhase.FAILED, d.phase());
        assertTrue(d.status().reason().startsWith("StopTask failed"), d.status().reason());
    }

    @Test
    void aSignalledWorkerThatGoesIdleBeforeTheDeadlineIsNotSentStopTask() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.EXEC_SIGNAL);
        d.step(withCalls(0), NOW.plusSeconds(300), fx);
        d.step(withCalls(0), NOW.plusSeconds(330), fx);
        assertFalse(fx.sent.contains("stop"), "a second signal kills a LiveKit worker: " + fx.sent);
        assertEquals(DrainPhase.WAITING, d.phase());
    }

    @Test
    void aCancelledOrFailedDrainSendsNothingMore() {
        Effects fx = new Effects();
        TaskDrain d = drain(CordonMethod.HTTP);
        d.step(withCalls(2), NOW, fx);
        d.cancel();
        assertEquals(DrainPhase.CANCELLED, d.phase());
        assertTrue(d.status().reason().contains("protection expires " + NOW.plus(Duration.ofMinutes(60))),
                d.status().reason());
        d.step(withCalls(0), NOW.plusSeconds(600), fx);
        assertEquals(List.of("protect"), fx.sent, "no cordon, no stop after the operator cancelled");

        Effects failing = new Effects();
        failing.cordonError = "refused";
        TaskDrain f = drain(CordonMethod.HTTP);
        f.step(withCalls(2), NOW, failing);
        f.step(withCalls(2), NOW, failing);
        f.cancel();
        assertEquals(DrainPhase.FAILED, f.phase(), "cancelling a failed drain does not hide the failure");
        f.step(withCalls(0), NOW.plusSeconds(600), failing);
        assertEquals(List.of("protect", "cordon"), failing.sent);
    }

    @Test
    void cancellingBeforeAnyProtectionSaysNoneIsHeld() {
        TaskDrain d = drain(CordonMethod.HTTP);
        d.cancel();
        assertTrue(d.status().reason().endsWith("protection expires —"), d.status().reason());
    }

    @Test
    void resumingALiveDrainChangesNothingButResumingAHeldOneGoesOn() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        Instant deadline = d.status().deadline();
        d.resume(NOW.plus(Duration.ofMinutes(30)));
        d.resumeStoppingWhenIdle(NOW.plus(Duration.ofMinutes(30)));
        assertEquals(deadline, d.status().deadline(), "only a held drain is resumed");
        assertEquals(DrainPhase.WAITING, d.phase());

        d.step(withCalls(2), NOW.plusSeconds(10), fx);
        d.step(withCalls(3), NOW.plusSeconds(20), fx);
        assertEquals(DrainPhase.HELD, d.phase());
        d.resume(NOW.plus(Duration.ofMinutes(30)));
        assertEquals(DrainPhase.WAITING, d.phase());
        assertEquals(NOW.plus(Duration.ofMinutes(30 + 45)), d.status().deadline());
    }

    @Test
    void aSignalledWorkerThatIgnoredItsCordonIsStoppedOnceIdleWhenTheOperatorSaysSo() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.EXEC_SIGNAL);
        d.step(withCalls(2), NOW.plusSeconds(10), fx);
        d.step(withCalls(3), NOW.plusSeconds(20), fx);
        assertEquals(DrainPhase.HELD, d.phase());
        d.resumeStoppingWhenIdle(NOW.plusSeconds(30));
        d.step(withCalls(3), NOW.plusSeconds(40), fx);
        assertFalse(fx.sent.contains("stop"), "calls remain: no stop");
        d.step(withCalls(0), NOW.plusSeconds(50), fx);
        assertTrue(fx.sent.contains("stop"), "idle, and the signal did not take: only StopTask ends it " + fx.sent);
    }

    @Test
    void aRisingCountWithinTheCordonGraceOrWithoutACordonIsNoAlarm() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        d.step(withCalls(1), NOW.plusSeconds(1), fx);
        d.step(withCalls(3), NOW.plusSeconds(4), fx);
        assertEquals(DrainPhase.WAITING, d.phase(), "a call dispatched just before the cordon may still land");

        Effects none = new Effects();
        DrainPlan p = DrainPlan.defaults(CordonMethod.NONE);
        TaskDrain n = new TaskDrain("c", "svc", ARN, new DrainPlan(CordonMethod.NONE, p.finish(), p.deadline(),
                p.onDeadline(), p.lease(), p.renewBefore(), 1.0), RISK, NOW);
        n.step(withCalls(1), NOW, none);
        n.step(withCalls(1), NOW.plusSeconds(10), none);
        n.step(withCalls(3), NOW.plusSeconds(20), none);
        assertEquals(DrainPhase.WAITING, n.phase(), "an uncordoned task takes calls; that is no alarm");
        assertTrue(n.status().alarms().isEmpty());
    }

    @Test
    void aCordonThatDidNotTakeRaisesOneAlarmNotOnePerRefresh() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        d.step(withCalls(1), NOW.plusSeconds(10), fx);
        d.step(withCalls(2), NOW.plusSeconds(20), fx);
        d.force();
        d.step(withCalls(3), NOW.plusSeconds(30), fx);
        assertEquals(1, d.status().alarms().size(), d.status().alarms().toString());
    }

    @Test
    void withACordonTheRiskModelNeverStopsATaskWithCalls() {
        Effects fx = new Effects();
        DrainPlan p = DrainPlan.defaults(CordonMethod.HTTP);
        TaskDrain d = new TaskDrain("c", "svc", ARN, new DrainPlan(CordonMethod.HTTP, p.finish(), p.deadline(),
                p.onDeadline(), p.lease(), p.renewBefore(), 0.0), RISK, NOW);
        toWaiting(d, fx, 2);
        d.step(withCalls(2), NOW.plusSeconds(60), fx);
        assertFalse(fx.sent.contains("stop"), fx.sent.toString());
    }

    @Test
    void aTaskGoneStoppedOrListedAsRecentlyStoppedIsAwaitingItsReplacement() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        TaskSnapshot stopped = Fixtures.stopped("old", NOW);
        d.step(service(stopped), NOW.plusSeconds(30), fx);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase());
        assertFalse(fx.sent.contains("stop"));

        TaskDrain e = drain(CordonMethod.HTTP);
        Effects fx2 = new Effects();
        toWaiting(e, fx2, 2);
        e.step(Fixtures.withStopped(withDesired(1), List.of(stopped), Optional.of("task list incomplete")), NOW.plusSeconds(30), fx2);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, e.phase(), "seen stopped, so its absence is not a blind spot");
    }

    @Test
    void aTaskHiddenByAnIncompleteReadStillHasItsLeaseRenewed() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        ServiceSnapshot incomplete = service().withError("task list incomplete");
        d.step(incomplete, NOW.plus(Duration.ofMinutes(20)), fx);
        assertEquals(List.of("protect", "cordon"), fx.sent, "lease not low yet");
        d.step(incomplete, NOW.plus(Duration.ofMinutes(41)), fx);
        assertEquals(List.of("protect", "cordon", "protect"), fx.sent, "the lease would lapse unseen");
        assertEquals(DrainPhase.WAITING, d.phase());
    }

    @Test
    void aHiddenTaskWhoseRenewalIsRefusedAtTheLimitKeepsItsLeaseAndWaits() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        fx.blockedProtects = 1;
        d.step(service().withError("task list incomplete"), NOW.plus(Duration.ofMinutes(41)), fx);
        assertEquals(DrainPhase.WAITING, d.phase(), d.status().reason());
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(60))), d.status().protectedUntil());
    }

    @Test
    void aHiddenTaskWhoseRenewalFailsFailsTheDrain() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        fx.protectError = "AccessDeniedException";
        d.step(service().withError("task list incomplete"), NOW.plus(Duration.ofMinutes(41)), fx);
        assertEquals(DrainPhase.FAILED, d.phase());
    }

    @Test
    void aRenewalThatFailsWhileCallsRemainFailsTheDrainBeforeAnyStop() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.NONE);
        fx.protectError = "AccessDeniedException";
        d.step(withCalls(0), NOW.plus(Duration.ofMinutes(41)), fx);
        assertEquals(DrainPhase.FAILED, d.phase());
        assertFalse(fx.sent.contains("stop"), fx.sent.toString());
    }

    @Test
    void aRenewalStillUnansweredHoldsEveryOtherDecision() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        fx.protectInFlight = true;
        d.step(withCalls(0), NOW.plus(Duration.ofMinutes(41)), fx);
        assertFalse(fx.sent.contains("stop"), "no stop while the renewal has not answered");
        assertTrue(d.status().reason().startsWith("sent protect, no answer yet"), d.status().reason());
        assertEquals(Optional.of("protect"), d.status().sending());
    }

    @Test
    void aSignalledWorkerWhoseRenewalIsRefusedIsNotCordonedAgain() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.EXEC_SIGNAL);
        fx.blockedProtects = 1;
        ServiceSnapshot scaleInWaiting = withDesired(0, task("old", 2, Protection.until(NOW.plusSeconds(3600))));
        d.step(scaleInWaiting, NOW.plus(Duration.ofMinutes(41)), fx);
        d.step(scaleInWaiting, NOW.plus(Duration.ofMinutes(42)), fx);
        assertEquals(1, fx.sent.stream().filter("cordon"::equals).count(), "a second signal cuts the calls: " + fx.sent);
        assertEquals(DrainPhase.WAITING, d.phase());
    }

    @Test
    void anUnprotectedTaskRefusedProtectionIsNeverReleasedEvenWhereNothingWaits() {
        Effects fx = new Effects();
        fx.blockedProtects = 1;
        TaskDrain d = drain(CordonMethod.HTTP);
        d.step(service(task("old", 2, Protection.OFF)), NOW, fx);
        assertEquals(DrainPhase.FAILED, d.phase());
        assertEquals(List.of("protect"), fx.sent);
    }

    @Test
    void aRefusedReleaseDuringReGrantKeepsTheProtectionTheTaskHas() {
        Effects fx = new Effects();
        fx.blockedProtects = 1;
        fx.releaseError = "ThrottlingException";
        TaskDrain d = drain(CordonMethod.HTTP);
        d.step(withCalls(2), NOW, fx);
        assertEquals(DrainPhase.CORDONING, d.phase(), d.status().reason());
        assertEquals(Optional.of(NOW.plusSeconds(3600)), d.status().protectedUntil());
        assertTrue(d.status().reason().startsWith("ECS refused to renew"), d.status().reason());
    }

    @Test
    void aTaskReleasedForReGrantButNotProtectedAgainFailsTheDrain() {
        Effects fx = new Effects();
        fx.blockedProtects = 2;
        TaskDrain d = drain(CordonMethod.HTTP);
        d.step(withCalls(2), NOW, fx);
        assertEquals(List.of("protect", "release", "protect"), fx.sent);
        assertEquals(DrainPhase.FAILED, d.phase(), "released and unprotected: the operator must know at once");
    }

    @Test
    void theDrainIsDoneOnlyWhenANewTaskRunsAndTheServiceIsBackAtItsDesiredCount() {
        Effects fx = new Effects();
        TaskDrain d = waiting(fx, CordonMethod.HTTP);
        d.step(withCalls(0), NOW.plusSeconds(600), fx);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase());

        d.step(counts(2, 1, other("older", "RUNNING", NOW.minusSeconds(60))), NOW.plusSeconds(700), fx);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase(), "a task started before the drain is no replacement");
        d.step(counts(2, 1, other("new", "PENDING", NOW.plusSeconds(650))), NOW.plusSeconds(700), fx);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase(), "a pending task is no replacement yet");
        TaskSnapshot self = task("old", 0, Protection.OFF);
        d.step(counts(1, 1, self), NOW.plusSeconds(700), fx);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase(), "the drained task itself is no replacement");
        assertTrue(d.status().reason().startsWith("task running; waiting"), d.status().reason());
        d.step(counts(3, 2, other("new", "RUNNING", NOW.plusSeconds(650)), other("older", "RUNNING", NOW)),
                NOW.plusSeconds(700), fx);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase(), "still below the desired count");
        d.step(counts(2, 2, other("new", "RUNNING", NOW.plusSeconds(650)), other("older", "RUNNING", NOW)),
                NOW.plusSeconds(700), fx);
        // Replaced and back at the desired count; done once it has seen how the old task stopped (TaskDrainTest).
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase());
        assertTrue(d.status().reason().startsWith("replacement running; waiting to see how the task stopped"),
                d.status().reason());
    }

    @Test
    void oneCallIsSaidInTheSingular() {
        Effects fx = new Effects();
        TaskDrain d = drain(CordonMethod.HTTP);
        toWaiting(d, fx, 1);
        d.step(withCalls(1), NOW.plusSeconds(10), fx);
        assertTrue(d.status().reason().startsWith("1 call, oldest"), d.status().reason());
    }
}
