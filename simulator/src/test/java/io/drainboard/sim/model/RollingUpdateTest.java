package io.drainboard.sim.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** minimumHealthyPercent / maximumPercent bounds during a rolling update, checked every second. */
class RollingUpdateTest {
    @Test
    void maximum100Minimum50ReplacesHalfAtATimeAndNeverExceedsDesired() {
        ModelTestFleet f = new ModelTestFleet();
        ServiceState s = f.service("a", 4, new WorkerSpec(4, Duration.ofMinutes(60), "a"), 0);
        f.model.updateService(s, new ServiceUpdate(null, null, 50, 100, null, null, true, null));
        int maxLive = 0, minHealthy = Integer.MAX_VALUE;
        for (int i = 0; i < 600; i++) {
            f.advance(Duration.ofSeconds(1));
            maxLive = Math.max(maxLive, f.live(s).size());
            int healthy = (int) s.tasks().stream().filter(TaskState::healthy).count();
            minHealthy = Math.min(minHealthy, healthy);
        }
        assertEquals(4, maxLive, "maximumPercent 100: never more than 4 tasks asked to run");
        assertEquals(2, minHealthy, "minimumHealthyPercent 50: never fewer than 2 healthy");
        assertEquals(1, s.deployments().size());
        assertEquals("COMPLETED", s.primaryDeployment().rolloutState());
        List<TaskState> live = f.live(s);
        assertTrue(live.stream().allMatch(t -> t.deployment() == s.primaryDeployment()));
    }

    @Test
    void protectedOldTasksKeepTheDeploymentInProgress() {
        ModelTestFleet f = new ModelTestFleet();
        ServiceState s = f.service("a", 2, new WorkerSpec(4, Duration.ofMinutes(60), "a"), 0);
        TaskState old = f.live(s).get(0);
        f.model.updateTaskProtection(List.of(old), true, 30);
        f.model.updateService(s, new ServiceUpdate(null, null, null, null, null, null, true, null));
        f.advance(Duration.ofMinutes(10));
        assertEquals("RUNNING", old.lastStatus());
        assertEquals(2, s.deployments().size());
        assertEquals("IN_PROGRESS", s.primaryDeployment().rolloutState());
        assertEquals(2, s.primaryDeployment().runningCount());
        assertEquals(1, s.deployments().get(1).desiredCount());
        f.advance(Duration.ofMinutes(21));
        assertEquals("STOPPED", old.lastStatus());
        assertEquals(1, s.deployments().size());
        assertEquals("COMPLETED", s.primaryDeployment().rolloutState());
    }

    @Test
    void ec2TasksWaitForAnInstance() {
        ModelTestFleet f = new ModelTestFleet();
        TaskDefinitionState td = f.model.registerTaskDefinition("e", null, "256", "512", "bridge", List.of("EC2"),
                List.of(new ContainerDef("e", "e:1", 0, 0, true, null)));
        ServiceState s = f.model.addService(f.cluster, "e", "EC2", td.arn(), 2, new WorkerSpec(4, Duration.ofMinutes(60), "e"),
                new CallDurations(Duration.ofMinutes(3), Duration.ofMinutes(15)), 0, List.of("us-east-1a"), false);
        f.model.setDesiredCount(s, 2);
        f.advance(Duration.ofMinutes(1));
        assertEquals(0, s.tasks().size());
        assertTrue(s.events().get(s.events().size() - 1).message().contains("was unable to place a task"));
        ContainerInstanceState ci = f.model.addContainerInstance(f.cluster, "us-east-1a", "c6i.large");
        f.advance(Duration.ofMinutes(1));
        assertEquals(2, s.runningCount());
        assertTrue(s.tasks().stream().allMatch(t -> t.containerInstance() == ci));
        assertEquals(Duration.ofSeconds(30), s.tasks().get(0).stopTimeout(), "EC2 without a container value: the agent's 30 s");
    }
}
