package io.drainboard.drain;

import io.drainboard.SimClients;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guard mode against the simulated autoscaler during a traffic drop: the same scenario and seed with and
 * without the guard. Without it ECS scale-in stops busy tasks and, on Fargate's 120 s cap, cuts calls;
 * with it only idle tasks are ever stopped.
 */
class GuardScenarioTest {
    private record Outcome(long cut, int desiredAtEnd) {
    }

    private Outcome run(boolean guarded, Path dir) throws Exception {
        String path = Path.of("..", "simulator", "src", "test", "resources", "scenarios", "guard-scale-in.yaml").toString();
        try (DrainRig rig = new DrainRig(path, Simulator.Options.virtual(path).withAutoscaling(true), dir);
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(rig.sim)) {
            // Let the autoscaler go down to 3 tasks, as an operator's target would.
            aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS)
                    .resourceId("service/voice/agent").scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .minCapacity(3).maxCapacity(16));
            if (guarded) rig.guard.enable("voice/agent", GuardPolicy.Settings.DEFAULT);
            long before = rig.truth("agent").cut();
            for (int i = 0; i < 2 * 60 * 2; i++) rig.step(Duration.ofSeconds(30));
            return new Outcome(rig.truth("agent").cut() - before,
                    rig.last.service("voice", "agent").orElseThrow().desiredCount());
        }
    }

    @Test
    void withGuardModeScaleInCutsNoCallWithoutItItDoes(@TempDir Path a, @TempDir Path b) throws Exception {
        Outcome unguarded = run(false, a);
        Outcome guarded = run(true, b);
        assertTrue(unguarded.desiredAtEnd() < 8 && guarded.desiredAtEnd() < 8,
                "the autoscaler scaled in both times: " + unguarded + " " + guarded);
        assertTrue(unguarded.cut() > 0, "without the guard ECS scale-in cut calls: " + unguarded);
        assertEquals(0, guarded.cut(), "with the guard: " + guarded);
    }
}
