package io.drainboard.guard;

import io.drainboard.Console;
import io.drainboard.SimClients;
import io.drainboard.audit.AuditLog;
import io.drainboard.aws.Regional;
import io.drainboard.aws.ServiceTagGateway;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.ChosenScaleIns;
import io.drainboard.drain.GuardPolicy;
import io.drainboard.drain.ProtectionActions;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.profile.IamPolicyGenerator;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.SelfProtection;
import io.drainboard.sim.model.ServiceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard service finishes an autoscaler scale-in that ECS holds back on busy protected tasks, by stopping the tasks
 * it chose once they are idle (docs/scaling.md, "Scale-in of chosen tasks"). Six workers that protect their own tasks
 * while busy take a 16-minute call every 90 s (about 11 calls, a call on every task: LiveKit gives the next call to the
 * emptiest worker); target tracking on worker load at 0.7 lowers the desired count to 4 and ECS waits. Over real SDK
 * clients against the simulator, with its autoscaler; ground truth: no call cut, no caller refused.
 */
class GuardChosenScaleInTest {
    private static final Duration STEP = Duration.ofSeconds(15);

    private record Outcome(int desired, int running, long cut, long refused, long stops, String log,
                           Set<String> sent, Set<String> granted) {
    }

    /** Who runs the protection layer: the guard service with or without the scale-in of chosen tasks, or guard mode. */
    private enum By { GUARD_SERVICE_UNWIRED, GUARD_SERVICE, GUARD_MODE }

