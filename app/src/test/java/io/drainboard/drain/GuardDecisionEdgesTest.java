package io.drainboard.drain;

import io.drainboard.fleet.DeploymentSnapshot;
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
import static io.drainboard.drain.Fixtures.task;
import static io.drainboard.drain.Fixtures.withDesired;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guard mode and lease renewal at their edges: which task keeps its lease, which is handed to ECS, and which
 * settings are refused because a lease would lapse (docs/benchmarks.md, test strength).
 */
class GuardDecisionEdgesTest {
    private static final String OLD_REVISION = "arn:aws:ecs:us-east-1:1:task-definition/svc:0";
    private final GuardPolicy guard = new GuardPolicy(GuardPolicy.Settings.DEFAULT);
    private static final Map<String, Instant> IDLE_AN_HOUR = Map.of(arn("idle"), NOW.minusSeconds(3600),
            arn("old"), NOW.minusSeconds(3600), arn("new"), NOW.minusSeconds(7200));

    private static String arn(String id) {
        return "arn:aws:ecs:us-east-1:1:task/c/" + id;
    }

    private static Protection leaseLeft(int minutes) {
        return Protection.until(NOW.plus(Duration.ofMinutes(minutes)));
    }

    private static TaskSnapshot withStatus(TaskSnapshot t, String last, String desired, String taskDefinition) {
        return new TaskSnapshot(t.arn(), t.id(), t.clusterName(), t.serviceName(), taskDefinition, t.family(),
                t.revision(), t.launchType(), t.availabilityZone(), last, desired, t.healthStatus(), t.startedAt(),
                t.stoppingAt(), t.protection(), t.calls(), t.stopTimeout());
    }

    private static DeploymentSnapshot deployment(String id, String taskDefinition) {
        return new DeploymentSnapshot(id, "ACTIVE", taskDefinition, 1, 1, 0, "IN_PROGRESS", NOW, 0,
                Optional.empty(), Optional.empty());
    }

    /** A service in the middle of a deployment from OLD_REVISION to the fixtures' revision. */
    private static ServiceSnapshot deploying(int desired, TaskSnapshot... tasks) {
        ServiceSnapshot s = withDesired(desired, tasks);
        return new ServiceSnapshot(s.clusterName(), s.name(), s.arn(), s.launchType(), desired, tasks.length, 0,
                s.taskDefinitionArn(), List.of(deployment("new", s.taskDefinitionArn()), deployment("old", OLD_REVISION)),
                List.of(tasks));
    }

    /** A service with one deployment, at rest. */
    private static ServiceSnapshot settled(int desired, TaskSnapshot... tasks) {
        ServiceSnapshot s = withDesired(desired, tasks);
        return new ServiceSnapshot(s.clusterName(), s.name(), s.arn(), s.launchType(), desired, tasks.length, 0,
                s.taskDefinitionArn(), List.of(deployment("new", s.taskDefinitionArn())), List.of(tasks));
    }

    @Test
    void aTaskEcsIsAlreadyStoppingIsNeitherProtectedNorCountedTowardsTheScaleIn() {
        TaskSnapshot idle = task("idle", 0, leaseLeft(90));
        TaskSnapshot leaving = withStatus(task("leaving", 2, Protection.OFF), "RUNNING", "STOPPED",
                Fixtures.service().taskDefinitionArn());
        var d = guard.decide(withDesired(1, idle, leaving), IDLE_AN_HOUR, NOW);
        assertEquals(List.of(), d.protect(), "a task told to stop is not protected again");
        assertEquals(List.of(), d.release(), "one task runs for one desired: the idle one stays in reserve");

        TaskSnapshot starting = withStatus(task("starting", 2, Protection.OFF), "PENDING", "RUNNING",
                Fixtures.service().taskDefinitionArn());
        var p = guard.decide(withDesired(1, idle, starting), IDLE_AN_HOUR, NOW);
        assertEquals(List.of(), p.protect());
        assertEquals(List.of(), p.release(), "a pending task is not running: nothing is surplus yet");
    }

    @Test
    void aLeaseExactlyAtTheRenewalMarkIsRenewed() {
        var d = guard.decide(withDesired(1, task("busy", 2, leaseLeft(60))), Map.of(), NOW);
        assertEquals(List.of(arn("busy")), d.protect());
    }

    @Test
    void anUnprotectedTaskIdleLongerThanTheHysteresisIsProtectedNotLeftOpenToScaleIn() {
        var d = guard.decide(withDesired(1, task("idle", 0, Protection.OFF)), IDLE_AN_HOUR, NOW);
        assertEquals(List.of(arn("idle")), d.protect());
        assertEquals(List.of(), d.release());
    }

    @Test
    void aJustIdleTaskIsRenewedWhenItsLeaseRunsLowAndLeftAloneOtherwise() {
        var low = guard.decide(withDesired(1, task("idle", 0, leaseLeft(50))), Map.of(), NOW);
        assertEquals(List.of(arn("idle")), low.protect());
        var fresh = guard.decide(withDesired(1, task("idle", 0, leaseLeft(90))), Map.of(), NOW);
        assertTrue(fresh.nothing(), "nothing to do for a fresh lease");
    }

