package io.drainboard.drain;

import io.drainboard.Console;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A read-only profile can act on nothing: every mutating action is refused and nothing reaches AWS. */
class ReadOnlyRailsTest {
    private static final Set<String> MUTATING = Set.of("UpdateTaskProtection", "StopTask", "UpdateService",
            "ExecuteCommand", "TagResource", "UntagResource", "RegisterTaskDefinition", "UpdateContainerInstancesState",
            "RegisterScalableTarget", "SetInstanceProtection");

    @Test
    void aReadOnlyProfileSendsNoMutatingRequest() throws Exception {
        Simulator sim = Simulator.start(Simulator.Options.virtual("demo"));
        try (Console console = Console.onSimulator(ProfileLoader.parse(Path.of("ro.yaml"),
                "name: ro\nregion: us-east-1\nsimulator: {scenario: demo}\nreadOnly: true\n"), sim)) {
            FleetSnapshot s = console.refresher().readOnce();
            TaskSnapshot t = s.tasks().filter(x -> x.calls().count() > 0).findFirst().orElseThrow();
            FleetActions a = console.actions();
            assertThrows(ReadOnlyException.class, () -> a.protect(t.clusterName(), List.of(t.arn()), 60, "test"));
            assertThrows(ReadOnlyException.class, () -> a.release(t.clusterName(), List.of(t.arn()), "test"));
            assertThrows(ReadOnlyException.class, () -> a.guard(t.clusterName(), t.serviceName(), true));
            assertThrows(ReadOnlyException.class, () -> a.scaleIn(t.clusterName(), t.serviceName(), 1, "test"));
            ReadOnlyException e = assertThrows(ReadOnlyException.class, () -> a.drain(t.clusterName(), t.serviceName(), t.arn()));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
            CapacityActions capacity = console.capacity();
            var instance = s.clusters().stream().flatMap(c -> c.instances().stream()).findFirst().orElseThrow();
            assertThrows(ReadOnlyException.class, () -> capacity.setProtection(instance, true, "test"));
            assertThrows(ReadOnlyException.class, () -> capacity.drain(instance, "test"));
            assertThrows(ReadOnlyException.class, () -> capacity.guard(instance.clusterName(), true, "test"));
            for (int i = 0; i < 5; i++) {
                sim.clock().advance(Duration.ofSeconds(30));
                console.refresher().readOnce();
            }
            Map<String, Long> sent = sim.requests().snapshot();
            long mutating = sent.entrySet().stream()
                    .filter(en -> MUTATING.contains(en.getKey().substring(en.getKey().indexOf(':') + 1)))
                    .mapToLong(Map.Entry::getValue).sum();
            assertEquals(0, mutating, "requests the simulator saw: " + sent);
            assertTrue(sent.getOrDefault("ecs:DescribeTasks", 0L) > 0, "while reading went on: " + sent);
        }
    }
}
