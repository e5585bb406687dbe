package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.drainboard.drain.Fixtures.NOW;
import static io.drainboard.drain.Fixtures.service;
import static io.drainboard.drain.Fixtures.task;
import static io.drainboard.drain.Fixtures.withDesired;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard's choices at the edges its main tests leave open: which idle task gives its protection up so a busy one
 * refused at ECS's protected-task limit can have it, what a guard backs up on a service whose workers protect
 * themselves, and what a standby protects behind a live leader. What goes wrong otherwise is a busy task left
 * unprotected (its calls cut by the next scale-in) or a task released that ECS then stops.
 */
class GuardRoomEdgesTest {
    private static final String OLD_REVISION = "arn:aws:ecs:us-east-1:1:task-definition/svc:0";
    private static final Protection ON = Protection.until(NOW.plusSeconds(6000));
    private static final GuardPolicy.View GUARD_HOLDS = new GuardPolicy.View(
            t -> new ProtectionHolder(ProtectionHolder.Kind.GUARD_SERVICE, ""), false, true);
    private static final GuardPolicy.View SELF = new GuardPolicy.View(
            t -> new ProtectionHolder(ProtectionHolder.Kind.SELF, ""), true, true);
    private final GuardPolicy guard = new GuardPolicy(GuardPolicy.Settings.DEFAULT);

    private static String arn(String id) {
        return "arn:aws:ecs:us-east-1:1:task/c/" + id;
    }

    private static TaskSnapshot as(TaskSnapshot t, String last, String desired, String taskDefinition) {
        return new TaskSnapshot(t.arn(), t.id(), "c", "svc", taskDefinition, "svc", 1, "FARGATE", "us-east-1a", last, desired,
                "HEALTHY", t.startedAt(), Optional.empty(), t.protection(), t.calls(), t.stopTimeout());
    }

    private static TaskSnapshot stopping(TaskSnapshot t) {
        return as(t, "RUNNING", "STOPPED", t.taskDefinitionArn());
    }

    private static Protection lapsingIn(int minutes) {
        return Protection.until(NOW.plus(Duration.ofMinutes(minutes)));
    }

    @Test
    void withoutARefusalNoIdleTaskGivesItsProtectionUp() {
        ServiceSnapshot s = withDesired(3, task("busy", 2, Protection.OFF), task("idle", 0, ON));
        GuardPolicy.Room room = guard.roomFor(s, List.of(), Map.of(arn("idle"), NOW.minusSeconds(3600)), List.of(), GUARD_HOLDS);
        assertEquals(List.of(), room.release());
        assertEquals(List.of(), room.busy());
    }

    @Test
    void oneIdleTaskForEachRefusedBusyTaskAndNoMore() {
        ServiceSnapshot s = withDesired(5, task("r1", 2, Protection.OFF), task("r2", 1, Protection.OFF),
                task("a", 0, ON), task("b", 0, ON), task("c", 0, ON));
        Map<String, Instant> idle = Map.of(arn("a"), NOW.minusSeconds(100), arn("b"), NOW.minusSeconds(300),
                arn("c"), NOW.minusSeconds(200));
        GuardPolicy.Room room = guard.roomFor(s, List.of(arn("r1"), arn("r2")), idle, List.of(), GUARD_HOLDS);
        assertEquals(List.of(arn("b"), arn("c")), room.release(), "two refused, two released, longest idle first");
        assertEquals(List.of(arn("r1"), arn("r2")), room.busy());

        GuardPolicy.Room oneIdle = guard.roomFor(withDesired(3, task("r1", 2, Protection.OFF), task("r2", 1, Protection.OFF),
                task("a", 0, ON)), List.of(arn("r1"), arn("r2")), idle, List.of(), GUARD_HOLDS);
        assertEquals(List.of(arn("a")), oneIdle.release(), "as many as there are idle tasks");
    }

    @Test
    void anOldRevisionsIdleTaskGivesWayFirstWhateverItsIdleTime() {
        ServiceSnapshot s = withDesired(3, task("refused", 2, Protection.OFF),
                task("current", 0, ON), as(task("old", 0, ON), "RUNNING", "RUNNING", OLD_REVISION));
        Map<String, Instant> idle = Map.of(arn("current"), NOW.minusSeconds(9000), arn("old"), NOW.minusSeconds(10));
        assertEquals(List.of(arn("old")), guard.roomFor(s, List.of(arn("refused")), idle, List.of(), GUARD_HOLDS).release(),
                "a deployment waits to stop the old revision anyway");
        Map<String, Instant> neverSeenIdle = Map.of(arn("current"), NOW.minusSeconds(60));
        ServiceSnapshot same = withDesired(3, task("refused", 2, Protection.OFF), task("x", 0, ON), task("current", 0, ON));
        assertEquals(List.of(arn("current")), guard.roomFor(same, List.of(arn("refused")), neverSeenIdle, List.of(), GUARD_HOLDS)
                .release(), "a task whose idle clock is known goes before one whose is not");
    }

