package io.drainboard.scaling.lab;

import io.drainboard.drain.CutRisk;
import io.drainboard.drain.LognormalSurvival;
import io.drainboard.drain.PendingScaleIn;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.SelfProtection;
import io.drainboard.sim.model.ServiceState;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scale-in ECS holds back because every task is protected and busy, in virtual time on the simulator: six
 * self-protecting workers, a call of 16 minutes every minute and a half (about 11 running, so LiveKit's dispatch keeps a
 * call on nearly every task), and the desired count lowered to 3 as target tracking's diluted metric asks. The pass
 * finishes the scale-in within 15 minutes, down to what the calls need at 0.7 of 4 sessions (4 tasks); without it ECS
 * waits until tasks happen to go idle. Ground truth: no call cut, no caller refused.
 */
class SurplusDrainTest {
    private static final int[] ARRIVALS_EVERY_SECONDS = {90};

    /**
     * Ground truth at the end, the tasks 15 minutes after the lowering, the task-minutes billed from the lowering on (the
     * cost of the surplus) and the tasks every 5 minutes.
     */
    private record Outcome(int running, long cut, long refused, int stopped, int runningAfter15, long taskMinutesAfter,
                           String trace) {
    }

    private static Outcome run(boolean drain) throws Exception {
        Path scenario = Files.createTempFile("surplus-drain-", ".yaml");
        Files.writeString(scenario, """
                name: surplus-drain
                seed: 11
                start: "2026-03-02T00:00:00Z"
                warmup: 1m
                clusters:
                  - name: voice
                    services:
                      - name: agent
                        launchType: FARGATE
                        desiredCount: 6
                        taskDefinition: {family: agent, cpu: "1024", memory: "2048", containers: [{name: worker, stopTimeout: 120}]}
                        worker: {capacity: 4, drainTimeout: 3600s, drainRoute: true}
                        traffic: {load: 0, median: 960s, p99: 1800s}
                """);
        try (Simulator sim = Simulator.start(Simulator.Options.virtual(scenario.toString()))) {
            FleetModel model = sim.model();
            ServiceState s = model.read(m -> m.cluster("voice").orElseThrow().services().get("agent"));
            model.read(m -> {
                m.selfProtect(s, SelfProtection.Settings.DEFAULT.withLease(Duration.ofMinutes(2880)));
                return null;
            });
            SurplusDrain pass = new SurplusDrain(s, new PendingScaleIn.Need(4, 0.7),
                    new CutRisk(LognormalSurvival.ofMedianAndP99(960, 1800)));
            long elapsed = 0, taskHalfMinutes = 0;
            int after15 = -1;
            StringBuilder trace = new StringBuilder();
            for (int step = 0; step < 2 * 90; step++) { // 90 minutes in passes of 30 s
                if (elapsed % ARRIVALS_EVERY_SECONDS[0] == 0) {
                    model.read(m -> {
                        m.offerCall(s, Duration.ofMinutes(16), Duration.ofSeconds(60));
                        return null;
                    });
                }
                if (step == 2 * 30) model.read(m -> {
                    m.setDesiredCount(s, 3);
                    return null;
                });
                sim.advance(SurplusDrain.PASS);
                elapsed += SurplusDrain.PASS.toSeconds();
                if (drain) model.read(pass::pass);
                int running = model.read(m -> running(s));
                if (step >= 2 * 30) taskHalfMinutes += running;
                if (step % 10 == 9) trace.append(running).append(' ');
                if (step == 2 * 45 - 1) after15 = running;
            }
            long after = taskHalfMinutes / 2;
            int a15 = after15;
            return model.read(m -> new Outcome(running(s), m.callCounts(s).cut(), m.offers(s).refused(), pass.stopped(),
                    a15, after, trace.toString()));
        } finally {
            Files.deleteIfExists(scenario);
        }
    }

    private static int running(ServiceState s) {
        int n = 0;
        for (var t : s.taskView()) if (!"STOPPED".equals(t.lastStatus())) n++;
        return n;
    }

    @Test
    void aHeldBackScaleInIsFinishedWithoutCuttingACall() throws Exception {
        Outcome without = run(false), with = run(true);
        assertEquals(0, without.cut());
        assertTrue(without.runningAfter15() >= 5, "a call on every task: ECS still waits 15 minutes on: " + without);
        assertEquals(0, with.cut(), "stopped only once idle after their cordon: " + with);
        assertEquals(0, with.refused(), "the leaned tasks still took calls the others could not: " + with);
        // About 11 calls need ⌈11 / 2.8⌉ = 4 tasks; the desired count of 3 is below that and is not followed.
        assertTrue(with.runningAfter15() <= 4 && with.running() >= 3 && with.running() <= 4, "the surplus is gone: " + with);
        assertTrue(with.stopped() >= 2, with.toString());
        assertTrue(with.taskMinutesAfter() < without.taskMinutesAfter(), "cheaper: " + with + " against " + without);
    }
}
