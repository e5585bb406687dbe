package io.drainboard.drain;

import io.drainboard.calls.ActiveCall;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.TaskCalls;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskDrainTest {
    private static final String ARN = "arn:aws:ecs:us-east-1:1:task/c/old";
    private final CutRisk risk = new CutRisk(LognormalSurvival.ofMedianAndP99(240, 1500));

    /** Records what the drain asked for; the engine seam, not an AWS client. */
    static final class Recorder implements DrainEffects {
        final List<String> calls = new ArrayList<>();
        boolean failProtect;
        /** The next this-many protect calls are refused at ECS's protected-task limit. */
        int blockedProtects;

        @Override
        public Result<Instant> protect(String cluster, String taskArn, int minutes, String reason) {
            calls.add("protect " + minutes);
            if (blockedProtects > 0) {
                blockedProtects--;
                return Result.failed("DEPLOYMENT_BLOCKED: The service has more protected tasks (1) than its desired count (1).");
            }
            return failProtect ? Result.failed("AccessDeniedException") : Result.ok(NOW.plus(Duration.ofMinutes(minutes)));
        }

        @Override
        public Result<Void> cordon(String cluster, String service, String taskArn, CordonMethod method, String reason) {
            calls.add("cordon " + method.key());
            return Result.ok(null);
        }

        @Override
        public Result<Void> stopTask(String cluster, String taskArn, String reason) {
            calls.add("stop");
            return Result.ok(null);
        }

        @Override
        public Result<Void> release(String cluster, String taskArn, String reason) {
            calls.add("release");
            return Result.ok(null);
        }

        @Override
        public void record(String action, String cluster, String taskArn, String detail) {
            recorded.add(action);
        }

        final List<String> recorded = new ArrayList<>();
    }

    private static ServiceSnapshot withCalls(int calls) {
        return service(task("old", calls, Protection.until(NOW.plusSeconds(3600))));
    }

    private TaskDrain drain(CordonMethod m, DrainPlan.DeadlinePolicy policy) {
        DrainPlan p = DrainPlan.defaults(m);
        p = new DrainPlan(m, p.finish(), p.deadline(), policy, p.lease(), p.renewBefore(), p.riskBar());
        return new TaskDrain("c", "svc", ARN, p, risk, NOW);
    }

    /**
     * Strictly read, ECS refuses to renew a protected task while the service's protected tasks reach its desired
     * count (docs/simulator.md "Rules and switches"). With a scale-in waiting (here desired 0), releasing it would
     * hand it to ECS: the drain keeps the protection the task has and asks again, it does not fail.
     */
    @Test
    void aRenewalRefusedAtTheProtectedTaskLimitKeepsTheProtectionTheTaskHas() {
        Recorder fx = new Recorder();
        fx.blockedProtects = 1;
        TaskDrain d = drain(CordonMethod.HTTP, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        d.step(Fixtures.withDesired(0, task("old", 2, Protection.until(NOW.plusSeconds(3600)))), NOW, fx);
        assertEquals(DrainPhase.CORDONING, d.phase(), d.status().reason());
        assertEquals(Optional.of(NOW.plusSeconds(3600)), d.status().protectedUntil());
        assertEquals(List.of("protect 60"), fx.calls, "no release while ECS waits to stop a task");
    }

    /** Where ECS waits to stop nothing, the refused renewal is done by releasing and protecting again at once. */
    @Test
    void aRenewalRefusedWhereNothingWaitsIsReleasedAndProtectedAgain() {
        Recorder fx = new Recorder();
        fx.blockedProtects = 1;
        TaskDrain d = drain(CordonMethod.HTTP, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        d.step(withCalls(2), NOW, fx);
        assertEquals(DrainPhase.CORDONING, d.phase());
        assertEquals(List.of("protect 60", "release", "protect 60"), fx.calls);
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(60))), d.status().protectedUntil());
    }

    /** An unprotected task refused protection has nothing to fall back on: the drain fails, loudly. */
    @Test
    void aRefusedProtectionOfAnUnprotectedTaskFailsTheDrain() {
        Recorder fx = new Recorder();
        fx.blockedProtects = 1;
        TaskDrain d = drain(CordonMethod.HTTP, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        d.step(Fixtures.withDesired(0, task("old", 2, Protection.OFF)), NOW, fx);
        assertEquals(DrainPhase.FAILED, d.phase());
    }

    @Test
    void httpCordonProtectsCordonsWaitsThenStopsTheIdleTaskAndSeesItsReplacement() {
        Recorder fx = new Recorder();
        TaskDrain d = drain(CordonMethod.HTTP, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        d.step(withCalls(2), NOW, fx);
        assertEquals(DrainPhase.CORDONING, d.phase());
        d.step(withCalls(2), NOW, fx);
        d.step(withCalls(2), NOW.plusSeconds(10), fx);
        assertEquals(DrainPhase.WAITING, d.phase());
        assertTrue(d.status().reason().startsWith("2 calls, oldest 5 m, predicted idle in"), d.status().reason());
        d.step(withCalls(0), NOW.plusSeconds(600), fx);
        assertEquals(List.of("protect 60", "cordon http", "stop"), fx.calls);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase());

        TaskSnapshot replacement = Fixtures.task("new", 0, Protection.OFF);
        replacement = new TaskSnapshot(replacement.arn(), replacement.id(), "c", "svc", replacement.taskDefinitionArn(),
                "svc", 1, "FARGATE", "us-east-1b", "RUNNING", "RUNNING", "HEALTHY", java.util.Optional.of(NOW.plusSeconds(660)),
                java.util.Optional.empty(), Protection.OFF, replacement.calls(), replacement.stopTimeout());
        // The replacement runs, but the drain is done only once it has seen how the old task stopped.
        d.step(service(replacement), NOW.plusSeconds(700), fx);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase());
        d.step(stoppedBeside(replacement, 0, "UserInitiated", "Drainboard: drain: task idle"), NOW.plusSeconds(705), fx);
        assertEquals(DrainPhase.DONE, d.phase());
        assertEquals("drained, replacement running; 0 calls on any task when it stopped", d.status().reason());
        assertTrue(d.status().stop().orElseThrow().clean());
    }

    @Test
    void aDrainedTaskKilledBySomethingElseIsNotReportedClean() {
        Recorder fx = new Recorder();
        TaskDrain d = drain(CordonMethod.HTTP, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        d.step(withCalls(2), NOW, fx);
        d.step(withCalls(2), NOW.plusSeconds(5), fx);
        assertEquals(DrainPhase.WAITING, d.phase());
        // Someone else's StopTask; ECS SIGKILLs the worker 120 s later with both calls on it.
        TaskSnapshot r = Fixtures.task("new", 0, Protection.OFF);
        TaskSnapshot replacement = new TaskSnapshot(r.arn(), r.id(), "c", "svc", r.taskDefinitionArn(), "svc", 1, "FARGATE",
                "us-east-1b", "RUNNING", "RUNNING", "HEALTHY", java.util.Optional.of(NOW.plusSeconds(60)),
                java.util.Optional.empty(), Protection.OFF, r.calls(), r.stopTimeout());
        d.step(stoppedBeside(replacement, 137, "UserInitiated", "Task stopped by a pipeline"), NOW.plusSeconds(130), fx);
        d.step(stoppedBeside(replacement, 137, "UserInitiated", "Task stopped by a pipeline"), NOW.plusSeconds(135), fx);
        assertEquals(DrainPhase.DONE, d.phase(), d.status().reason());
        assertFalse(d.status().stop().orElseThrow().clean());
        // A SIGKILL means at least one call was still there; two were seen at the last reading.
        assertEquals("replacement running; NOT CLEAN: task old stopped by SIGKILL (exit 137) with 1–2 calls (likely cut)"
                + " (stopped by something else: user (StopTask) — UserInitiated: Task stopped by a pipeline; started by"
                + " ecs-svc/1)", d.status().reason());
    }

    /** The service after the drained task stopped: {@code running} beside it, the old task among the stopped. */
    private static ServiceSnapshot stoppedBeside(TaskSnapshot running, int exit, String stopCode, String reason) {
        TaskSnapshot old = task("old", 0, Protection.OFF);
        TaskSnapshot stopped = new TaskSnapshot(old.arn(), old.id(), "c", "svc", old.taskDefinitionArn(), old.family(),
                old.revision(), old.launchType(), old.availabilityZone(), "STOPPED", "STOPPED", "UNKNOWN", old.startedAt(),
                java.util.Optional.of(NOW.plusSeconds(2)), Protection.OFF, old.calls(), old.stopTimeout(),
                List.of(new io.drainboard.fleet.ContainerSnapshot("agent", "agent:1", "STOPPED", java.util.Optional.of(exit),
                        java.util.Optional.empty(), "UNKNOWN")), java.util.Optional.empty(), java.util.Optional.of("ecs-svc/1"),
                java.util.Optional.of(NOW.plusSeconds(125)), java.util.Optional.of(stopCode), java.util.Optional.of(reason),
                java.util.Optional.empty(), NOW);
        ServiceSnapshot s = service(running);
        return new ServiceSnapshot(s.clusterName(), s.name(), s.arn(), s.launchType(), 1, 1, 0, s.taskDefinitionArn(),
                s.deployments(), s.tasks(), s.status(), s.events(), s.stopTimeout(), s.enableExecuteCommand(),
                s.deploymentConfig(), s.loadBalanced(), List.of(stopped), java.util.Optional.empty());
    }

    @Test
    void aTaskMissingFromAnIncompleteReadIsNotTakenForStopped() {
        Recorder fx = new Recorder();
        TaskDrain d = drain(CordonMethod.HTTP, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        d.step(withCalls(2), NOW, fx);
        d.step(withCalls(2), NOW, fx);
        assertEquals(DrainPhase.WAITING, d.phase());
        // A restarted console whose DescribeTasks failed: the busy task is simply not in the list.
        ServiceSnapshot incomplete = service().withError("task list incomplete: 1 task(s) of the cluster could not be described");
        for (int i = 1; i <= 10; i++) d.step(incomplete, NOW.plusSeconds(i * 30L), fx);
        assertEquals(DrainPhase.WAITING, d.phase(), d.status().reason());
        assertTrue(d.status().reason().startsWith("the task is not in this refresh"), d.status().reason());
        d.step(withCalls(0), NOW.plusSeconds(400), fx);
        assertEquals(List.of("protect 60", "cordon http", "stop"), fx.calls, "stopped once it was seen again, idle");
    }

    @Test
    void aSignalledWorkerIsNeverSentStopTaskItExitsByItself() {
        Recorder fx = new Recorder();
        TaskDrain d = drain(CordonMethod.EXEC_SIGNAL, DrainPlan.DeadlinePolicy.ASK_TO_FORCE);
        d.step(withCalls(3), NOW, fx);
        d.step(withCalls(3), NOW, fx);
        for (int i = 1; i < 200; i++) d.step(withCalls(i < 100 ? 3 : 0), NOW.plusSeconds(i * 30L), fx);
        assertFalse(fx.calls.contains("stop"), fx.calls.toString());
        assertEquals(List.of("protect 60", "cordon exec-signal"), fx.calls.subList(0, 2));
        assertTrue(d.status().alarms().stream().anyMatch(a -> a.startsWith("deadline passed")), d.status().alarms().toString());
    }

    @Test
    void forcingAHeldDrainIsTheOnlyWayToStopATaskWithCalls() {
        Recorder fx = new Recorder();
        TaskDrain d = drain(CordonMethod.EXEC_SIGNAL, DrainPlan.DeadlinePolicy.ASK_TO_FORCE);
        d.step(withCalls(3), NOW, fx);
        d.step(withCalls(3), NOW, fx);
        d.step(withCalls(3), NOW.plus(Duration.ofMinutes(50)), fx);
        assertEquals(DrainPhase.HELD, d.phase());
        assertFalse(fx.calls.contains("stop"));
        d.force();
        d.step(withCalls(3), NOW.plus(Duration.ofMinutes(51)), fx);
        assertTrue(fx.calls.contains("stop"));
    }

    @Test
    void aCallStartingOnACordonedTaskHoldsTheDrain() {
        Recorder fx = new Recorder();
        TaskDrain d = drain(CordonMethod.HTTP, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        d.step(withCalls(2), NOW, fx);
        d.step(withCalls(2), NOW, fx);
        d.step(withCalls(2), NOW.plusSeconds(10), fx);
        d.step(withCalls(1), NOW.plusSeconds(20), fx);
        d.step(withCalls(2), NOW.plusSeconds(30), fx);
        assertEquals(DrainPhase.HELD, d.phase());
        assertTrue(d.status().alarms().get(0).contains("cordon did not take"));
        d.step(withCalls(0), NOW.plusSeconds(40), fx);
        assertEquals(DrainPhase.HELD, d.phase(), "held drains wait for the operator");
        assertFalse(fx.calls.contains("stop"));
    }

    @Test
    void theDeadlineAlertsAndExtendsUnderThatPolicy() {
        Recorder fx = new Recorder();
        TaskDrain d = drain(CordonMethod.HTTP, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        d.step(withCalls(1), NOW, fx);
        d.step(withCalls(1), NOW, fx);
        Instant before = d.status().deadline();
        d.step(withCalls(1), NOW.plus(Duration.ofMinutes(46)), fx);
        assertEquals(DrainPhase.WAITING, d.phase());
        assertTrue(d.status().deadline().isAfter(before));
        assertEquals(1, d.status().alarms().size());
        assertEquals(List.of("drain-deadline"), fx.recorded);
    }

    @Test
    void unknownCallsNeverStopTheTask() {
        Recorder fx = new Recorder();
        TaskDrain d = drain(CordonMethod.HTTP, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        d.step(withCalls(1), NOW, fx);
        d.step(withCalls(1), NOW, fx);
        d.step(service(task("old", -1, Protection.until(NOW.plusSeconds(3600)))), NOW.plusSeconds(60), fx);
        assertFalse(fx.calls.contains("stop"));
        assertTrue(d.status().reason().contains("not acting blind"));
    }

    @Test
    void protectionIsRenewedWhileCallsRemain() {
        Recorder fx = new Recorder();
        TaskDrain d = drain(CordonMethod.HTTP, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        d.step(withCalls(1), NOW, fx);
        d.step(withCalls(1), NOW, fx);
        d.step(withCalls(1), NOW.plus(Duration.ofMinutes(41)), fx);
        assertEquals(List.of("protect 60", "cordon http", "protect 60"), fx.calls);
    }

    @Test
    void aProtectionFailureStopsTheDrainBeforeAnythingElse() {
        Recorder fx = new Recorder();
        fx.failProtect = true;
        TaskDrain d = drain(CordonMethod.HTTP, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        d.step(withCalls(1), NOW, fx);
        assertEquals(DrainPhase.FAILED, d.phase());
        assertEquals(List.of("protect 60"), fx.calls);
        assertTrue(d.status().reason().contains("AccessDeniedException"));
    }

    @Test
    void withoutACordonTheRiskModelClearsAStopOnlyAboveTheBar() {
        Recorder fx = new Recorder();
        DrainPlan lax = new DrainPlan(CordonMethod.NONE, DrainPlan.Finish.STOP, Duration.ofMinutes(45),
                DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND, Duration.ofMinutes(60), Duration.ofMinutes(20), 0.0);
        TaskDrain d = new TaskDrain("c", "svc", ARN, lax, risk, NOW);
        d.step(withCalls(2), NOW, fx);
        d.step(withCalls(2), NOW, fx);
        d.step(withCalls(2), NOW.plusSeconds(10), fx);
        assertTrue(fx.calls.contains("stop"), "bar 0 clears at once");

        Recorder strict = new Recorder();
        TaskDrain s = new TaskDrain("c", "svc", ARN, DrainPlan.defaults(CordonMethod.NONE), risk, NOW);
        s.step(withCalls(2), NOW, strict);
        s.step(withCalls(2), NOW, strict);
        s.step(withCalls(2), NOW.plusSeconds(10), strict);
        assertFalse(strict.calls.contains("stop"), "99.9 % bar: two live calls will not all end in 120 s");
        assertEquals(List.of("protect 60"), strict.calls);
    }

    @Test
    void theForecastUsesEachCallsOwnAgeWhenTheSourceGivesThem() {
        // One call of 10 min and one of 5 s: taking both as 10 min old would predict a later idle.
        List<ActiveCall> calls = List.of(new ActiveCall("a", ARN, NOW.minusSeconds(600)),
                new ActiveCall("b", ARN, NOW.minusSeconds(5)));
        TaskCalls reading = new TaskCalls.Known(2, Optional.of(NOW.minusSeconds(600)), "livekit", NOW, calls);
        ServiceSnapshot svc = service(task("old", reading, Protection.until(NOW.plusSeconds(3600))));
        TaskDrain d = drain(CordonMethod.HTTP, DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND);
        Recorder fx = new Recorder();
        d.step(svc, NOW, fx);
        d.step(svc, NOW, fx);
        d.step(svc, NOW, fx);
        CutRisk.IdleForecast perCall = risk.forecast(List.of(600.0, 5.0));
        CutRisk.IdleForecast asOldest = risk.forecast(List.of(600.0, 600.0));
        String expected = "predicted idle in " + IdleSoonest.minutes(perCall.p10()) + "–" + IdleSoonest.minutes(perCall.p90());
        assertTrue(d.status().reason().endsWith(expected), d.status().reason() + " vs " + expected);
        String oldest = "predicted idle in " + IdleSoonest.minutes(asOldest.p10()) + "–" + IdleSoonest.minutes(asOldest.p90());
        assertFalse(expected.equals(oldest),
                "the two readings differ, so the test tells them apart");
    }
}