    @Test
    void aRefusedTaskThatStillHasItsLeaseOrIsNotRunningNeedsNoRoom() {
        ServiceSnapshot s = withDesired(3, task("renewalRefused", 2, ON), stopping(task("leaving", 2, Protection.OFF)),
                as(task("starting", 2, Protection.OFF), "PENDING", "RUNNING", "arn:aws:ecs:us-east-1:1:task-definition/svc:1"),
                task("idle", 0, ON));
        GuardPolicy.Room room = guard.roomFor(s, List.of(arn("renewalRefused"), arn("leaving"), arn("starting")),
                Map.of(arn("idle"), NOW.minusSeconds(600)), List.of(), GUARD_HOLDS);
        assertEquals(List.of(), room.release(), "nothing unprotected and running needs the slot");
    }

    @Test
    void onlyARunningIdleTaskAGuardHoldsGivesWay() {
        ServiceSnapshot s = withDesired(4, task("refused", 2, Protection.OFF), task("unprotected", 0, Protection.OFF),
                task("blind", -1, ON), stopping(task("leaving", 0, ON)));
        GuardPolicy.Room room = guard.roomFor(s, List.of(arn("refused")), Map.of(), List.of(), GUARD_HOLDS);
        assertEquals(List.of(), room.release(), "no idle task a guard holds: " + room);
        assertEquals(List.of(), room.busy(), "no room, so no busy task waits on one");

        GuardPolicy.View workers = new GuardPolicy.View(t -> new ProtectionHolder(ProtectionHolder.Kind.SELF, ""), false, true);
        assertEquals(List.of(), guard.roomFor(withDesired(2, task("refused", 2, Protection.OFF), task("idle", 0, ON)),
                List.of(arn("refused")), Map.of(), List.of(), workers).release(), "the worker's own protection is not a guard's to end");
    }

    @Test
    void onASelfProtectingServiceTheGuardBacksUpOnlyBusyTasksAndLapsingLeases() {
        ServiceSnapshot s = service(task("busyOff", 2, Protection.OFF), task("busyLapsing", 2, lapsingIn(4)),
                task("busyHeld", 2, lapsingIn(6)), task("blindLapsing", -1, lapsingIn(4)), task("blindHeld", -1, lapsingIn(30)),
                task("blindOff", -1, Protection.OFF), task("idleOff", 0, Protection.OFF), task("idleLapsing", 0, lapsingIn(1)));
        GuardPolicy.Decision d = guard.decide(s, Map.of(arn("idleOff"), NOW.minusSeconds(3600)), NOW, SELF);
        assertEquals(List.of(arn("busyOff"), arn("busyLapsing"), arn("blindLapsing")), d.protect(),
                "a worker renews every 10 min: 5 min left means its renewals fail; idle tasks are the worker's to protect");
        assertEquals(List.of(), d.release(), "a release could race the worker's own protect");
    }

    @Test
    void idleTasksKeptInReserveAreNotRenewedWhileTheirLeasesLast() {
        ServiceSnapshot s = service(task("a", 0, ON), task("b", 0, ON));
        GuardPolicy.Decision d = guard.decide(s, Map.of(arn("a"), NOW.minusSeconds(3600), arn("b"), NOW.minusSeconds(3600)), NOW);
        assertEquals(List.of(), d.release(), "nothing waits to be stopped");
        assertEquals(List.of(), d.protect(), "their leases have 100 minutes left");
    }

    @Test
    void aStandbyNeverProtectsATaskEcsIsStoppingNorAnIdleOrBlindOne() {
        ServiceSnapshot s = withDesired(0, stopping(task("leaving", 2, Protection.OFF)), task("lapsing", 2, lapsingIn(10)),
                task("idle", 0, Protection.OFF), task("blind", -1, Protection.OFF), task("busy", 1, Protection.OFF));
        assertEquals(List.of(arn("busy")), guard.protectWithoutLead(s, NOW, GuardPolicy.View.OWN, false),
                "ECS stops the leaving task whatever; the lapsing lease is the leader's to renew");
        assertTrue(guard.protectWithoutLead(s, NOW, GuardPolicy.View.OWN, true).contains(arn("lapsing")),
                "with no leader, renewals too");
    }
}
