package io.drainboard.drain;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.sim.model.CallCounts;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drain engines' fast tier: what an operator does through the console's one place for actions
 * ({@link FleetActions}: drain, force, cancel, protect, release, guard mode, safe scale-in), on three busy tasks with
 * calls of seconds (scenario drain-tiny), in virtual time over the real clients, asserted on the simulator's ground
 * truth. Each test is a few virtual minutes, small enough to run under mutation testing (docs/benchmarks.md,
 * "Test strength").
 */
class OperatorActionsOnTinyFleetTest {
    @AutoClose
    private final TinyFleet fleet = new TinyFleet("drain-tiny.yaml", Duration.ofSeconds(10));

    private FleetActions open(String settings) throws Exception {
        return fleet.open(settings).actions();
    }

    private FleetSnapshot step() {
        return fleet.step();
    }

    private void until(Predicate<FleetSnapshot> p, int max) {
        fleet.until(p, max);
    }

    private ServiceSnapshot agent() {
        return fleet.last.service("voice", "agent").orElseThrow();
    }

    private TaskSnapshot busiest() {
        return agent().tasks().stream().max(Comparator.comparingInt(t -> t.calls().count())).orElseThrow();
    }

    private CallCounts truth() {
        return fleet.truth("voice", "agent");
    }

