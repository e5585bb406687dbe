package io.drainboard.sim.conformance;

import io.drainboard.sim.model.Rules;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.UpdateTaskProtectionResponse;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two readings of what AWS leaves undocumented about task scale-in protection (Developer Guide "Protect your
 * Amazon ECS tasks from being terminated by scale-in events",
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-scale-in-protection.html: DEPLOYMENT_BLOCKED
 * "means the service has more protected tasks than the desired count"; API Reference "UpdateTaskProtection": at
 * expiry ECS "clears the protectionEnabled property making the task eligible for termination by a subsequent
 * scale-in event"): the strict reading is the default, the lenient one a scenario switch.
 */
class ProtectionRulesTest extends FleetTest {
    @Override
    Fleet fleet() {
        return new Fleet("rules");
    }

    private UpdateTaskProtectionResponse protect(List<TaskState> tasks) {
        return f.ecs.updateTaskProtection(b -> b.cluster(C).tasks(tasks.stream().map(TaskState::arn).toList())
                .protectionEnabled(true).expiresInMinutes(60));
    }

    private void lenient() {
        f.sim.model().setRules(f.sim.model().rules().withStrictProtectionLimit(false));
    }

    @Test
    void theDefaultIsTheStrictReading() {
        assertTrue(Rules.DEFAULT.strictProtectionLimit());
        assertTrue(f.sim.model().rules().strictProtectionLimit());
    }

    /** Both readings: protecting up to the desired count works, past it is DEPLOYMENT_BLOCKED (the documented part). */
    @Test
    void upToTheDesiredCountProtectionIsGrantedInBothReadings() {
        for (boolean strict : new boolean[] {true, false}) {
            f.sim.model().setRules(f.sim.model().rules().withStrictProtectionLimit(strict));
            List<TaskState> tasks = f.liveTasks("agent");
            assertEquals(4, protect(tasks).protectedTasks().size(), "strict=" + strict);
            f.ecs.updateTaskProtection(b -> b.cluster(C).tasks(tasks.stream().map(TaskState::arn).toList()).protectionEnabled(false));
        }
    }

    /** Strict: with as many protected tasks as desired, renewing one of them is refused. Lenient: it is granted. */
    @Test
    void aRenewalAtCountEqualToDesiredIsRefusedStrictlyAndGrantedLeniently() {
        List<TaskState> tasks = f.liveTasks("agent");
        assertEquals(4, protect(tasks).protectedTasks().size());
        UpdateTaskProtectionResponse strict = protect(List.of(tasks.get(0)));
        assertEquals("DEPLOYMENT_BLOCKED", strict.failures().get(0).reason());
        lenient();
        assertEquals(1, protect(List.of(tasks.get(0))).protectedTasks().size());
    }

    /** Strict: an old deployment's protected tasks count against the desired count. Lenient: only PRIMARY's do. */
    @Test
    void oldDeploymentTasksCountStrictlyButNotLeniently() {
        List<TaskState> old = f.liveTasks("agent");
        protect(old.subList(0, 2));
        f.ecs.updateService(b -> b.cluster(C).service("agent").forceNewDeployment(true));
        f.advance(Duration.ofMinutes(3)); // four new tasks run; the two protected old ones stay
        List<TaskState> fresh = f.liveTasks("agent").stream().filter(t -> !old.contains(t)).toList();
        assertEquals(4, fresh.size());
        assertEquals(6, f.liveTasks("agent").size(), "the protected old tasks are still there");
        UpdateTaskProtectionResponse strict = protect(fresh);
        assertEquals(2, strict.protectedTasks().size(), "2 old + 2 new = desired 4");
        assertEquals(2, strict.failures().size());
        assertEquals("DEPLOYMENT_BLOCKED", strict.failures().get(0).reason());
        lenient();
        List<TaskState> refused = fresh.stream().filter(t -> !t.isProtected()).toList();
        assertEquals(2, protect(refused).protectedTasks().size(), "lenient: the old ones do not count");
    }

    /** Default: at expiry the waiting scale-in stops the task at once (the harsh reading). */
    @Test
    void atExpiryAWaitingScaleInActsAtOnceByDefault() {
        List<TaskState> tasks = f.liveTasks("agent");
        f.ecs.updateTaskProtection(b -> b.cluster(C).tasks(tasks.stream().map(TaskState::arn).toList())
                .protectionEnabled(true).expiresInMinutes(2));
        f.ecs.updateService(b -> b.cluster(C).service("agent").desiredCount(3));
        f.advance(Duration.ofMinutes(2).minusMillis(1));
        assertEquals(0, stopping());
        f.advance(Duration.ofMillis(2));
        assertEquals(1, stopping(), "stopped the instant protection lapsed");
    }

    /** Switch: the scheduler acts on a lapsed protection only after protectionExpiryDelay (API shows it lapsed). */
    @Test
    void withAnExpiryDelayTheSchedulerActsThatMuchLater() {
        f.sim.model().setRules(f.sim.model().rules().withProtectionExpiryDelay(Duration.ofSeconds(60)));
        List<TaskState> tasks = f.liveTasks("agent");
        f.ecs.updateTaskProtection(b -> b.cluster(C).tasks(tasks.stream().map(TaskState::arn).toList())
                .protectionEnabled(true).expiresInMinutes(2));
        f.ecs.updateService(b -> b.cluster(C).service("agent").desiredCount(3));
        f.advance(Duration.ofMinutes(2).plusSeconds(30));
        assertTrue(f.ecs.getTaskProtection(b -> b.cluster(C).tasks(tasks.get(0).arn())).protectedTasks().stream()
                .noneMatch(p -> p.protectionEnabled()), "the API shows it lapsed");
        assertEquals(0, stopping(), "the scheduler has not acted yet");
        f.advance(Duration.ofSeconds(31));
        assertEquals(1, stopping());
    }

    private int stopping() {
        return f.sim.model().read(m -> (int) f.service("agent").tasks().stream()
                .filter(t -> "STOPPED".equals(t.desiredStatus())).count());
    }
}
