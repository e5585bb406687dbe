package io.drainboard.guard;

import io.drainboard.SimClients;
import io.drainboard.sim.Simulator;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;

/**
 * One seeded chaos run (guard-chaos.yaml: the autoscaler's scale-in after a traffic drop and a native deploy at +40m,
 * 100 minutes in 30 s refreshes): with the guard off, or with two guard replicas that are killed (kill -9: nothing
 * resigns) and restarted (a new process: new id, no memory of its grants) at seeded times. Judged on the simulator's
 * ground truth.
 */
final class GuardChaosRun {
    static final Duration STEP = Duration.ofSeconds(30);
    static final int STEPS = 200;
    static final Duration TTL = Duration.ofSeconds(60);

    record Outcome(long seed, boolean guarded, long cut, int kills, int restarts, int desiredAtEnd, long oldTasksLeft,
                   long newTasks, long stopTasks) {
    }

    private GuardChaosRun() {
    }

    /** guard-chaos.yaml with its seed replaced, written to {@code dir}. */
    static Path scenario(long seed, Path dir) throws java.io.IOException {
        String yaml = Files.readString(Path.of(GuardRig.scenario("guard-chaos.yaml"))).replace("seed: 1", "seed: " + seed);
        Path scenario = dir.resolve("guard-chaos-" + seed + ".yaml");
        Files.writeString(scenario, yaml);
        return scenario;
    }

    static Outcome run(long seed, boolean guarded, Path dir) throws Exception {
        return run(seed, guarded, dir, line -> {
        });
    }

    /** As above; {@code trace} gets the guards' decision log and every change of a task's ground truth, step by step. */
    static Outcome run(long seed, boolean guarded, Path dir, java.util.function.Consumer<String> trace) throws Exception {
        Path scenario = scenario(seed, dir);
        Random r = new Random(seed * 7919);
        int kills = 0, restarts = 0;
        try (GuardRig rig = new GuardRig(scenario.toString(), Simulator.Options.virtual(scenario.toString()).withAutoscaling(true),
                dir.resolve("data-" + seed + "-" + guarded));
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(rig.sim)) {
            aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/voice/agent")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(3).maxCapacity(16));
            if (guarded) {
                rig.replica("guard-" + seed + "-0", TTL, Set.of());
                rig.replica("guard-" + seed + "-1", TTL, Set.of());
            }
            long before = rig.sim.groundTruth().callsCut();
            int[] downUntil = {-1, -1};
            java.util.Map<String, String> seen = new java.util.HashMap<>();
            for (int i = 0; i < STEPS; i++) {
                if (guarded) {
                    for (int k = 0; k < 2; k++) {
                        if (rig.alive.get(k) && r.nextDouble() < 0.04) { // about one kill per replica every 12 minutes
                            rig.kill(k);
                            trace.accept(rig.sim.clock().instant() + " KILL replica " + k);
                            kills++;
                            downUntil[k] = i + 1 + r.nextInt(10); // back after 30 s to 5 min
                        } else if (!rig.alive.get(k) && i >= downUntil[k]) {
                            rig.restart(k, "guard-" + seed + "-" + k + "-r" + (++restarts), TTL);
                            trace.accept(rig.sim.clock().instant() + " RESTART replica " + k);
                        }
                    }
                }
                rig.step(STEP);
                rig.log.forEach(trace);
                rig.log.clear();
                GroundTruthTrace.changes(rig.sim, seen).forEach(trace);
            }
            var s = rig.last.service("voice", "agent").orElseThrow();
            long old = s.tasks().stream().filter(t -> t.taskDefinitionArn().endsWith(":5")).count();
            long fresh = s.tasks().stream().filter(t -> t.taskDefinitionArn().endsWith(":6")).count();
            return new Outcome(seed, guarded, rig.sim.groundTruth().callsCut() - before, kills, restarts, s.desiredCount(), old,
                    fresh, rig.sim.requests().count("ecs", "StopTask"));
        }
    }
}
