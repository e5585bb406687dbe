package io.drainboard.sim.agent;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.autoscaling.ScalableTargets;
import io.drainboard.sim.http.SimClients;
import io.drainboard.sim.model.GroundTruth;
import io.drainboard.sim.model.SelfProtection;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workers that protect their own task (scenario {@code worker.selfProtect}, docs/worker-snippets.md) against ECS's
 * own scale-in (the target-tracking autoscaler after a traffic drop) and a native rolling deploy, with nothing else
 * acting: the same scenario and seed with and without self-protection, judged on the simulator's ground truth.
 */
class SelfProtectionScenarioTest {
    record Outcome(long cut, int desiredAtEnd, long oldTasksLeft, SelfProtection.Stats stats) {
    }

    static Outcome run(Path scenario) {
        try (Simulator sim = Simulator.start(Simulator.Options.virtual(scenario.toString()).withAutoscaling(true))) {
            // Let the autoscaler go down to 3 tasks, as an operator's target would.
            sim.scalableTargets().register("service/voice/agent", new ScalableTargets.Registration(3, 16, null, null, null, null));
            GroundTruth before = sim.groundTruth();
            sim.advance(Duration.ofHours(3));
            GroundTruth after = sim.groundTruth();
            return sim.model().read(m -> {
                ServiceState s = m.cluster("voice").orElseThrow().services().get("agent");
                long old = s.tasks().stream().filter(t -> !"STOPPED".equals(t.lastStatus()))
                        .map(TaskState::taskDefinitionArn).filter(a -> a.endsWith(":5")).count();
                return new Outcome(after.callsCut() - before.callsCut(), s.desiredCount(), old, m.selfProtectionStats(s));
            });
        }
    }

    static Path variant(Path dir, boolean selfProtect) throws Exception {
        return variant(dir, Boolean.toString(selfProtect));
    }

    /** The scenario with {@code worker.selfProtect} set to {@code value} (true, false or a settings map). */
    static Path variant(Path dir, String value) throws Exception {
        String yaml = Files.readString(Path.of(SimClients.testScenario("self-protect")));
        Path p = dir.resolve("self-protect-" + Integer.toHexString(value.hashCode()) + ".yaml");
        Files.writeString(p, yaml.replace("selfProtect: true", "selfProtect: " + value));
        return p;
    }

    @Test
    void selfProtectingWorkersLoseNoCallToScaleInOrADeployWithoutItCallsAreCut(@TempDir Path dir) throws Exception {
        Outcome off = run(variant(dir, false));
        Outcome on = run(variant(dir, true));
        assertTrue(off.desiredAtEnd() < 8 && on.desiredAtEnd() < 8, "the autoscaler scaled in both times: " + off + " " + on);
        assertEquals(0, off.oldTasksLeft(), "the deploy replaced every old task: " + off);
        assertEquals(0, on.oldTasksLeft(), "the deploy replaced every old task, waiting for busy ones: " + on);
        assertTrue(off.cut() > 0, "without self-protection ECS cut calls: " + off);
        assertEquals(0, on.cut(), "with self-protection: " + on);
        assertTrue(on.stats().protects() > 0 && on.stats().releases() > 0, "the workers protected and released: " + on);
        assertEquals(0, off.stats().protects(), "no worker called the agent without selfProtect: " + off);
    }

    /**
     * Why the snippet's lease is 180 minutes: on the strict reading of DEPLOYMENT_BLOCKED (the default) ECS refuses
     * every renewal once the service's protected tasks reach its desired count — here from the scale-in on — so a
     * worker's last granted lease is all it has, and a 60-minute one runs out under a task that stays busy.
     */
    @Test
    void atTheProtectedTaskLimitOnlyALongLeaseCarriesABusyWorker(@TempDir Path dir) throws Exception {
        Outcome shortLease = run(variant(dir, "{lease: 60m}"));
        assertTrue(shortLease.cut() > 0, "a 60-minute lease runs out under busy workers whose renewals are refused: " + shortLease);
        assertTrue(shortLease.stats().failuresByReason().getOrDefault("DEPLOYMENT_BLOCKED", 0L) > 0, shortLease.toString());
    }
}
