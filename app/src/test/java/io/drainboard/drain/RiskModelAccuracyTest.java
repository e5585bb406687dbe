package io.drainboard.drain;

import io.drainboard.SimClients;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.CallState;
import io.drainboard.sim.model.ServiceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live figure (docs/drain.md, Risk model) "a native deploy now would cut ≈ N calls": summed over many seeds, the
 * prediction (each call of age a survives the stopTimeout w with S(a+w)/S(a)) is within 20 % of what the
 * simulator then cuts in a native rolling deploy.
 */
class RiskModelAccuracyTest {
    private static final int SEEDS = 24;
    private static final String SCENARIO = """
            name: risk-%d
            seed: %d
            start: "2026-06-01T12:00:00Z"
            warmup: 60m
            clusters:
              - name: voice
                services:
                  - name: agent
                    launchType: FARGATE
                    desiredCount: 8
                    taskDefinition: {family: agent, revision: 1, containers: [{name: agent, stopTimeout: 120}]}
                    worker: {capacity: 5, drainTimeout: 60m}
                    traffic: {load: 0.6, median: 4m, p99: 25m}
            """;

    @Test
    void theNativeDeployPredictionIsWithinTwentyPercentOverManySeeds(@TempDir Path dir) throws Exception {
        CutRisk risk = new CutRisk(LognormalSurvival.ofMedianAndP99(240, 1500));
        double predicted = 0;
        long cut = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            Path file = dir.resolve("risk-" + seed + ".yaml");
            Files.writeString(file, SCENARIO.formatted(seed, seed));
            try (Simulator sim = Simulator.start(Simulator.Options.virtual(file.toString()));
                 EcsClient ecs = SimClients.ecs(sim)) {
                Instant now = sim.clock().instant();
                List<Double> ages = sim.model().read(m -> {
                    List<Double> out = new ArrayList<>();
                    for (CallState c : m.calls()) out.add((double) Duration.between(c.startedAt(), now).toSeconds());
                    return out;
                });
                predicted += risk.expectedCut(ages, 120);
                long before = cut(sim);
                ecs.updateService(b -> b.cluster("voice").service("agent").forceNewDeployment(true));
                for (int i = 0; i < 90; i++) {
                    sim.clock().advance(Duration.ofSeconds(20));
                    sim.model().sync();
                }
                cut += cut(sim) - before;
            }
        }
        double ratio = predicted / cut;
        System.out.printf("risk model: predicted %.1f, simulator cut %d over %d seeds (ratio %.2f)%n",
                predicted, cut, SEEDS, ratio);
        assertTrue(cut > 0, "a native deploy on Fargate 120 s cuts calls");
        assertTrue(Math.abs(ratio - 1) <= 0.20, "prediction " + predicted + " vs cut " + cut);
    }

    private static long cut(Simulator sim) {
        return sim.model().read(m -> {
            ServiceState s = m.cluster("voice").orElseThrow().services().get("agent");
            return m.callCounts(s).cut();
        });
    }
}