    private io.drainboard.sim.model.TaskState simTask(String arn) {
        return fleet.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks().stream()
                .filter(t -> t.arn().equals(arn)).findFirst().orElseThrow());
    }

    private List<String> audited() {
        return fleet.audited();
    }

    private DrainStatus drainOf(FleetActions a, String arn) {
        return a.drains().stream().filter(d -> d.taskArn().equals(arn)).findFirst().orElseThrow();
    }

    @Test
    void aDrainOfABusyTaskCutsNoCallStopsTheTaskOnlyIdleAndEndsWhenItsReplacementRuns() throws Exception {
        FleetActions a = open("cordon: {method: http}\n");
        TaskSnapshot busy = busiest();
        assertTrue(busy.calls().count() > 0, "a busy task");
        long cutBefore = truth().cut();
        DrainStatus started = a.drain("voice", "agent", busy.arn(), "move off the bad host");
        assertEquals(DrainPhase.PROTECTING, started.phase(), started.reason());
        assertEquals(CordonMethod.HTTP, started.method());
        assertTrue(a.activities().of(busy.arn()).isPresent(), "the task table shows the drain");
        until(s -> drainOf(a, busy.arn()).phase().finished(), 120);
        DrainStatus end = drainOf(a, busy.arn());
        assertEquals(DrainPhase.DONE, end.phase(), end.reason());
        assertEquals(0, truth().cut() - cutBefore, "no call cut");
        assertEquals("STOPPED", simTask(busy.arn()).lastStatus());
        assertEquals(3, agent().tasks().stream().filter(t -> "RUNNING".equals(t.lastStatus())).count(),
                "the service is back at its desired count");
        List<String> actions = audited();
        assertTrue(actions.containsAll(List.of("drain", "protect", "cordon")), actions.toString());
    }

    @Test
    void aForcedDrainStopsTheTaskAtOnceAndItsCallsAreCut() throws Exception {
        FleetActions a = open("cordon: {method: http}\ndrain: {deadline: 30m}\n");
        TaskSnapshot busy = busiest();
        a.drain("voice", "agent", busy.arn(), "test");
        until(s -> drainOf(a, busy.arn()).phase() == DrainPhase.WAITING, 20);
        assertEquals(DrainPhase.WAITING, drainOf(a, busy.arn()).phase(), drainOf(a, busy.arn()).reason());
        // A call is still on the cordoned task: the operator accepts cutting it.
        until(s -> s.task(busy.arn()).map(t -> t.calls().count() > 0).orElse(false), 1);
        a.forceDrain(busy.arn(), "the host is failing");
        step();
        step();
        assertEquals("STOPPED", simTask(busy.arn()).desiredStatus(), "StopTask sent on the operator's word");
        assertTrue(audited().contains("drain-force"));
    }

    @Test
    void aCancelledDrainSendsNothingMoreAndTheTaskKeepsServing() throws Exception {
        FleetActions a = open("cordon: {method: none}\n");
        TaskSnapshot busy = busiest();
        a.drain("voice", "agent", busy.arn(), "test");
        step();
        a.cancelDrain(busy.arn(), "wrong task");
        assertEquals(DrainPhase.CANCELLED, drainOf(a, busy.arn()).phase());
        long stops = fleet.sim.requests().count("ecs", "StopTask");
        for (int i = 0; i < 30; i++) step();
        assertEquals(stops, fleet.sim.requests().count("ecs", "StopTask"), "nothing stopped after cancel");
        assertEquals("RUNNING", simTask(busy.arn()).lastStatus());
        assertTrue(audited().contains("drain-cancel"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.forceDrain(
                agent().tasks().stream().filter(t -> !t.arn().equals(busy.arn())).findFirst().orElseThrow().arn(), "x"));
        assertTrue(e.getMessage().contains("this console is not draining"), e.getMessage());
    }

    @Test
    void theDrainBudgetQueuesTheSecondDrainUntilTheFirstEnds() throws Exception {
        FleetActions a = open("cordon: {method: http}\ndrain: {budget: 1}\n");
        List<TaskSnapshot> tasks = agent().tasks();
        assertEquals(1, a.drainBudget("voice", "agent"));
        a.drain("voice", "agent", tasks.get(0).arn(), "one");
        a.drain("voice", "agent", tasks.get(1).arn(), "two");
        step();
        assertEquals(List.of(tasks.get(1).arn()), a.queuedDrains());
        long cutBefore = truth().cut();
        until(s -> a.drains().stream().allMatch(d -> d.phase().finished()), 200);
        assertTrue(a.drains().stream().allMatch(d -> d.phase() == DrainPhase.DONE), a.drains().toString());
        assertEquals(0, truth().cut() - cutBefore);
    }

    @Test
    void protectHoldsATaskUntilItsExpiryAndReleaseHandsItBack() throws Exception {
        FleetActions a = open("");
        TaskSnapshot t = busiest();
        Instant now = fleet.sim.clock().instant();
        a.protect("voice", List.of(t.arn()), 30, "maintenance");
        io.drainboard.sim.model.TaskState s = simTask(t.arn());
        assertTrue(s.isProtected());
        assertFalse(s.protectionExpiresAt().isBefore(now.plus(Duration.ofMinutes(30))), "30 minutes");
        assertTrue(s.protectionExpiresAt().isBefore(now.plus(Duration.ofMinutes(31))));
        assertTrue(a.grants().toString().contains(t.arn().substring(t.arn().lastIndexOf('/') + 1))
                || !a.grants().toString().isEmpty(), "the console remembers what it protected");
        a.release("voice", List.of(t.arn()), "done");
        assertFalse(simTask(t.arn()).isProtected());
        assertTrue(audited().containsAll(List.of("protect", "release")));
    }

    @Test
    void guardModeProtectsEveryBusyTaskAndRenewsBeforeTheLeaseEnds() throws Exception {
        FleetActions a = open("guard: {lease: 10m, renewBefore: 5m, idleHysteresis: 1m}\n");
        assertTrue(a.guardStatus("voice", "agent").isEmpty(), "off until turned on");
        a.guard("voice", "agent", true, "expected scale-in");
        step();
        ServiceGuard.Status st = a.guardStatus("voice", "agent").orElseThrow();
        assertTrue(st.enabled());
        for (int i = 0; i < 48; i++) { // 24 virtual minutes: over two lease lengths
            fleet.sim.advance(Duration.ofSeconds(30));
            fleet.last = fleet.console.refresher().readOnce();
            for (TaskSnapshot t : agent().tasks()) {
                if (!"RUNNING".equals(t.lastStatus()) || t.calls().count() == 0) continue;
                io.drainboard.sim.model.TaskState s = simTask(t.arn());
                assertTrue(s.isProtected() && s.protectionExpiresAt().isAfter(fleet.sim.clock().instant()),
                        "a busy task is protected at " + fleet.sim.clock().instant() + ": " + t.arn());
            }
        }
        assertTrue(audited().contains("guard-on"));
        a.guard("voice", "agent", false, "done");
        assertTrue(a.guardStatus("voice", "agent").isEmpty() || !a.guardStatus("voice", "agent").get().enabled());
        assertTrue(audited().contains("guard-off"));
    }

    @Test
    void guardModeStandsByWhileTheGuardServiceLeadsTheService() throws Exception {
        FleetActions a = open("guard: {lease: 10m, renewBefore: 5m, idleHysteresis: 30s}\n");
        Instant now = fleet.sim.clock().instant();
        fleet.sim.model().tagResource(agent().arn(), java.util.Map.of(GuardLease.TAG,
                new GuardLease("guard-1", "ip-10-0-1-5", now.plus(Duration.ofMinutes(30)), now, Duration.ZERO).tagValue()));
        a.guard("voice", "agent", true, "test");
        step();
        step();
        ServiceGuard.Status st = a.guardStatus("voice", "agent").orElseThrow();
        assertTrue(st.lastError().orElse("").contains("guard mode stands by"), st.toString());
        assertEquals(0, fleet.sim.requests().count("ecs", "UpdateTaskProtection"), "nothing protected by the console");
        // The lease lapses: guard mode takes the service back.
        fleet.sim.model().untagResource(agent().arn(), List.of(GuardLease.TAG));
        step();
        assertTrue(fleet.sim.requests().count("ecs", "UpdateTaskProtection") > 0, "guard mode protects again");
        assertTrue(a.activities().all().values().stream().anyMatch(x -> x.source() == TaskActivity.Source.GUARD),
                "the task table shows what guard mode does");
    }

    @Test
    void aSafeScaleInOfOneTaskCutsNoCallAndLeavesTheOthersUnprotected() throws Exception {
        FleetActions a = open("cordon: {method: http}\n");
        long cutBefore = truth().cut();
        ScaleInStatus st = a.scaleIn("voice", "agent", 1, "traffic is down");
        assertEquals(ScaleInStatus.Phase.DRAINING, st.phase(), st.reason());
        assertEquals(3, st.fromDesired());
        assertEquals(2, st.targetDesired());
        String chosen = st.drains().get(0).taskArn();
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> a.drain("voice", "agent", chosen, "a second drain"));
        assertTrue(twice.getMessage().contains(chosen.substring(chosen.lastIndexOf('/') + 1)), twice.getMessage());
        for (int i = 0; i < 200 && !a.scaleInStatus("voice", "agent").orElseThrow().phase().finished(); i++) step();
        ScaleInStatus end = a.scaleInStatus("voice", "agent").orElseThrow();
        assertEquals(ScaleInStatus.Phase.DONE, end.phase(), end.reason());
        step();
        assertEquals(0, truth().cut() - cutBefore, "no call cut");
        assertEquals(2, agent().desiredCount());
        assertEquals("STOPPED", simTask(chosen).lastStatus());
        assertTrue(agent().tasks().stream().filter(t -> "RUNNING".equals(t.lastStatus()))
                .allMatch(t -> t.protection().state() == Protection.State.OFF), "the others' protection back as it was");
        assertTrue(audited().contains("set-desired-count"));
    }

    @Test
    void anAbortAfterTheCordonLetsTheCordonedTaskFinishItsDrainWithoutACut() throws Exception {
        FleetActions a = open("cordon: {method: http}\n");
        long cutBefore = truth().cut();
        ScaleInStatus st = a.scaleIn("voice", "agent", 1, "test");
        String chosen = st.drains().get(0).taskArn();
        until(s -> a.scaleInStatus("voice", "agent").orElseThrow().drains().get(0).cordonedAt().isPresent(), 10);
        Optional<ScaleInStatus> aborted = a.abortScaleIn("voice", "agent");
        assertTrue(aborted.isPresent());
        assertTrue(aborted.get().alarms().contains("aborted by the operator"), aborted.get().toString());
        for (int i = 0; i < 120 && !a.scaleInStatus("voice", "agent").orElseThrow().phase().finished(); i++) step();
        ScaleInStatus end = a.scaleInStatus("voice", "agent").orElseThrow();
        assertEquals(ScaleInStatus.Phase.STOPPED, end.phase(), end.reason());
        assertEquals(0, end.givenBack(), "a cordoned worker cannot be called back: its drain finishes");
        step();
        assertEquals("STOPPED", simTask(chosen).lastStatus());
        assertEquals(2, agent().desiredCount());
        assertEquals(0, truth().cut() - cutBefore, "no call cut");
        assertTrue(a.abortScaleIn("voice", "agent").map(x -> x.phase().finished()).orElse(true), "a second abort changes nothing");
    }

    @Test
    void aReadOnlyProfileRefusesEveryActionAndSendsNothing() throws Exception {
        FleetActions a = open("readOnly: true\n");
        TaskSnapshot t = busiest();
        assertTrue(a.readOnly());
        assertThrows(ReadOnlyException.class, () -> a.protect("voice", List.of(t.arn()), 60, "x"));
        assertThrows(ReadOnlyException.class, () -> a.release("voice", List.of(t.arn()), "x"));
        assertThrows(ReadOnlyException.class, () -> a.guard("voice", "agent", true, "x"));
        assertThrows(ReadOnlyException.class, () -> a.guard("voice", "agent", false, "x"));
        assertThrows(ReadOnlyException.class, () -> a.drain("voice", "agent", t.arn(), "x"));
        assertThrows(ReadOnlyException.class, () -> a.forceDrain(t.arn(), "x"));
        assertThrows(ReadOnlyException.class, () -> a.cancelDrain(t.arn(), "x"));
        assertThrows(ReadOnlyException.class, () -> a.scaleIn("voice", "agent", 1, "x"));
        assertThrows(ReadOnlyException.class, () -> a.abortScaleIn("voice", "agent"));
        assertThrows(ReadOnlyException.class, () -> a.resumeScaleIn("voice", "agent"));
        step();
        assertEquals(0, fleet.sim.requests().count("ecs", "UpdateTaskProtection") + fleet.sim.requests().count("ecs", "StopTask")
                + fleet.sim.requests().count("ecs", "UpdateService"));
    }

    /** A running task as the simulator has it at one instant: held by a protection with time left, and its calls. */
    private record Seen(boolean held, int calls) {
    }

    /** The service's running tasks in the simulator now (ground truth), by ARN. */
    private java.util.Map<String, Seen> seen() {
        Instant now = fleet.sim.clock().instant();
        return fleet.sim.model().read(m -> {
            java.util.Map<String, Seen> out = new java.util.TreeMap<>();
            m.cluster("voice").orElseThrow().services().get("agent").tasks().stream()
                    .filter(t -> "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus()))
                    .forEach(t -> out.put(t.arn(), new Seen(t.isProtected() && t.protectionExpiresAt().isAfter(now),
                            t.calls().size())));
            return out;
        });
    }

    /**
     * Traffic falls in the evening and the service is scaled from 3 to 1 while guard mode protects all three: ECS can
     * stop only what guard mode releases, and it must release a task only once it has been idle for the hysteresis (a
     * call dispatched to a task released between calls is cut by the stop), and count what it holds and released as
     * the simulator sees it.
     */
    @Test
    void guardModeReleasesOnlyTasksIdleForItsHysteresisSoAnExpectedScaleInCompletes() throws Exception {
        Duration hysteresis = Duration.ofMinutes(1);
        FleetActions a = open("guard: {lease: 10m, renewBefore: 5m, idleHysteresis: 1m}\n");
        a.guard("voice", "agent", true, "evening scale-in");
        for (int i = 0; i < 6 && !seen().values().stream().allMatch(Seen::held); i++) {
            step();
            assertEquals(seen().values().stream().filter(Seen::held).count(),
                    a.guardStatus("voice", "agent").orElseThrow().protectedNow(), "the status counts what it just protected");
        }
        assertEquals(3, seen().values().stream().filter(Seen::held).count(), "guard mode protects every task, idle ones included");
        long cutBefore = truth().cut();
        fleet.sim.model().setArrivalRate(fleet.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent")), 0.05);
        try (var ecs = io.drainboard.SimClients.ecs(fleet.sim)) {
            ecs.updateService(b -> b.cluster("voice").service("agent").desiredCount(1));
        }
        java.util.Map<String, Instant> lastBusy = new java.util.HashMap<>();
        java.util.Map<String, Seen> before = seen();
        int releases = 0;
        for (int i = 0; i < 90 && before.size() > 1; i++) {
            Instant was = fleet.sim.clock().instant();
            before.forEach((arn, t) -> { if (t.calls() > 0) lastBusy.put(arn, was); });
            step();
            Instant now = fleet.sim.clock().instant();
            java.util.Map<String, Seen> after = seen();
            int released = 0;
            for (var e : before.entrySet()) {
                Seen t = after.get(e.getKey());
                if (!e.getValue().held() || (t != null && t.held())) continue;
                released++; // protected with a lease left, now unprotected or stopped: only a release does that
                // A busy task ECS refused at its protected-task limit takes an idle task's slot at once (GuardRoom).
                boolean room = a.activities().of(e.getKey()).map(x -> x.words().contains("make room")).orElse(false);
                if (room) continue;
                Instant busy = lastBusy.getOrDefault(e.getKey(), Instant.MIN);
                assertFalse(busy.plus(hysteresis).isAfter(was), "unprotected " + Duration.between(busy, now).toSeconds()
                        + " s after it was last seen busy, before its " + hysteresis.toSeconds() + " s idle: " + e.getKey());
            }
            ServiceGuard.Status st = a.guardStatus("voice", "agent").orElseThrow();
            assertEquals(released, st.released(), "the status counts what this pass released");
            assertEquals(after.values().stream().filter(Seen::held).count(), st.protectedNow(),
                    "the status counts the tasks protected now");
            releases += released;
            before = after;
        }
        assertEquals(1, before.size(), "ECS scaled in to 1 once guard mode released the idle tasks");
        assertTrue(releases >= 2, "guard mode released the two tasks ECS stopped: " + releases);
        assertEquals(0, truth().cut() - cutBefore, "no call cut by the scale-in");
        ServiceGuard.Status st = a.guardStatus("voice", "agent").orElseThrow();
        assertTrue(st.lastError().isEmpty(), st.toString());
        assertTrue(audited().contains("guard-on"), audited().toString());
    }

    /**
     * Guard mode turned on during a safe scale-in, traffic low: the task stopped is the one the scale-in chose and
     * drained, and guard mode, held off the service while the scale-in owns its protection, takes it back after.
     */
    @Test
    void guardModeTurnedOnDuringASafeScaleInTakesTheServiceBackAfterIt() throws Exception {
        FleetActions a = open("cordon: {method: http}\nguard: {lease: 10m, renewBefore: 5m, idleHysteresis: 30s}\n");
        fleet.sim.model().setArrivalRate(fleet.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent")), 0.05);
        java.util.Set<String> first = seen().keySet();
        long cutBefore = truth().cut();
        String chosen = a.scaleIn("voice", "agent", 1, "traffic is down").drains().get(0).taskArn();
        a.guard("voice", "agent", true, "always on");
        assertTrue(a.guardStatus("voice", "agent").orElseThrow().held(), "turned on during the scale-in, it says it is held");
        for (int i = 0; i < 90 && !a.scaleInStatus("voice", "agent").orElseThrow().phase().finished(); i++) {
            step();
            java.util.Set<String> now = seen().keySet();
            assertTrue(now.containsAll(first.stream().filter(t -> !t.equals(chosen)).toList()),
                    "only the chosen task stops: " + now);
        }
        ScaleInStatus end = a.scaleInStatus("voice", "agent").orElseThrow();
        assertEquals(ScaleInStatus.Phase.DONE, end.phase(), end.reason());
        assertEquals("STOPPED", simTask(chosen).lastStatus());
        assertEquals(0, truth().cut() - cutBefore, "no call cut");
        step();
        assertEquals(fleet.sim.clock().instant(), a.guardStatus("voice", "agent").orElseThrow().lastRun(),
                "guard mode runs again once the scale-in is done");
    }
}
