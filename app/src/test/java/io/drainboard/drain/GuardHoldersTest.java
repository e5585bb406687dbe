package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.TaskCalls;
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

/** Who holds a task's protection, and a guard that never ends a protection that is not a guard's. */
class GuardHoldersTest {
    private final GuardPolicy guard = new GuardPolicy(GuardPolicy.Settings.DEFAULT);
    private static final Instant EXPIRY = NOW.plus(Duration.ofMinutes(90));

    private static String arn(String id) {
        return "arn:aws:ecs:us-east-1:1:task/c/" + id;
    }

    private static TaskSnapshot marked(TaskSnapshot t, ProtectionMark m) {
        return new TaskSnapshot(t.arn(), t.id(), t.clusterName(), t.serviceName(), t.taskDefinitionArn(), t.family(),
                t.revision(), t.launchType(), t.availabilityZone(), t.lastStatus(), t.desiredStatus(), t.healthStatus(),
                t.startedAt(), t.stoppingAt(), t.protection(), t.calls(), t.stopTimeout(), t.containers(), t.privateIp(),
                t.startedBy(), t.stoppedAt(), t.stopCode(), t.stoppedReason(), t.kill(), t.describedAt(),
                Map.of(ProtectionMark.TAG, m.tagValue()));
    }

    private static GuardPolicy.View view(ProtectionHolder.Kind kind, boolean self) {
        return new GuardPolicy.View(t -> new ProtectionHolder(kind, ""), self, true);
    }

    @Test
    void theHolderIsWorkedOutFromTheExpiryThisProcessGrantedTheGuardsMarkAndTheServiceTag() {
        ProtectionGrants ours = new ProtectionGrants();
        TaskSnapshot t = task("t", 1, Protection.until(EXPIRY));
        assertEquals(ProtectionHolder.Kind.SOMEONE_ELSE, ProtectionHolder.of(t, false, ours, NOW).kind());
        assertEquals(ProtectionHolder.Kind.SELF, ProtectionHolder.of(t, true, ours, NOW).kind());
        ours.granted(t.arn(), EXPIRY);
        assertEquals(ProtectionHolder.Kind.THIS_CONSOLE, ProtectionHolder.of(t, true, ours, NOW).kind());
        ours.granted(t.arn(), EXPIRY.minusSeconds(600)); // a later grant by someone else moved the expiry on
        assertEquals(ProtectionHolder.Kind.SELF, ProtectionHolder.of(t, true, ours, NOW).kind());

        TaskSnapshot byGuard = marked(t, new ProtectionMark(ProtectionMark.GUARD, "guard-1", "ip-10-0-0-1", EXPIRY.plusMillis(300)));
        ProtectionHolder h = ProtectionHolder.of(byGuard, true, new ProtectionGrants(), NOW);
        assertEquals(ProtectionHolder.Kind.GUARD_SERVICE, h.kind());
        assertTrue(h.words().contains("guard-1"), h.words());
        TaskSnapshot renewedSince = marked(t, new ProtectionMark(ProtectionMark.GUARD, "guard-1", "h", EXPIRY.minusSeconds(60)));
        assertEquals(ProtectionHolder.Kind.SELF, ProtectionHolder.of(renewedSince, true, new ProtectionGrants(), NOW).kind(),
                "the worker renewed after the guard's grant: the protection is the worker's now");
        assertEquals(ProtectionHolder.Kind.NONE, ProtectionHolder.of(task("off", 0, Protection.OFF), true, ours, NOW).kind());
        assertEquals(ProtectionHolder.Kind.UNKNOWN, ProtectionHolder.of(task("u", 0, Protection.UNKNOWN), true, ours, NOW).kind());
    }

    @Test
    void aGuardNeverReleasesTheWorkersOwnProtectionNorSomeoneElses() {
        var svc = withDesired(0, task("idle", 0, Protection.until(EXPIRY)));
        Map<String, Instant> longIdle = Map.of(arn("idle"), NOW.minusSeconds(3600));
        assertEquals(List.of(arn("idle")), guard.decide(svc, longIdle, NOW, view(ProtectionHolder.Kind.THIS_CONSOLE, false)).release());
        assertEquals(List.of(arn("idle")), guard.decide(svc, longIdle, NOW, view(ProtectionHolder.Kind.GUARD_SERVICE, false)).release(),
                "another guard's grant: a standby taking over releases it");
        assertTrue(guard.decide(svc, longIdle, NOW, view(ProtectionHolder.Kind.SELF, false)).release().isEmpty());
        assertTrue(guard.decide(svc, longIdle, NOW, view(ProtectionHolder.Kind.SOMEONE_ELSE, false)).release().isEmpty());
        var noRelease = new GuardPolicy.View(t -> new ProtectionHolder(ProtectionHolder.Kind.THIS_CONSOLE, ""), false, false);
        assertTrue(guard.decide(svc, longIdle, NOW, noRelease).release().isEmpty(), "a failed read is never released on");
    }

    @Test
    void onASelfProtectingServiceTheGuardOnlyBacksUpBusyTasks() {
        GuardPolicy.View self = view(ProtectionHolder.Kind.SELF, true);
        var svc = withDesired(0,
                task("busyBare", 2, Protection.OFF),
                task("busyLapsing", 2, Protection.until(NOW.plus(Duration.ofMinutes(3)))),
                task("busyFine", 2, Protection.until(NOW.plus(Duration.ofMinutes(40)))),
                task("idleBare", 0, Protection.OFF),
                task("idleProtected", 0, Protection.until(NOW.plus(Duration.ofMinutes(3)))),
                task("unknownLapsing", new TaskCalls.Unknown("livekit", NOW, "down"),
                        Protection.until(NOW.plus(Duration.ofMinutes(2)))));
        var d = guard.decide(svc, Map.of(arn("idleProtected"), NOW.minusSeconds(3600)), NOW, self);
        assertEquals(List.of(arn("busyBare"), arn("busyLapsing"), arn("unknownLapsing")), d.protect());
        assertTrue(d.release().isEmpty(), "nothing is released where the workers protect themselves");
    }
}
