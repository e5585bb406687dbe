package io.drainboard.fleet;

import io.drainboard.Console;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.ec2autoscaling.LifecycleHook;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read path's container instances over real wires: ECS status and agent, the Auto Scaling group,
 * protection and lifecycle hooks, and the calls on each instance matching the simulator's ground truth,
 * read through the request scheduler so they count in the snapshot's request stats.
 */
class InstanceReadWireTest {
    @Test
    void instancesCarryTheirGroupProtectionHooksAndCalls() throws Exception {
        String path = Path.of("..", "simulator", "src", "test", "resources", "scenarios", "asg-scale-in.yaml").toString();
        Simulator sim = Simulator.start(Simulator.Options.virtual(path));
        try (Console console = Console.onSimulator(ProfileLoader.parse(Path.of("t.yaml"),
                "name: t\nregion: us-east-1\nsimulator: {scenario: " + path + "}\nrefresh: 5s\n"), sim)) {
            sim.autoScalingGroups().putLifecycleHook("voice-asg", new LifecycleHook("drain-hook", LifecycleHook.TERMINATING,
                    Duration.ofSeconds(900), "CONTINUE"));
            String first = sim.model().read(m -> m.cluster("voice").orElseThrow().instances().values().iterator().next()
                    .ec2InstanceId());
            sim.autoScalingGroups().setProtection("voice-asg", java.util.List.of(first), true);
            FleetSnapshot s = console.refresher().readOnce();
            ClusterSnapshot c = s.clusters().get(0);
            assertEquals(4, c.instances().size());
            Map<String, Integer> truth = sim.model().read(m -> m.cluster("voice").orElseThrow().instances().values().stream()
                    .collect(Collectors.toMap(ci -> ci.ec2InstanceId(),
                            ci -> m.tasksOn(ci).stream().mapToInt(t -> t.calls().size()).sum())));
            for (InstanceSnapshot i : c.instances()) {
                assertEquals(truth.get(i.ec2InstanceId()), i.calls(), i.ec2InstanceId());
                assertTrue(i.callsKnown());
                assertEquals("ACTIVE", i.status());
                assertTrue(i.agentConnected());
                assertEquals(2, i.taskArns().size());
                assertEquals("voice-asg", i.autoScalingGroup().orElseThrow());
                assertEquals("InService", i.lifecycleState().orElseThrow());
                assertEquals(4, i.groupDesiredCapacity().orElseThrow());
                assertEquals(i.ec2InstanceId().equals(first), i.protectedNow());
                assertEquals(1, i.hooks().size());
                assertEquals(Duration.ofSeconds(900), i.hooks().get(0).heartbeatTimeout());
                assertEquals(Duration.ofSeconds(90_000), i.hooks().get(0).globalTimeout());
                assertTrue(i.availabilityZone().startsWith("us-east-1"));
            }
            assertEquals(1, s.requests().sent("ecs:ListContainerInstances"));
            assertEquals(1, s.requests().sent("ecs:DescribeContainerInstances"));
            assertEquals(1, s.requests().sent("autoscaling:DescribeAutoScalingInstances"));
            assertEquals(1, s.requests().sent("autoscaling:DescribeLifecycleHooks"));
            assertEquals(1, s.requests().sent("autoscaling:DescribeAutoScalingGroups"));
        }
    }
}