    private static Outcome run(By by, Path dir) throws Exception {
        boolean wired = by == By.GUARD_SERVICE;
        Path scenario = dir.resolve("chosen-" + by + ".yaml");
        Files.writeString(scenario, """
                name: guard-chosen-scale-in
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
        List<String> log = new ArrayList<>();
        try (Simulator sim = Simulator.start(Simulator.Options.virtual(scenario.toString()).withAutoscaling(true));
             Console console = Console.onSimulator(ProfileLoader.parse(Path.of("chosen.yaml"), "name: chosen\nregion: us-east-1\n"
                     + "simulator: {scenario: " + scenario + "}\nrefresh: 15s\ncordon: {method: http}\n"), sim);
             EcsClient ecs = SimClients.ecs(sim);
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(sim)) {
            ServiceState s = sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent"));
            sim.model().read(m -> {
                m.selfProtect(s, SelfProtection.Settings.DEFAULT.withLease(Duration.ofMinutes(2880)));
                m.tagResource(s.arn(), Map.of(ChosenScaleIns.CAPACITY_TAG, "4"));
                return null;
            });
            ProtectionActions protection = new ProtectionActions(new TaskProtectionGateway(ecs),
                    new AuditLog(dir.resolve("audit-" + by), sim.clock(), "chosen"), false);
            GuardService guard = new GuardService(new GuardService.Settings("guard-a", "host-0", Duration.ofSeconds(60),
                    Set.of(), GuardPolicy.Settings.DEFAULT), sim.clock(), protection, new ServiceTagGateway(ecs),
                    Optional.of(new SessionMetrics(Regional.single("us-east-1", console.aws().get(0).cloudWatch()))),
                    wired ? Optional.of(console.actions().chosenScaleIns()) : Optional.empty(), log::add);
            FleetSnapshot last = null;
            for (int i = 0; i < 4 * 76; i++) { // 76 minutes of 15 s refreshes
                if (i == 4 * 16) { // the calls are at their steady level (a call lasts 16 minutes): scale on sessions
                    String id = "service/voice/agent";
                    aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(id)
                            .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(8));
                    aas.putScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(id)
                            .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName("sessions")
                            .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c -> c
                                    .targetValue(0.7).scaleOutCooldown(60).scaleInCooldown(300)
                                    .customizedMetricSpecification(m -> m.namespace("Drainboard/Agents")
                                            .metricName("agent_worker_load").statistic("Average")
                                            .dimensions(d -> d.name("ClusterName").value("voice"),
                                                    d -> d.name("ServiceName").value("agent")))));
                }
                if (i % 6 == 0) sim.model().read(m -> {
                    m.offerCall(s, Duration.ofMinutes(16), Duration.ofSeconds(60));
                    return null;
                });
                sim.advance(STEP);
                last = console.refresher().readOnce(); // guard mode, when on, runs on this reading (FleetActions)
                if (by == By.GUARD_MODE && i == 0) console.actions().guard("voice", "agent", true, "test");
                if (by != By.GUARD_MODE) guard.pass(last);
                if (i % 4 == 3) {
                    var v = last.service("voice", "agent").orElseThrow();
                    log.add("TRACE " + sim.clock().instant() + " desired " + v.desiredCount() + " tasks " + v.tasks().stream()
                            .filter(t -> "RUNNING".equals(t.lastStatus())).map(t -> t.desiredStatus().charAt(0) + ":"
                                    + (t.calls().known() ? "" + t.calls().count() : "?")).toList());
                }
            }
            var svc = last.service("voice", "agent").orElseThrow();
            int running = (int) svc.tasks().stream().filter(t -> "RUNNING".equals(t.lastStatus())
                    && "RUNNING".equals(t.desiredStatus())).count();
            // What the guard sent to AWS (the test's own scaling set-up left out), against its generated policy.
            Set<String> sent = new TreeSet<>();
            sim.requests().snapshot().keySet().stream().filter(k -> k.startsWith("ecs:") || k.startsWith("cloudwatch:")
                    || k.startsWith("autoscaling:")).forEach(sent::add);
            Set<String> granted = new TreeSet<>();
            IamPolicyGenerator.guardPolicy(console.profile()).get("Statement")
                    .forEach(st -> st.get("Action").forEach(a -> granted.add(a.asText())));
            return sim.model().read(m -> new Outcome(svc.desiredCount(), running, m.callCounts(s).cut(), m.offers(s).refused(),
                    sim.requests().count("ecs", "StopTask"), String.join("\n", log), sent, granted));
        }
    }

    @Test
    void anAutoscalerScaleInHeldBackByBusyProtectedTasksCompletesByStoppingIdleChosenOnes(@TempDir Path dir) throws Exception {
        Outcome without = run(By.GUARD_SERVICE_UNWIRED, dir);
        assertTrue(without.desired() < 6, "the autoscaler scaled in: " + without);
        assertTrue(without.running() > without.desired(), "without the scale-in of chosen tasks ECS still waits: " + without);

        Outcome with = run(By.GUARD_SERVICE, dir);
        assertEquals(0, with.cut(), "no call cut:\n" + with.log());
        assertEquals(0, with.refused(), "no caller refused:\n" + with.log());
        assertTrue(with.desired() < 6, with.toString());
        assertEquals(with.desired(), with.running(), "the scale-in completed:\n" + with + "\n" + with.log());
        assertTrue(with.stops() >= 1, "idle chosen tasks were stopped: " + with);
        assertTrue(with.log().contains("scale-in of chosen tasks: cordon"), with.log());
        // The guard's policy for a profile that cordons by http grants StopTask, and everything the guard sent.
        Set<String> uncovered = new TreeSet<>(with.sent());
        uncovered.removeAll(with.granted());
        assertEquals(Set.of(), uncovered, "sent by the guard but not in --iam-policy --guard");
        assertTrue(with.sent().contains("ecs:StopTask"), with.sent().toString());
    }

    /** Guard mode (the console's) runs the same scale-in of chosen tasks on the same reading. */
    @Test
    void guardModeCompletesItTheSameWay(@TempDir Path dir) throws Exception {
        Outcome mode = run(By.GUARD_MODE, dir);
        assertEquals(0, mode.cut(), "no call cut:\n" + mode.log());
        assertEquals(0, mode.refused(), "no caller refused:\n" + mode.log());
        assertTrue(mode.desired() < 6, mode.toString());
        assertEquals(mode.desired(), mode.running(), "the scale-in completed:\n" + mode + "\n" + mode.log());
        assertTrue(mode.stops() >= 1, "idle chosen tasks were stopped: " + mode);
    }
}
