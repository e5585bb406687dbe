package io.drainboard.drain;

import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.model.CallCounts;
import io.drainboard.sim.model.ServiceState;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's safe scale-in of a service that guard mode protects in full, through the console's one place for
 * actions ({@link FleetActions#scaleIn}), on three busy tasks with calls of seconds (scenario drain-tiny), under the
 * simulator's strict protection limit (ECS's DEPLOYMENT_BLOCKED read harshly: a renewal at protected = desired is
 * refused, docs/simulator.md "Rules and switches"). Asserted on the simulator's ground truth: no call cut, only the
 * chosen task stops, the service ends at the new desired count with guard mode protecting the rest.
 */
class GuardedScaleInTest {
    private static final String GUARD = "guard: {lease: 10m, renewBefore: 5m, idleHysteresis: 1m}\n";
    @AutoClose
    private final TinyFleet fleet = new TinyFleet("drain-tiny.yaml", Duration.ofSeconds(10));

    private FleetActions open(String settings) throws Exception {
        return fleet.open(settings).actions();
    }

    private void step() {
        fleet.step();
    }

    private ServiceSnapshot agent() {
        return fleet.last.service("voice", "agent").orElseThrow();
    }

    private CallCounts truth() {
        return fleet.truth("voice", "agent");
    }

    /** A running task as the simulator has it: protected with time left, its calls. */
    private record Seen(boolean held, int calls) {
    }

    private Map<String, Seen> seen() {
        Instant now = fleet.sim.clock().instant();
        return fleet.sim.model().read(m -> {
            Map<String, Seen> out = new TreeMap<>();
            ServiceState s = m.cluster("voice").orElseThrow().services().get("agent");
            s.tasks().stream().filter(t -> "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus()))
                    .forEach(t -> out.put(t.arn(), new Seen(t.isProtected() && t.protectionExpiresAt().isAfter(now),
                            t.calls().size())));
            return out;
        });
    }

    private int simDesired() {
        return fleet.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").desiredCount());
    }

    private String lastStatus(String arn) {
        return fleet.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks().stream()
                .filter(t -> t.arn().equals(arn)).findFirst().orElseThrow().lastStatus());
    }

    /** Guard mode on, until the simulator shows every task protected and the console's reading does too. */
    private FleetActions guarded(String settings) throws Exception {
        FleetActions a = open(settings + GUARD);
        a.guard("voice", "agent", true, "always on");
        for (int i = 0; i < 6 && !(seen().values().stream().allMatch(Seen::held) && agent().tasks().stream()
                .allMatch(t -> t.protection().state() == io.drainboard.fleet.Protection.State.ON)); i++) {
            step();
        }
        assertEquals(3, seen().values().stream().filter(Seen::held).count(), "guard mode protects all three tasks");
        assertTrue(agent().tasks().stream().allMatch(t -> t.protection().state() == io.drainboard.fleet.Protection.State.ON),
                "the console's reading shows them protected");
        return a;
    }

    /**
     * Three busy tasks, all protected by guard mode; the operator removes one. The chosen task has calls, so the
     * scale-in must wait for them behind its cordon; ECS stops nothing else, the others stay protected throughout, and
     * once it is done guard mode runs the two that are left again.
     */
    @Test
    void aSafeScaleInOfAFullyGuardedBusyServiceWaitsForTheChosenTasksCallsAndCutsNone() throws Exception {
        FleetActions a = guarded("cordon: {method: http}\n");
        long cutBefore = truth().cut();
        Set<String> first = seen().keySet();
        ScaleInStatus st = a.scaleIn("voice", "agent", 1, "traffic is down");
        assertEquals(ScaleInStatus.Phase.DRAINING, st.phase(), st.reason());
        assertEquals(2, simDesired(), "the desired count is lowered once every task is protected for the drain");
        assertTrue(a.guardStatus("voice", "agent").orElseThrow().held(), "guard mode says it is held off the service");
        String chosen = st.drains().get(0).taskArn();
        assertTrue(seen().get(chosen).calls() > 0, "the chosen task is busy: the scale-in must wait for its calls");
        boolean waitedOnCalls = false;
        for (int i = 0; i < 60 && !a.scaleInStatus("voice", "agent").orElseThrow().phase().finished(); i++) {
            step();
            Map<String, Seen> now = seen();
            for (String t : first) {
                if (t.equals(chosen)) continue;
                assertTrue(now.containsKey(t), "only the chosen task stops: " + t + " is gone");
                assertTrue(now.get(t).held(), "a task that stays is protected throughout: " + t);
            }
            if (now.containsKey(chosen) && now.get(chosen).calls() > 0) {
                waitedOnCalls = true;
                assertEquals(ScaleInStatus.Phase.DRAINING, a.scaleInStatus("voice", "agent").orElseThrow().phase());
            }
        }
        ScaleInStatus end = a.scaleInStatus("voice", "agent").orElseThrow();
        assertEquals(ScaleInStatus.Phase.DONE, end.phase(), end.reason());
        assertTrue(waitedOnCalls, "the chosen task still had calls after the cordon");
        assertTrue(end.reason().contains("protection left to guard mode"), end.reason());
        assertEquals("STOPPED", lastStatus(chosen));
        assertEquals(0, truth().cut() - cutBefore, "no call cut");
        step();
        step();
        assertEquals(2, simDesired());
        assertEquals(2, seen().size(), "the service ends at its new desired count");
        assertTrue(seen().values().stream().allMatch(Seen::held), "guard mode still protects every task left");
        ServiceGuard.Status g = a.guardStatus("voice", "agent").orElseThrow();
        assertEquals(fleet.sim.clock().instant(), g.lastRun(), "guard mode runs again once the scale-in is done");
        assertTrue(g.lastError().isEmpty(), g.toString());
        assertFalse(g.held(), "no longer held");
        List<String> audited = fleet.audited();
        assertTrue(audited.containsAll(List.of("protect", "release", "set-desired-count", "cordon", "stop-task",
                "scale-in-outcome")), audited.toString());
    }

    /**
     * ECS answers no protection call: the scale-in stops before it changes anything, says so and what the fleet is
     * left as, and hands the service back to guard mode, which protects it again once ECS answers.
     */
    @Test
    void aGuardedScaleInThatCannotTakeItsLeasesChangesNothingAndHandsTheServiceBackToGuardMode() throws Exception {
        FleetActions a = guarded("cordon: {method: http}\n");
        long cutBefore = truth().cut();
        fleet.sim.faults().set("ecs:UpdateTaskProtection", new Faults.Rule(0, 1, 0, Duration.ZERO));
        ScaleInStatus st = a.scaleIn("voice", "agent", 1, "traffic is down");
        assertEquals(ScaleInStatus.Phase.STOPPED, st.phase(), st.reason());
        assertTrue(st.reason().contains("desired count was not changed"), st.reason());
        assertTrue(st.reason().contains("left to guard mode"), st.reason());
        assertEquals(3, simDesired());
        assertEquals(0, fleet.sim.requests().count("ecs", "UpdateService"), "no UpdateService sent");
        fleet.sim.faults().clear();
        step();
        step();
        assertEquals(fleet.sim.clock().instant(), a.guardStatus("voice", "agent").orElseThrow().lastRun(),
                "guard mode is not held by a scale-in that stopped");
        assertEquals(3, seen().size());
        assertTrue(seen().values().stream().allMatch(Seen::held), "guard mode protects every task");
        assertEquals(0, truth().cut() - cutBefore, "no call cut");
    }

    /** The operator aborts the guarded scale-in: the cordoned task finishes its drain, nothing is cut, guard mode takes the rest back. */
    @Test
    void anAbortedGuardedScaleInFinishesTheCordonedTaskAndLeavesTheRestToGuardMode() throws Exception {
        FleetActions a = guarded("cordon: {method: http}\n");
        long cutBefore = truth().cut();
        ScaleInStatus st = a.scaleIn("voice", "agent", 1, "traffic is down");
        assertEquals(ScaleInStatus.Phase.DRAINING, st.phase(), st.reason());
        String chosen = st.drains().get(0).taskArn();
        step();
        ScaleInStatus aborted = a.abortScaleIn("voice", "agent").orElseThrow();
        assertTrue(aborted.alarms().contains("aborted by the operator"), aborted.toString());
        for (int i = 0; i < 60 && !a.scaleInStatus("voice", "agent").orElseThrow().phase().finished(); i++) step();
        ScaleInStatus end = a.scaleInStatus("voice", "agent").orElseThrow();
        assertEquals(ScaleInStatus.Phase.STOPPED, end.phase(), end.reason());
        assertTrue(end.reason().contains("protection left to guard mode"), end.reason());
        step();
        step();
        assertEquals("STOPPED", lastStatus(chosen));
        assertEquals(2, simDesired());
        assertEquals(2, seen().size());
        assertTrue(seen().values().stream().allMatch(Seen::held), "guard mode protects every task left");
        assertEquals(0, truth().cut() - cutBefore, "no call cut");
    }

    /**
     * Guard mode off, every task protected by hand for an hour (maintenance): the scale-in takes its longer leases the
     * same way, and once done puts the others' protection back to the hour they had, not the scale-in's lease.
     */
    @Test
    void aSafeScaleInOfAServiceProtectedInFullByHandPutsTheOthersProtectionBackToItsEarlierExpiry() throws Exception {
        FleetActions a = open("cordon: {method: http}\n");
        List<String> all = agent().tasks().stream().map(io.drainboard.fleet.TaskSnapshot::arn).toList();
        a.protect("voice", all, 60, "maintenance window");
        step();
        Map<String, Instant> until = fleet.sim.model().read(m -> {
            Map<String, Instant> out = new TreeMap<>();
            m.cluster("voice").orElseThrow().services().get("agent").tasks().forEach(t -> out.put(t.arn(), t.protectionExpiresAt()));
            return out;
        });
        long cutBefore = truth().cut();
        ScaleInStatus st = a.scaleIn("voice", "agent", 1, "traffic is down");
        assertEquals(ScaleInStatus.Phase.DRAINING, st.phase(), st.reason());
        String chosen = st.drains().get(0).taskArn();
        for (int i = 0; i < 60 && !a.scaleInStatus("voice", "agent").orElseThrow().phase().finished(); i++) step();
        ScaleInStatus end = a.scaleInStatus("voice", "agent").orElseThrow();
        assertEquals(ScaleInStatus.Phase.DONE, end.phase(), end.reason());
        assertTrue(end.alarms().isEmpty(), end.alarms().toString());
        assertEquals(0, truth().cut() - cutBefore, "no call cut");
        assertEquals(2, seen().size());
        Instant now = fleet.sim.clock().instant();
        fleet.sim.model().read(m -> {
            for (var t : m.cluster("voice").orElseThrow().services().get("agent").tasks()) {
                if (t.arn().equals(chosen) || !"RUNNING".equals(t.lastStatus())) continue;
                assertTrue(t.isProtected() && t.protectionExpiresAt().isAfter(now), "still protected: " + t.arn());
                long off = Duration.between(until.get(t.arn()), t.protectionExpiresAt()).toSeconds();
                assertTrue(off >= 0 && off < 60, "protected until the hour it had, not the scale-in's lease: " + off + " s off");
            }
            return null;
        });
    }

    /**
     * Someone else (an autoscaler, another console) sets the desired count back to 3 during the guarded scale-in: it
     * does not fight over the count, stops with the alarm, the cordoned task finishes its drain without a cut, and guard
     * mode takes the service back, protecting every task ECS runs.
     */
    @Test
    void aDesiredCountChangedElsewhereDuringAGuardedScaleInStopsItWithoutACutAndGuardModeTakesOver() throws Exception {
        FleetActions a = guarded("cordon: {method: http}\n");
        long cutBefore = truth().cut();
        ScaleInStatus st = a.scaleIn("voice", "agent", 1, "traffic is down");
        assertEquals(ScaleInStatus.Phase.DRAINING, st.phase(), st.reason());
        step();
        assertEquals(ScaleInStatus.Phase.DRAINING, a.scaleInStatus("voice", "agent").orElseThrow().phase(),
                "a reading that still shows the count from before the scale-in is ECS's lag, not someone else's change");
        try (var ecs = io.drainboard.SimClients.ecs(fleet.sim)) {
            ecs.updateService(b -> b.cluster("voice").service("agent").desiredCount(3));
        }
        for (int i = 0; i < 60 && !a.scaleInStatus("voice", "agent").orElseThrow().phase().finished(); i++) step();
        ScaleInStatus end = a.scaleInStatus("voice", "agent").orElseThrow();
        assertEquals(ScaleInStatus.Phase.STOPPED, end.phase(), end.reason());
        assertTrue(end.alarms().stream().anyMatch(x -> x.contains("the desired count was changed elsewhere (to 3, expected 2)")),
                end.alarms().toString());
        assertEquals(0, truth().cut() - cutBefore, "no call cut");
        assertEquals(3, simDesired(), "the scale-in did not fight over the count");
        for (int i = 0; i < 12 && !(seen().size() == 3 && seen().values().stream().allMatch(Seen::held)); i++) step();
        assertEquals(3, seen().size(), "ECS runs the count someone else set");
        assertTrue(seen().values().stream().allMatch(Seen::held), "guard mode protects every task again");
        assertFalse(a.guardStatus("voice", "agent").orElseThrow().held());
    }

    /**
     * A scale-in that cannot be made safe is refused before anything is sent, in words: a count out of range, a service
     * not steady (a task still starting), a deployment in progress.
     */
    @Test
    void aScaleInThatCannotBeMadeSafeIsRefusedBeforeAnythingIsSent() throws Exception {
        FleetActions a = open("cordon: {method: http}\n");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> a.scaleIn("voice", "agent", 0, "x"));
        assertTrue(none.getMessage().contains("remove 1 to 3 tasks"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.scaleIn("voice", "agent", 4, "x"));
        try (var ecs = io.drainboard.SimClients.ecs(fleet.sim)) {
            ecs.updateService(b -> b.cluster("voice").service("agent").desiredCount(4));
            step();
            IllegalStateException starting = assertThrows(IllegalStateException.class, () -> a.scaleIn("voice", "agent", 1, "x"));
            assertTrue(starting.getMessage().contains("is not steady"), starting.getMessage());
            for (int i = 0; i < 12 && !(agent().runningCount() == 4 && agent().pendingCount() == 0); i++) step();
            ecs.updateService(b -> b.cluster("voice").service("agent").forceNewDeployment(true));
            step();
            assertTrue(agent().deployments().size() > 1, "a deployment runs");
            IllegalStateException deploying = assertThrows(IllegalStateException.class, () -> a.scaleIn("voice", "agent", 1, "x"));
            assertTrue(deploying.getMessage().contains("a deployment is in progress"), deploying.getMessage());
        }
        assertEquals(0, fleet.sim.requests().count("ecs", "UpdateTaskProtection") + fleet.sim.requests().count("ecs", "StopTask"));
        assertFalse(a.scaleInStatus("voice", "agent").isPresent(), "no scale-in was started");
    }

    /** A read-only profile with guard settings: neither guard mode nor the scale-in can start, and nothing is sent. */
    @Test
    void aReadOnlyProfileCannotScaleInAGuardedServiceAndSendsNothing() throws Exception {
        FleetActions a = open("readOnly: true\ncordon: {method: http}\n" + GUARD);
        assertThrows(ReadOnlyException.class, () -> a.guard("voice", "agent", true, "x"));
        assertThrows(ReadOnlyException.class, () -> a.scaleIn("voice", "agent", 1, "x"));
        step();
        assertFalse(a.scaleInStatus("voice", "agent").isPresent());
        assertEquals(0, fleet.sim.requests().count("ecs", "UpdateTaskProtection") + fleet.sim.requests().count("ecs", "StopTask")
                + fleet.sim.requests().count("ecs", "UpdateService"));
        assertEquals(3, simDesired());
    }
}
