package io.drainboard.fleet;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RereadPolicyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final ReadSettings S = new ReadSettings(Duration.ofSeconds(30), 10, Duration.ofSeconds(300), 50);
    private static final TaskDefinition PLAIN = TaskDefinition.builder()
            .containerDefinitions(ContainerDefinition.builder().name("agent").build()).build();
    private static final TaskDefinition CHECKED = TaskDefinition.builder().containerDefinitions(ContainerDefinition
            .builder().name("agent").healthCheck(HealthCheck.builder().command("CMD", "true").build()).build()).build();

    private static KnownTask task(String last, String desired, String health) {
        return new KnownTask(Task.builder().taskArn("arn:aws:ecs:us-east-1:1:task/c/abc").taskDefinitionArn("td")
                .lastStatus(last).desiredStatus(desired).healthStatus(health).build(), T0, 1);
    }

    private static boolean needs(KnownTask k, DesiredStatus listed, Instant now, long refresh, TaskDefinition td) {
        return RereadPolicy.needsDescribe(k, listed, now, refresh, S, Optional.ofNullable(td));
    }

    @Test
    void aNewTaskIsDescribed() {
        assertTrue(needs(null, DesiredStatus.RUNNING, T0, 1, null));
    }

    @Test
    void aSettledTaskIsReusedUntilItsDataAges() {
        KnownTask k = task("RUNNING", "RUNNING", "HEALTHY");
        assertFalse(needs(k, DesiredStatus.RUNNING, T0.plusSeconds(3), 2, PLAIN));
        assertFalse(needs(k, DesiredStatus.RUNNING, T0.plusSeconds(14), 5, PLAIN));
        assertTrue(needs(k, DesiredStatus.RUNNING, T0.plusSeconds(30), 5, PLAIN), "older than settledTaskMaxAge");
        assertTrue(needs(k, DesiredStatus.RUNNING, T0.plusSeconds(1), 11, PLAIN), "after settledTaskMaxRefreshes");
    }

    @Test
    void aTaskWithoutHealthCheckIsSettledWithUnknownHealth() {
        assertFalse(needs(task("RUNNING", "RUNNING", "UNKNOWN"), DesiredStatus.RUNNING, T0.plusSeconds(3), 2, PLAIN));
    }

    @Test
    void aHealthCheckedTaskIsNotSettledUntilHealthy() {
        assertTrue(needs(task("RUNNING", "RUNNING", "UNKNOWN"), DesiredStatus.RUNNING, T0.plusSeconds(3), 2, CHECKED));
        assertTrue(needs(task("RUNNING", "RUNNING", "UNHEALTHY"), DesiredStatus.RUNNING, T0.plusSeconds(3), 2, PLAIN));
        assertFalse(needs(task("RUNNING", "RUNNING", "HEALTHY"), DesiredStatus.RUNNING, T0.plusSeconds(3), 2, CHECKED));
    }

    @Test
    void anUnknownTaskDefinitionCountsAsHealthChecked() {
        assertTrue(needs(task("RUNNING", "RUNNING", "UNKNOWN"), DesiredStatus.RUNNING, T0.plusSeconds(3), 2, null));
    }

    @Test
    void startingTasksAreDescribedEveryRefresh() {
        assertTrue(needs(task("PENDING", "RUNNING", "UNKNOWN"), DesiredStatus.RUNNING, T0.plusSeconds(1), 2, PLAIN));
        assertTrue(needs(task("ACTIVATING", "RUNNING", "UNKNOWN"), DesiredStatus.RUNNING, T0.plusSeconds(1), 2, PLAIN));
    }

    @Test
    void aTaskThatMovedToTheStoppedListIsDescribedUntilItHasStopped() {
        KnownTask wasRunning = task("RUNNING", "RUNNING", "HEALTHY");
        assertTrue(needs(wasRunning, DesiredStatus.STOPPED, T0.plusSeconds(1), 2, PLAIN));
        assertTrue(needs(task("STOPPING", "STOPPED", "HEALTHY"), DesiredStatus.STOPPED, T0.plusSeconds(1), 2, PLAIN));
        assertFalse(needs(task("STOPPED", "STOPPED", "UNKNOWN"), DesiredStatus.STOPPED, T0.plusSeconds(3600), 500, PLAIN),
                "a stopped task never changes again");
    }

    @Test
    void reReadsOfTasksReadTogetherAreSpreadOut() {
        Duration a = RereadPolicy.spread(Duration.ofSeconds(30), "arn:aws:ecs:us-east-1:1:task/c/0001");
        Duration b = RereadPolicy.spread(Duration.ofSeconds(30), "arn:aws:ecs:us-east-1:1:task/c/0002");
        assertTrue(a.compareTo(Duration.ofSeconds(15)) >= 0 && a.compareTo(Duration.ofSeconds(30)) <= 0);
        assertTrue(!a.equals(b));
    }
}
