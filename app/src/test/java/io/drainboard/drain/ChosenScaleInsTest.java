package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.drainboard.drain.Fixtures.NOW;
import static io.drainboard.drain.Fixtures.task;
import static io.drainboard.drain.Fixtures.withDesired;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scale-in of chosen tasks ends with a release, never a StopTask: the cordoned surplus is released once a reading
 * after its cordon shows it idle, and only while ECS waits to stop a task, every task that may hold calls is protected
 * and the protection is a guard's to end (docs/scaling.md, "Scale-in of chosen tasks").
 */
class ChosenScaleInsTest {
    private static final Protection ON = Protection.until(NOW.plus(Duration.ofMinutes(90)));
    private static final Function<TaskSnapshot, ProtectionHolder> GUARDS =
            t -> new ProtectionHolder(ProtectionHolder.Kind.GUARD_SERVICE, "protected by the guard service");

    private final TaskDrainTest.Recorder effects = new TaskDrainTest.Recorder();
    private final ChosenScaleIns chosen = new ChosenScaleIns(effects, new ChosenScaleIns.Setup() {
        @Override
        public CordonMethod method(String cluster, String service) {
            return CordonMethod.HTTP;
        }

        @Override
        public CutRisk risk(String cluster, String service) {
            return new CutRisk(LognormalSurvival.ofMedianAndP99(240, 1800));
        }
    }, Clock.fixed(NOW, ZoneOffset.UTC));

    /** The service as read: 4 sessions a task, a scale-in to {@code desired} that ECS holds back. */
    private static ServiceSnapshot read(int desired, TaskSnapshot... tasks) {
        ServiceSnapshot s = withDesired(desired, tasks);
        return new ServiceSnapshot(s.clusterName(), s.name(), s.arn(), s.launchType(), desired, tasks.length, 0,
                s.taskDefinitionArn(), s.deployments(), s.tasks(), "ACTIVE", List.of(), Optional.empty(), false,
                s.deploymentConfig(), false, List.of(), Optional.empty(), Map.of(ChosenScaleIns.CAPACITY_TAG, "4"));
    }

    private static Instant later(int passes) {
        return NOW.plusSeconds(15L * passes);
    }

    @Test
    void anIdleChosenTaskIsCordonedThenReleasedOnALaterReadingAndNeverStopped() {
        ChosenScaleIns.Pass first = chosen.pass(read(2, task("idle", 0, ON), task("b", 2, ON), task("c", 3, ON),
                task("d", 3, ON)), NOW, "guard service", GUARDS);
        assertEquals(List.of("arn:aws:ecs:us-east-1:1:task/c/idle"), first.cordoned(), first.toString());
        assertEquals(List.of(), first.released(), "read before the cordon was answered: not yet");
        ChosenScaleIns.Pass second = chosen.pass(read(2, task("idle", 0, ON), task("b", 2, ON), task("c", 3, ON),
                task("d", 3, ON)), later(1), "guard service", GUARDS);
        assertEquals(List.of("arn:aws:ecs:us-east-1:1:task/c/idle"), second.released(), second.toString());
        assertEquals(List.of("cordon http", "release"), effects.calls, "a release ends it; nothing is stopped");
    }

    @Test
    void aBusyChosenTaskIsCordonedButReleasedOnlyOnceIdle() {
        TaskSnapshot[] busy = {task("a", 1, ON), task("b", 1, ON), task("c", 1, ON), task("d", 1, ON)};
        ChosenScaleIns.Pass first = chosen.pass(read(2, busy), NOW, "guard service", GUARDS);
        assertEquals(2, first.cordoned().size(), "4 calls need 2 tasks at 0.7 of 4: 2 chosen, busy, cordoned");
        for (int i = 1; i <= 8; i++) {
            ChosenScaleIns.Pass p = chosen.pass(read(2, busy), later(i), "guard service", GUARDS);
            assertEquals(List.of(), p.released(), "a chosen task with a call is never released: " + p);
        }
        assertTrue(effects.calls.stream().noneMatch(c -> c.equals("release") || c.equals("stop")), effects.calls.toString());
        String one = first.cordoned().get(0).substring(first.cordoned().get(0).lastIndexOf('/') + 1);
        TaskSnapshot[] ended = busy.clone();
        for (int i = 0; i < ended.length; i++) if (ended[i].id().equals(one)) ended[i] = task(one, 0, ON);
        ChosenScaleIns.Pass done = chosen.pass(read(2, ended), later(9), "guard service", GUARDS);
        assertEquals(List.of(first.cordoned().get(0)), done.released(), "its last call ended: released " + done);
    }

    /** ECS stops any unprotected task, not the one released: a task that may hold calls must be protected first. */
    @Test
    void nothingIsReleasedWhileATaskThatMayHoldCallsIsUnprotected() {
        chosen.pass(read(2, task("idle", 0, ON), task("b", 2, ON), task("c", 3, ON), task("d", 3, ON)), NOW,
                "guard service", GUARDS);
        ChosenScaleIns.Pass open = chosen.pass(read(2, task("idle", 0, ON), task("b", 2, Protection.OFF),
                task("c", 3, ON), task("d", 3, ON)), later(1), "guard service", GUARDS);
        assertEquals(List.of(), open.released(), "b has calls and nothing protects it: " + open);
        assertTrue(open.waiting().orElse("").contains("not protected"), open.toString());
        ChosenScaleIns.Pass unknown = chosen.pass(read(2, task("idle", 0, ON), task("b", -1, Protection.OFF),
                task("c", 3, ON), task("d", 3, ON)), later(2), "guard service", GUARDS);
        assertEquals(List.of(), unknown.released(), "b's calls are unknown and nothing protects it: " + unknown);
        ChosenScaleIns.Pass covered = chosen.pass(read(2, task("idle", 0, ON), task("b", 2, ON), task("c", 3, ON),
                task("d", 3, ON)), later(3), "guard service", GUARDS);
        assertEquals(1, covered.released().size(), "every busy task protected again: released " + covered);
    }

    @Test
    void noReleaseWhenEcsWaitsToStopNothingOrTheProtectionIsNotAGuards() {
        chosen.pass(read(2, task("idle", 0, ON), task("b", 2, ON), task("c", 3, ON), task("d", 3, ON)), NOW,
                "guard service", GUARDS);
        // The desired count came back up: a release now would leave the task open, and ECS would stop nothing.
        ChosenScaleIns.Pass up = chosen.pass(read(4, task("idle", 0, ON), task("b", 2, ON), task("c", 3, ON),
                task("d", 3, ON)), later(1), "guard service", GUARDS);
        assertEquals(List.of(), up.released(), up.toString());
        assertTrue(up.waiting().orElse("").contains("waits to stop no task"), up.toString());
        // The worker's own protection: its to end once idle.
        ChosenScaleIns.Pass self = chosen.pass(read(2, task("idle", 0, ON), task("b", 2, ON), task("c", 3, ON),
                task("d", 3, ON)), later(2), "guard service",
                t -> new ProtectionHolder(ProtectionHolder.Kind.SELF, "protected by its own worker (self-protection)"));
        assertEquals(List.of(), self.released(), self.toString());
        assertTrue(self.waiting().orElse("").contains("its own worker"), self.toString());
        assertEquals(List.of("cordon http"), effects.calls);
    }
}
