package io.drainboard.guard;

import io.drainboard.drain.SessionHeadroom;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.cloudwatch.MetricId;
import io.drainboard.sim.cloudwatch.MetricStore;
import io.drainboard.sim.cloudwatch.Statistic;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard service's leader publishes what the recommended policy tracks — the headroom load and the tasks it aims
 * at — through the real CloudWatch client, from its reading; checked against the simulator's ground truth.
 */
class GuardHeadroomMetricTest {
    @Test
    void theLeaderPublishesTheHeadroomLoadOfATaggedService(@TempDir Path dir) throws Exception {
        String path = GuardRig.scenario("guard-scale-in.yaml");
        try (GuardRig rig = new GuardRig(path, Simulator.Options.virtual(path), dir)) {
            String svc = rig.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").arn());
            rig.sim.model().tagResource(svc, Map.of("drainboard:sessions-per-task", "5"));
            GuardService g = rig.replica("guard-a", Duration.ofSeconds(60), Set.of());
            // The leader's first good reading publishes (then once a minute); time stands still between the reading
            // and the check, so the ground truth now is what the reading saw.
            for (int i = 0; i < 20 && g.stats.metricsPublished.get() == 0; i++) rig.step(Duration.ofSeconds(15));
            Instant at = rig.sim.clock().instant();
            int[] truth = rig.sim.model().read(m -> {
                var s = m.cluster("voice").orElseThrow().services().get("agent");
                int calls = 0;
                for (TaskState t : s.taskView()) if ("RUNNING".equals(t.lastStatus())) calls += t.calls().size();
                return new int[]{calls, s.desiredCount()};
            });
            assertTrue(truth[0] > 0, "a busy service");
            // One reading: no ramp yet, so the headroom is the spare task (5 sessions) and a fifth of the sessions.
            double expected = (truth[0] + 5 + 0.2 * truth[0]) / (truth[1] * 5.0);
            assertEquals(expected, published(rig, SessionHeadroom.METRIC, at), 1e-9, "HeadroomLoad");
            assertEquals(Math.ceil((truth[0] + 5 + 0.2 * truth[0]) / 5.0 - 1e-9), published(rig, "TasksNeeded", at), 1e-9);
        }
    }

    @Test
    void withoutTheCapacityTagNothingIsPublishedForIt(@TempDir Path dir) throws Exception {
        String path = GuardRig.scenario("guard-scale-in.yaml");
        try (GuardRig rig = new GuardRig(path, Simulator.Options.virtual(path), dir)) {
            GuardService g = rig.replica("guard-a", Duration.ofSeconds(60), Set.of());
            for (int i = 0; i < 20 && g.stats.metricsPublished.get() == 0; i++) rig.step(Duration.ofSeconds(15));
            Instant at = rig.sim.clock().instant();
            assertEquals(1, points(rig, "ActiveSessions", at).size(), "the other figures are published");
            assertTrue(points(rig, SessionHeadroom.METRIC, at).isEmpty(), "no capacity, no headroom load");
        }
    }

    private static double published(GuardRig rig, String metric, Instant at) {
        List<MetricStore.Datapoint> p = points(rig, metric, at);
        assertEquals(1, p.size(), metric + " published once in its minute");
        return p.get(0).value();
    }

    private static List<MetricStore.Datapoint> points(GuardRig rig, String metric, Instant at) {
        MetricId id = MetricId.of(SessionHeadroom.NAMESPACE, metric, "ClusterName", "voice", "ServiceName", "agent");
        return rig.sim.metrics().query(id, at.minusSeconds(60), at.plusSeconds(60), 60, Statistic.Average,
                at.plus(Duration.ofMinutes(10)));
    }
}
