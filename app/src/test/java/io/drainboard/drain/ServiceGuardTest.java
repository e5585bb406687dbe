package io.drainboard.drain;

import io.drainboard.SimClients;
import io.drainboard.audit.AuditEntry;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guard mode in the console ({@link ServiceGuard}) on the paths the guard service shares with it, over real wires in
 * virtual time: the room a busy task refused at ECS's protected-task limit gets from an idle task ({@link GuardRoom}),
 * and no release on the old reading a failed cluster read leaves.
 */
class ServiceGuardTest {
    private static final String SCALE_IN = Path.of("..", "simulator", "src", "test", "resources", "scenarios",
            "guard-scale-in.yaml").toString();

    /**
     * Guard chaos seed 82 (the autoscaler's scale-in and a native deploy) under guard mode: during the deploy ECS
     * refuses to protect a busy new task with DEPLOYMENT_BLOCKED while guard mode holds an idle task; guard mode
     * releases the idle one and protects the busy one in the same pass.
     */
    @Test
    void aBusyTaskRefusedAtTheProtectionLimitGetsTheSlotOfAnIdleTaskGuardModeHolds(@TempDir Path dir) throws Exception {
        String yaml = Files.readString(Path.of("..", "simulator", "src", "test", "resources", "scenarios", "guard-chaos.yaml"))
                .replace("seed: 1", "seed: 82");
        Path scenario = dir.resolve("guard-chaos-82.yaml");
        Files.writeString(scenario, yaml);
        try (DrainRig rig = new DrainRig(scenario.toString(), Simulator.Options.virtual(scenario.toString()).withAutoscaling(true),
                dir.resolve("data"));
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(rig.sim)) {
            aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/voice/agent")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(3).maxCapacity(16));
            rig.guard.enable("voice/agent", GuardPolicy.Settings.DEFAULT);
            long before = rig.truth("agent").cut();
            List<AuditEntry> room = List.of();
            for (int i = 0; i < 140 && room.isEmpty(); i++) {
                rig.step(Duration.ofSeconds(30));
                room = rig.audit.recent(100_000).stream().filter(e -> e.phase() == AuditEntry.Phase.RESULT
                        && e.reason().startsWith("guard mode: busy task protected in the room an idle task left")).toList();
            }
            assertTrue(!room.isEmpty(), "guard mode made room for a busy task refused at the limit");
            List<String> busy = room.get(0).targets();
            List<String> idle = rig.audit.recent(100_000).stream().filter(e -> e.phase() == AuditEntry.Phase.RESULT
                    && e.reason().startsWith("guard mode: idle task released to make room")).flatMap(e -> e.targets().stream())
                    .toList();
            assertEquals(busy.size(), idle.size(), "one idle task for each busy one");
            rig.sim.model().read(m -> {
                for (TaskState t : service(m).tasks()) {
                    if (busy.contains(t.arn())) {
                        assertTrue(t.isProtected(), "the busy task is protected now: " + t);
                    }
                }
                return null;
            });
            assertTrue(rig.guard.activities().stream().anyMatch(a -> a.toString().contains("to make room")),
                    "the task's activity says why it was released");
            assertEquals(0, rig.truth("agent").cut() - before, "no call cut");
            assertEquals(0, rig.sim.requests().count("ecs", "StopTask"), "guard mode never stops a task");
        }
    }

    /**
     * A cluster read that fails (throttled past the backoff, or a server error) leaves the last good reading, whose
     * services carry no error of their own; a task idle then may have calls now, so guard mode releases nothing on it.
     */
    @Test
    void aFailedClusterReadReleasesNothingOnTheOldReading(@TempDir Path dir) throws Exception {
        try (DrainRig rig = new DrainRig(SCALE_IN, Simulator.Options.virtual(SCALE_IN), dir)) {
            // From 13:30, half an hour after the traffic drop, some tasks are idle at times.
            while (rig.sim.clock().instant().isBefore(Instant.parse("2026-06-01T13:30:00Z"))) rig.step(Duration.ofSeconds(30));
            rig.guard.enable("voice/agent", GuardPolicy.Settings.DEFAULT);
            rig.step(Duration.ofSeconds(30)); // protects every task
            rig.sim.model().read(m -> {
                m.setDesiredCount(service(m), 3); // the autoscaler's scale-in: ECS waits for protected tasks
                return null;
            });
            rig.step(Duration.ofSeconds(30)); // one good read: the desired count, and idle tasks idle since now
            assertTrue(rig.last.tasks().anyMatch(t -> t.calls().known() && t.calls().count() == 0), "some task is idle");
            long released = releases(rig);
            rig.sim.faults().set("ecs:ListTasks", new Faults.Rule(0, 1, 0, Duration.ZERO));
            for (int i = 0; i < 8; i++) rig.step(Duration.ofSeconds(30));
            assertTrue(rig.last.clusters().get(0).error().isPresent(), "the cluster read failed");
            assertEquals(released, releases(rig), "nothing released on the old reading");

            rig.sim.faults().clear();
            for (int i = 0; i < 20; i++) rig.step(Duration.ofSeconds(30));
            assertTrue(releases(rig) > released, "guard mode carries on once ECS answers");
            assertEquals(0, rig.sim.requests().count("ecs", "StopTask"));
        }
    }

    private static long releases(DrainRig rig) {
        return rig.audit.recent(100_000).stream().filter(e -> e.phase() == AuditEntry.Phase.INTENT
                && e.reason().startsWith("guard mode: idle task released")).mapToLong(e -> e.targets().size()).sum();
    }

    private static ServiceState service(io.drainboard.sim.model.FleetModel m) {
        return m.cluster("voice").orElseThrow().services().get("agent");
    }
}
