package io.drainboard.sim.model;

import io.drainboard.sim.clock.SimClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A small fleet built straight on the model (no HTTP), with a manual clock. */
final class ModelTestFleet {
    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    final SimClock clock = SimClock.manual(T0);
    final FleetModel model = new FleetModel(new Arns("us-east-1", "123456789012"), clock, 7, T0);
    final ClusterState cluster = model.addCluster("c");

    ServiceState service(String name, int desired, WorkerSpec worker, double arrivalsPerSecond) {
        TaskDefinitionState td = model.registerTaskDefinition(name, null, "1024", "2048", "awsvpc", List.of("FARGATE"),
                List.of(new ContainerDef("agent", "agent:1", 0, 0, true, 120)));
        ServiceState s = model.addService(cluster, name, "FARGATE", td.arn(), desired, worker,
                new CallDurations(Duration.ofMinutes(3), Duration.ofMinutes(15)), arrivalsPerSecond,
                List.of("us-east-1a", "us-east-1b"), true);
        for (int i = 0; i < desired; i++) model.addRunningTask(s, T0.minusSeconds(3600), null);
        return s;
    }

    void advance(Duration d) {
        clock.advance(d);
        model.sync();
    }

    List<TaskState> live(ServiceState s) {
        return s.tasks().stream().filter(t -> !t.stopping()).toList();
    }
}