    @Test
    void anIdleTaskKeptInReserveHasItsLeaseRenewedBeforeItLapses() {
        var low = guard.decide(withDesired(1, task("idle", 0, leaseLeft(50))), IDLE_AN_HOUR, NOW);
        assertEquals(List.of(arn("idle")), low.protect(), "kept in reserve, so its lease must not run out");
        var mark = guard.decide(withDesired(1, task("idle", 0, leaseLeft(60))), IDLE_AN_HOUR, NOW);
        assertEquals(List.of(arn("idle")), mark.protect());
        var fresh = guard.decide(withDesired(1, task("idle", 0, leaseLeft(90))), IDLE_AN_HOUR, NOW);
        assertTrue(fresh.nothing());
    }

    @Test
    void duringADeploymentOnlyIdleTasksOfTheOldRevisionAreHandedToEcs() {
        TaskSnapshot old = withStatus(task("old", 0, leaseLeft(90)), "RUNNING", "RUNNING", OLD_REVISION);
        TaskSnapshot idleNew = task("new", 0, leaseLeft(90));
        TaskSnapshot busy = task("busy", 2, leaseLeft(90));
        var d = guard.decide(deploying(2, old, idleNew, busy), IDLE_AN_HOUR, NOW);
        // The new task has been idle longer, yet the deployment waits for the old one.
        assertEquals(List.of(arn("old")), d.release(), "the old revision goes; the new idle task stays in reserve");
    }

    /**
     * Busy old tasks held by protection are the deployment's to stop, not a surplus for the scale-in: counted as one,
     * they made the guard release a new idle task ECS would not stop, protect it again on the next pass, and so on
     * (guard chaos seed 82 at 14:12:30, docs/benchmarks.md).
     */
    @Test
    void duringADeploymentOnlyThePrimaryDeploymentsTasksAboveTheDesiredCountAreASurplus() {
        TaskSnapshot oldBusy = withStatus(task("oldbusy", 2, leaseLeft(90)), "RUNNING", "RUNNING", OLD_REVISION);
        TaskSnapshot idleNew = task("new", 0, leaseLeft(90));
        TaskSnapshot busyNew = task("busy", 2, leaseLeft(90));
        assertEquals(List.of(), guard.decide(deploying(2, oldBusy, idleNew, busyNew), IDLE_AN_HOUR, NOW).release(),
                "two new tasks for two desired: ECS waits for the busy old one, not for the idle new one");
        TaskSnapshot openNew = task("idle", 0, Protection.OFF);
        var d = guard.decide(deploying(3, oldBusy, openNew, busyNew), IDLE_AN_HOUR, NOW);
        assertEquals(List.of(arn("idle")), d.protect(), "an unprotected new idle task is no surplus: protected");
        assertEquals(List.of(arn("new")), guard.decide(deploying(1, oldBusy, idleNew, busyNew), IDLE_AN_HOUR, NOW).release(),
                "one new task above the desired count");
    }

    /**
     * Idle churn after making room: during a deploy the busy old tasks and a busy new one fill the desired count, so
     * the leader released an idle new task to give its slot to the busy one. Asking for the idle one again on the next
     * pass is refused with DEPLOYMENT_BLOCKED on every pass (guard chaos seeds 32-50: 12 of 13 such asks), and where it
     * is granted it takes the slot the next busy task needs. It is asked for again once a slot is free.
     */
    @Test
    void anIdleTaskIsAskedForOnlyIntoAFreeProtectionSlotAndABusyOneAlways() {
        TaskSnapshot oldA = withStatus(task("olda", 2, leaseLeft(90)), "RUNNING", "RUNNING", OLD_REVISION);
        TaskSnapshot oldB = withStatus(task("oldb", 1, leaseLeft(90)), "RUNNING", "RUNNING", OLD_REVISION);
        TaskSnapshot busyNew = task("busy", 2, leaseLeft(90));
        TaskSnapshot released = task("idle", 0, Protection.OFF);
        var full = guard.decide(deploying(3, oldA, oldB, busyNew, released), IDLE_AN_HOUR, NOW);
        assertEquals(List.of(), full.protect(), "three protected for three desired: ECS would refuse the idle task");
        assertEquals(List.of(), full.release());

        TaskSnapshot refused = task("refused", 1, Protection.OFF);
        assertEquals(List.of(arn("refused")), guard.decide(deploying(3, oldA, oldB, busyNew, released, refused), IDLE_AN_HOUR,
                NOW).protect(), "a busy task is asked for all the same (and gets an idle task's slot if refused)");

        TaskSnapshot oldGone = withStatus(task("oldb", 1, Protection.OFF), "RUNNING", "STOPPED", OLD_REVISION);
        assertEquals(List.of(arn("idle")), guard.decide(deploying(3, oldA, oldGone, busyNew, released), IDLE_AN_HOUR, NOW)
                .protect(), "a slot is free once an old task stops: the idle task is protected again");
        var lastReadFailed = new GuardPolicy.View(GuardPolicy.View.OWN.holder(), false, false);
        assertEquals(List.of(arn("idle")), guard.decide(deploying(3, oldA, oldB, busyNew, released), IDLE_AN_HOUR, NOW,
                lastReadFailed).protect(), "on a failed read the counts are old and the idle task may have a call: asked");
    }

