package io.drainboard.drain;

import io.drainboard.SimClients;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.Rules;
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
 * The drain, safe scale-in and guard scenarios under the other reading of what ECS leaves undocumented
 * (docs/simulator.md "Rules and switches"): lenient DEPLOYMENT_BLOCKED, reads that see writes at once. The
 * scenario tests beside this one run the harsh readings (the simulator's default); each engine must cut no call
 * under both.
 */
class LenientRulesScenarioTest {
    private static final Duration REFRESH = Duration.ofSeconds(15);
    private static final Rules LENIENT = Rules.DEFAULT.withStrictProtectionLimit(false).withReadAfterWriteLag(Duration.ZERO);

    @Test
    void aDrainCutsNoCall(@TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.sim.model().setRules(LENIENT);
            rig.step(Duration.ZERO);
            TaskSnapshot target = rig.busiest("agent");
            long cut = rig.truth("agent").cut();
            rig.drains.drain(DrainRig.CLUSTER, "agent", target.arn(), DrainPlan.defaults(CordonMethod.HTTP), rig.last.takenAt());
            DrainStatus status = null;
            for (int i = 0; i < 6 * 240 && (status == null || !status.phase().finished()); i++) {
                rig.step(REFRESH);
                status = rig.drains.drainOf(target.arn()).orElseThrow().status();
            }
            assertEquals(DrainPhase.DONE, status.phase(), status.toString());
            assertEquals(0, rig.truth("agent").cut() - cut);
        }
    }

    @Test
    void aSafeScaleInCutsNoCall(@TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.sim.model().setRules(LENIENT);
            rig.step(Duration.ZERO);
            ServiceSnapshot svc = rig.last.service(DrainRig.CLUSTER, "agent").orElseThrow();
            long cut = rig.truth("agent").cut();
            rig.scaleIns.start(svc, 2, "traffic is down", ScaleIn.plan(CordonMethod.HTTP, Duration.ofMinutes(45), 0.999),
                    rig.last.takenAt());
            ScaleInStatus st = rig.scaleIns.status(DrainRig.CLUSTER, "agent").orElseThrow();
            for (int i = 0; i < 4 * 60 * 4 && !st.phase().finished(); i++) {
                rig.step(REFRESH);
                st = rig.scaleIns.status(DrainRig.CLUSTER, "agent").orElseThrow();
            }
            assertEquals(ScaleInStatus.Phase.DONE, st.phase(), st.toString());
            assertEquals(0, rig.truth("agent").cut() - cut);
        }
    }

    @Test
    void guardModeCutsNoCallWhileTheAutoscalerScalesIn(@TempDir Path dir) throws Exception {
        String path = Path.of("..", "simulator", "src", "test", "resources", "scenarios", "guard-scale-in.yaml").toString();
        try (DrainRig rig = new DrainRig(path, Simulator.Options.virtual(path).withAutoscaling(true), dir);
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(rig.sim)) {
            rig.sim.model().setRules(LENIENT);
            aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/voice/agent")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(3).maxCapacity(16));
            rig.guard.enable("voice/agent", GuardPolicy.Settings.DEFAULT);
            long cut = rig.truth("agent").cut();
            for (int i = 0; i < 2 * 60 * 2; i++) rig.step(Duration.ofSeconds(30));
            assertTrue(rig.last.service("voice", "agent").orElseThrow().desiredCount() < 8, "the autoscaler scaled in");
            assertEquals(0, rig.truth("agent").cut() - cut);
        }
    }
}
