package io.drainboard.sim.conformance;

import io.drainboard.sim.model.Rules;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ECS's eventual consistency (API Reference "RunTask": "the result of an API command you run that affects your
 * Amazon ECS resources might not be immediately visible to all subsequent commands you run"; how long is not
 * documented): by default each write stays invisible to reads for a seeded 0–5 s; the write's own response is
 * current; {@code rules.readAfterWriteLag: 0s} turns it off.
 */
class ReadAfterWriteLagTest extends FleetTest {
    private static final Duration LAG = Duration.ofSeconds(5);

    @Override
    Fleet fleet() {
        Fleet fleet = new Fleet("rules");
        fleet.sim.model().setRules(fleet.sim.model().rules().withReadAfterWriteLag(LAG));
        return fleet;
    }

    @Test
    void theDefaultLagIsUpToFiveSeconds() {
        assertEquals(LAG, Rules.DEFAULT.readAfterWriteLag());
        List<Duration> lags = new ArrayList<>();
        for (int i = 0; i < 200; i++) lags.add(f.sim.model().drawReadAfterWriteLag());
        assertTrue(lags.stream().allMatch(d -> !d.isNegative() && d.compareTo(LAG) <= 0));
        assertTrue(lags.stream().anyMatch(d -> d.compareTo(Duration.ofSeconds(4)) > 0), "some lags are long");
    }

    /** Stop-then-list: a stopped task is still listed RUNNING, and described as before, until its write shows. */
    @Test
    void afterStopTaskTheReadsShowTheTaskAsItWasUntilTheLagPasses() {
        TaskState t = f.liveTasks("agent").get(0);
        assertEquals("STOPPED", f.ecs.stopTask(b -> b.cluster(C).task(t.arn())).task().desiredStatus(), "the write's answer is current");
        int seenStale = 0;
        for (int ms = 0; ms <= LAG.toMillis() + 200; ms += 200) {
            boolean listed = f.ecs.listTasks(b -> b.cluster(C).serviceName("agent").desiredStatus(DesiredStatus.RUNNING))
                    .taskArns().contains(t.arn());
            String desired = f.describe(t).desiredStatus();
            assertEquals(listed, "RUNNING".equals(desired), "list and describe agree at +" + ms + " ms");
            if (listed) seenStale++;
            f.advance(Duration.ofMillis(200));
        }
        assertFalse(f.ecs.listTasks(b -> b.cluster(C).serviceName("agent")).taskArns().contains(t.arn()), "visible after 5 s");
        assertEquals("STOPPED", f.describe(t).desiredStatus());
        assertTrue(seenStale >= 1, "seen as before the write at first");
    }

    /** Over many writes, some are seen late and none later than the lag: protect-then-check. */
    @Test
    void afterUpdateTaskProtectionGetTaskProtectionMayShowTheOldStateForUpToTheLag() {
        TaskState t = f.liveTasks("agent").get(0);
        int stale = 0;
        for (int round = 0; round < 10; round++) {
            boolean on = round % 2 == 0; // on, off, on, …: every write changes what a read would show
            var r = f.ecs.updateTaskProtection(b -> b.cluster(C).tasks(t.arn()).protectionEnabled(on).expiresInMinutes(30));
            assertEquals(on, r.protectedTasks().get(0).protectionEnabled(), "the write's answer is current");
            if (f.ecs.getTaskProtection(b -> b.cluster(C).tasks(t.arn())).protectedTasks().get(0).protectionEnabled() != on) stale++;
            f.advance(LAG);
            assertEquals(on, f.ecs.getTaskProtection(b -> b.cluster(C).tasks(t.arn())).protectedTasks().get(0)
                    .protectionEnabled(), "visible once the lag has passed");
        }
        assertTrue(stale >= 8, "writes are seen late at first: " + stale + " of 10");
    }

    /** UpdateService-then-describe: the old desired count for up to the lag. */
    @Test
    void afterUpdateServiceDescribeServicesMayShowTheOldService() {
        assertEquals(5, f.ecs.updateService(b -> b.cluster(C).service("agent").desiredCount(5)).service().desiredCount());
        int seen = f.describe("agent").desiredCount();
        f.advance(LAG);
        assertEquals(5, f.describe("agent").desiredCount());
        assertTrue(seen == 4 || seen == 5);
    }

    /** Tags (the console's rollout lock) and container instance state lag the same way. */
    @Test
    void tagsAndContainerInstanceStateLagToo() {
        String arn = f.describe("agent").serviceArn();
        int staleTags = 0;
        for (int i = 0; i < 6; i++) {
            String v = "v" + i;
            f.ecs.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("k").value(v).build()));
            String seen = f.ecs.listTagsForResource(b -> b.resourceArn(arn)).tags().stream().filter(t -> t.key().equals("k"))
                    .map(Tag::value).findFirst().orElse(null);
            if (!v.equals(seen)) staleTags++;
            f.advance(LAG);
        }
        assertTrue(staleTags >= 3, "tags seen late: " + staleTags + " of 6");
        String ci = f.ecs.listContainerInstances(b -> b.cluster(C)).containerInstanceArns().get(0);
        f.ecs.updateContainerInstancesState(b -> b.cluster(C).containerInstances(ci).status(ContainerInstanceStatus.DRAINING));
        f.advance(LAG);
        assertEquals("DRAINING", f.ecs.describeContainerInstances(b -> b.cluster(C).containerInstances(ci))
                .containerInstances().get(0).status());
    }

    /** RunTask-then-describe (the API Reference's own example): the new task may be MISSING at first. */
    @Test
    void aTaskRunTaskStartedMayNotBeFoundAtFirst() {
        String td = f.describe("dialer").taskDefinition();
        int missing = 0;
        for (int i = 0; i < 6; i++) {
            String arn = f.ecs.runTask(b -> b.cluster(C).taskDefinition(td).launchType("EC2")).tasks().get(0).taskArn();
            var r = f.ecs.describeTasks(b -> b.cluster(C).tasks(arn));
            if (r.tasks().isEmpty()) {
                assertEquals("MISSING", r.failures().get(0).reason());
                missing++;
            }
            f.advance(LAG);
            assertEquals(1, f.ecs.describeTasks(b -> b.cluster(C).tasks(arn)).tasks().size());
        }
        assertTrue(missing >= 3, "missing at first: " + missing + " of 6");
    }

    @Test
    void withTheLagOffEveryReadSeesEveryWrite() {
        f.sim.model().setRules(f.sim.model().rules().withReadAfterWriteLag(Duration.ZERO));
        TaskState t = f.liveTasks("agent").get(0);
        f.ecs.updateTaskProtection(b -> b.cluster(C).tasks(t.arn()).protectionEnabled(true));
        assertTrue(f.ecs.getTaskProtection(b -> b.cluster(C).tasks(t.arn())).protectedTasks().get(0).protectionEnabled());
        f.ecs.stopTask(b -> b.cluster(C).task(t.arn()));
        assertEquals("STOPPED", f.describe(t).desiredStatus());
    }
}