    @Test
    void withoutADeploymentAnOldRevisionIdleTaskIsNotReleasedAtTheDesiredCount() {
        TaskSnapshot old = withStatus(task("old", 0, leaseLeft(90)), "RUNNING", "RUNNING", OLD_REVISION);
        var d = guard.decide(settled(2, old, task("busy", 2, leaseLeft(90))), IDLE_AN_HOUR, NOW);
        assertEquals(List.of(), d.release());
    }

    @Test
    void settingsWhoseLeaseEcsWouldRefuseOrThatRenewTooLateAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new GuardPolicy.Settings(Duration.ofSeconds(59), Duration.ofSeconds(10), Duration.ofMinutes(2)));
        assertDoesNotThrow(() -> new GuardPolicy.Settings(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ZERO));
        assertDoesNotThrow(() -> new GuardPolicy.Settings(Duration.ofMinutes(2880), Duration.ofMinutes(60), Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new GuardPolicy.Settings(Duration.ofMinutes(2881), Duration.ofMinutes(60), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new GuardPolicy.Settings(Duration.ofMinutes(60),
                Duration.ofMinutes(60), Duration.ZERO), "renewing only when the lease has ended lets it lapse");
        assertDoesNotThrow(() -> new GuardPolicy.Settings(Duration.ofMinutes(60), Duration.ofMinutes(59), Duration.ZERO));
    }

    @Test
    void aRefusalWithoutAnErrorIsNotTakenForTheProtectedTaskLimit() {
        assertFalse(Renewal.blocked(null));
        assertFalse(Renewal.blocked("ThrottlingException"));
        assertTrue(Renewal.blocked("DEPLOYMENT_BLOCKED: too many protected tasks"));
    }

    @Test
    void theProtectionHeldIsTheLaterOfWhatWeWereGrantedAndWhatEcsShows() {
        Instant ours = NOW.plusSeconds(600), seen = NOW.plusSeconds(1200);
        Optional<TaskSnapshot> shown = Optional.of(task("t", 1, Protection.until(seen)));
        assertEquals(Optional.of(seen), Renewal.heldUntil(shown, ours, NOW));
        assertEquals(Optional.of(seen), Renewal.heldUntil(Optional.of(task("t", 1, Protection.until(NOW.plusSeconds(60)))),
                seen, NOW));
        assertEquals(Optional.of(ours), Renewal.heldUntil(Optional.empty(), ours, NOW));
        assertEquals(Optional.of(seen), Renewal.heldUntil(shown, null, NOW));
        assertEquals(Optional.empty(), Renewal.heldUntil(Optional.empty(), null, NOW), "never granted, not shown");
        assertEquals(Optional.empty(), Renewal.heldUntil(Optional.of(task("t", 1, Protection.OFF)), null, NOW));
        assertEquals(Optional.empty(), Renewal.heldUntil(Optional.empty(), NOW, NOW), "a lease ending now has lapsed");
    }

    @Test
    void reGrantingIsSafeOnlyWhenEcsWaitsToStopNothing() {
        TaskSnapshot t = task("t", 1, leaseLeft(30));
        ServiceSnapshot atDesired = withDesired(1, t);
        assertTrue(Renewal.regrantIsSafe(atDesired, t));
        assertTrue(Renewal.regrantIsSafe(settled(1, t), t));
        ServiceSnapshot scaleInWaiting = withDesired(0, t);
        assertFalse(Renewal.regrantIsSafe(scaleInWaiting, t), "a scale-in waits: the released task would be stopped");
        ServiceSnapshot pending = new ServiceSnapshot("c", "svc", atDesired.arn(), "FARGATE", 1, 1, 1,
                atDesired.taskDefinitionArn(), List.of(), List.of(t));
        assertFalse(Renewal.regrantIsSafe(pending, t), "one running and one pending for one desired: surplus");
        assertFalse(Renewal.regrantIsSafe(deploying(1, t), t), "a deployment waits for unprotected tasks");
        TaskSnapshot old = withStatus(t, "RUNNING", "RUNNING", OLD_REVISION);
        assertFalse(Renewal.regrantIsSafe(withDesired(1, old), old), "the task runs an old revision");
        TaskSnapshot told = withStatus(t, "RUNNING", "STOPPED", atDesired.taskDefinitionArn());
        assertFalse(Renewal.regrantIsSafe(withDesired(1, told), told), "ECS is already stopping the task");
    }
}
